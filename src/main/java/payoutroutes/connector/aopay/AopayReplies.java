package payoutroutes.connector.aopay;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.apache.camel.Exchange;
import payoutroutes.model.Json;
import payoutroutes.model.Failure;
import payoutroutes.model.Money;
import payoutroutes.model.PayoutStatus;
import payoutroutes.model.ProviderOutcome;
import org.apache.camel.Message;
import payoutroutes.connector.ConnectorCall;

/** The provider's HTTP answer, to a canonical outcome. */
final class AopayReplies {

    private AopayReplies() {
    }

    static ProviderOutcome outcome(ConnectorCall call, Message reply, AopaySettings settings) {
        int code = reply.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = reply.getBody(String.class);
        return call.isCreate() ? createOutcome(code, body, call.payoutId(), settings) : statusOutcome(code, body, settings);
    }

    static ProviderOutcome createOutcome(int code, String body, String payoutId, AopaySettings settings) {
        if (code >= 200 && code < 300) {
            JsonNode reply = Json.readLenient(body);
            if (!reply.isObject()) {
                return ProviderOutcome.noAnswer("unreadable answer to the create, HTTP " + code);
            }
            String reference = Json.text(reply.path("paymentMethodResponse"), "idPayout");
            JsonNode process = reply.path("process");
            PayoutStatus status = process.has("status")
                    ? AopayStatusMapping.status(process.path("status").asText(), settings) : PayoutStatus.PROCESSING;
            return ProviderOutcome.answered(status, reference != null ? reference : payoutId, fee(reply),
                    AopayStatusMapping.failure(process.path("status").asText(null), settings));
        }
        if (code == 401 || code == 403) {
            return ProviderOutcome.answered(PayoutStatus.FAILED, null, null,
                    new Failure(Failure.PROVIDER_AUTHENTICATION, "The provider refused our token", String.valueOf(code)));
        }
        if (code == 409) {
            // the provider already has this id: what it did with it is for a status query to tell
            return ProviderOutcome.noAnswer("the provider already knows this payout id (HTTP 409)");
        }
        if (code >= 400 && code < 500) {
            JsonNode reply = Json.readLenient(body);
            return ProviderOutcome.answered(PayoutStatus.FAILED, null, null,
                    Failure.rejected(errorMessage(reply, code), errorCode(reply, code)));
        }
        return ProviderOutcome.noAnswer("HTTP " + code + " from the create");
    }

    static ProviderOutcome statusOutcome(int code, String body, AopaySettings settings) {
        if (code == 404) {
            return ProviderOutcome.notFound("the provider does not know this payout (HTTP 404)");
        }
        JsonNode reply = code == 200 ? Json.readLenient(body) : Json.MAPPER.missingNode();
        String providerStatus = Json.text(reply.path("process"), "status");
        if (providerStatus == null) {
            return ProviderOutcome.noAnswer("no readable status, HTTP " + code);
        }
        String reference = Json.text(reply.path("paymentMethodResponse"), "idPayout");
        return ProviderOutcome.answered(AopayStatusMapping.status(providerStatus, settings), reference, fee(reply),
                AopayStatusMapping.failure(providerStatus, settings));
    }

    private static Money fee(JsonNode reply) {
        JsonNode fee = reply.path("fee");
        if (!fee.path("amount").isNumber() && !fee.path("amount").isTextual() || !fee.path("currencyCode").isTextual()) {
            return null;
        }
        try {
            BigDecimal amount = fee.path("amount").isNumber() ? fee.path("amount").decimalValue()
                    : new BigDecimal(fee.path("amount").asText());
            return new Money(amount, fee.path("currencyCode").asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String errorMessage(JsonNode reply, int code) {
        for (String field : new String[] {"message", "error", "detail", "title"}) {
            String value = Json.text(reply, field);
            if (value != null) {
                return value;
            }
        }
        return "The provider refused the payout (HTTP " + code + ")";
    }

    private static String errorCode(JsonNode reply, int code) {
        String value = Json.text(reply, "code");
        return value != null ? value : String.valueOf(code);
    }
}
