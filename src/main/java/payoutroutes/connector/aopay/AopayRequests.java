package payoutroutes.connector.aopay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import payoutroutes.connector.ConnectorCall;
import payoutroutes.model.Beneficiary;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutRequest;

/** Builds the provider's HTTP request: {@code POST /payouts/{id}} from the canonical payout, or the status query. */
final class AopayRequests {

    static final String API_VERSION = "2";

    private AopayRequests() {
    }

    static void request(ConnectorCall call, AopaySettings settings, Message message) {
        message.setHeader("Accept", "application/json");
        message.setHeader("X-API-Version", API_VERSION);
        message.setHeader(Exchange.HTTP_PATH, "/payouts/" + call.payoutId());
        if (call.isCreate()) {
            message.setHeader(Exchange.HTTP_METHOD, "POST");
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(payoutBody(call.payout(), settings).toString());
        } else {
            message.setHeader(Exchange.HTTP_METHOD, "GET");
            message.setBody(null);
        }
    }

    /** The create body as the platform's payout.html shows it; amounts in major units, exactly. */
    static ObjectNode payoutBody(PayoutRequest request, AopaySettings settings) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode money = body.putObject("paymentRequested").putObject("money");
        money.put("amount", request.amount().normalized());
        money.put("currencyCode", request.amount().currency());
        Beneficiary beneficiary = request.beneficiary();
        ObjectNode method = body.putObject("paymentMethod");
        method.put("paymentMethodCode", methodCode(request.method(), settings));
        ObjectNode account = method.putObject("account");
        account.put("accountName", beneficiary.name());
        account.put("accountNumber", beneficiary.accountNumber());
        method.put("paymentOperatorCode", beneficiary.bankCode());
        if (beneficiary.email() != null) {
            method.put("emailAddress", beneficiary.email());
        }
        if (settings.notificationUrl() != null) {
            // our payoutId rides in the callback URL, so that a notification names its payout (contract 9.11)
            body.put("callbackUrl", settings.notificationUrl() + "?payoutId=" + request.payoutId());
        }
        return body;
    }

    /** The platform's paymentMethodCode for a canonical method, or null when none is configured. */
    static String methodCode(String method, AopaySettings settings) {
        return settings.methodCodes().get(method);
    }
}
