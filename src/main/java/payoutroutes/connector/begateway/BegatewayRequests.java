package payoutroutes.connector.begateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import payoutroutes.model.Json;
import payoutroutes.model.Beneficiary;
import payoutroutes.model.CurrencyExponents;
import payoutroutes.model.PayoutRequest;
import payoutroutes.connector.PayoutNotSent;
import payoutroutes.connector.ConnectorCall;

/**
 * Builds the provider's HTTP request: {@code POST /transactions/payouts} with {@code {"request":{...}}} from the
 * canonical payout, or the status query {@code GET /transactions/tracking_id/{payoutId}}, which finds the payout
 * even when the create's answer (and so the transaction's uid) never reached us.
 */
final class BegatewayRequests {

    private BegatewayRequests() {
    }

    static void request(ConnectorCall call, BegatewaySettings settings, Message message) {
        message.setHeader("Accept", "application/json");
        if (call.isCreate()) {
            String body;
            try {
                body = Json.MAPPER.writeValueAsString(payoutBody(call.payout(), settings));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new PayoutNotSent("the payout could not be put in " + call.provider() + "'s terms", e);
            }
            message.setHeader(Exchange.HTTP_METHOD, "POST");
            message.setHeader(Exchange.HTTP_PATH, "/transactions/payouts");
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(body);
        } else {
            message.setHeader(Exchange.HTTP_METHOD, "GET");
            message.setHeader(Exchange.HTTP_PATH, "/transactions/tracking_id/" + call.payoutId());
            message.setBody(null);
        }
    }

    /**
     * The create body as the APM API's payout page shows it: the amount an integer in minor units (exactly, with
     * the provider's exponent overrides), our payoutId as tracking_id, the customer from the beneficiary.
     */
    static ObjectNode payoutBody(PayoutRequest request, BegatewaySettings settings) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode r = body.putObject("request");
        String currency = request.amount().currency();
        r.put("amount", request.amount().toMinorUnits(CurrencyExponents.exponent(currency, settings.currencyExponents())));
        r.put("currency", currency);
        r.put("description", request.descriptionOrDefault());
        r.put("tracking_id", request.payoutId());
        if (settings.notificationUrl() != null) {
            r.put("notification_url", settings.notificationUrl());
        }
        r.put("test", request.test());
        r.set("customer", customer(request.beneficiary()));
        ObjectNode method = r.putObject("method");
        method.put("type", methodType(request.method(), settings));
        if ("BANK_TRANSFER".equals(request.method())) {
            Beneficiary beneficiary = request.beneficiary();
            method.put("account_holder", beneficiary.name());
            method.put("account_number", beneficiary.accountNumber());
            method.put("bank_code", beneficiary.bankCode());
        }
        return body;
    }

    /** first_name and last_name as given, else the name split at its first space (contract 9.17). */
    static ObjectNode customer(Beneficiary beneficiary) {
        String name = beneficiary.name() == null ? "" : beneficiary.name().strip();
        int space = name.indexOf(' ');
        String first = beneficiary.firstName() != null ? beneficiary.firstName()
                : space < 0 ? name : name.substring(0, space);
        String last = beneficiary.lastName() != null ? beneficiary.lastName()
                : space < 0 ? null : name.substring(space + 1).strip();
        ObjectNode customer = Json.MAPPER.createObjectNode();
        putIfPresent(customer, "first_name", first);
        putIfPresent(customer, "last_name", last);
        putIfPresent(customer, "email", beneficiary.email());
        putIfPresent(customer, "country", beneficiary.country());
        putIfPresent(customer, "city", beneficiary.city());
        putIfPresent(customer, "zip", beneficiary.zip());
        putIfPresent(customer, "address", beneficiary.address());
        putIfPresent(customer, "phone", beneficiary.phone());
        return customer;
    }

    /** The provider's method.type for a canonical method, or null when none is configured. */
    static String methodType(String method, BegatewaySettings settings) {
        return settings.methodTypes().get(method);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }
}
