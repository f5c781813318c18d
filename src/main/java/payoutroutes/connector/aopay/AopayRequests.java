package payoutroutes.connector.aopay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import payoutroutes.model.Json;
import payoutroutes.model.Beneficiary;
import payoutroutes.model.PayoutRequest;
import payoutroutes.connector.ProviderSettings;

/** Builds the provider's HTTP request: {@code POST /payouts/{id}} from the canonical payout, or the status query. */
public class AopayRequests {

    public static final String API_VERSION = "2";

    public void request(Exchange exchange) throws JsonProcessingException {
        ProviderSettings settings = ProviderSettings.of(exchange);
        String payoutId = exchange.getProperty("payoutId", String.class);
        Message message = exchange.getMessage();
        message.setHeader("Accept", "application/json");
        message.setHeader("X-API-Version", API_VERSION);
        message.setHeader(Exchange.HTTP_PATH, "/payouts/" + payoutId);
        if ("create".equals(exchange.getProperty("operation"))) {
            message.setHeader(Exchange.HTTP_METHOD, "POST");
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(Json.MAPPER.writeValueAsString(
                    payoutBody(exchange.getProperty("request", PayoutRequest.class), settings)));
        } else {
            message.setHeader(Exchange.HTTP_METHOD, "GET");
            message.setBody(null);
        }
    }

    /** The create body as the platform's payout.html shows it; amounts in major units, exactly. */
    static ObjectNode payoutBody(PayoutRequest request, ProviderSettings settings) {
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
        // our payoutId rides in the callback URL, so that a notification names its payout (contract 9.11)
        body.put("callbackUrl", settings.callbackUrl() + "?payoutId=" + request.payoutId());
        return body;
    }

    /** The platform's paymentMethodCode for a canonical method; BANK_TRANSFER unless configured. */
    static String methodCode(String method, ProviderSettings settings) {
        return settings.get("method." + method).orElse("BANK_TRANSFER".equals(method) ? "BANK_TRANSFER" : null);
    }
}
