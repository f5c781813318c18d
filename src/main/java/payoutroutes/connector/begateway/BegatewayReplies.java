package payoutroutes.connector.begateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Json;
import payoutroutes.model.Failure;
import org.apache.camel.Message;
import payoutroutes.connector.ConnectorCall;
import payoutroutes.model.PayoutStatus;
import payoutroutes.model.ProviderOutcome;

/** The provider's HTTP answer, to a canonical outcome. */
final class BegatewayReplies {

    private static final Logger LOG = LoggerFactory.getLogger(BegatewayReplies.class);

    private BegatewayReplies() {
    }

    static ProviderOutcome outcome(ConnectorCall call, Message reply) {
        int code = reply.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = reply.getBody(String.class);
        String operation = call.isCreate() ? "create" : "status";
        if (code == 401) {
            LOG.error("payout={} provider={} step={} CREDENTIALS REFUSED by the provider (HTTP 401): check its shopId "
                    + "and secretKey", call.payoutId(), call.provider(), operation);
        }
        ProviderOutcome outcome = call.isCreate() ? createOutcome(code, body)
                : statusOutcome(code, body, call.providerReference());
        LOG.info("payout={} provider={} step={} http={} outcome={} status={}", call.payoutId(), call.provider(),
                operation, code, outcome.kind(), outcome.status());
        return outcome;
    }

    static ProviderOutcome createOutcome(int code, String body) {
        if (code >= 200 && code < 300) {
            JsonNode transaction = Json.readLenient(body).path("transaction");
            return readable(transaction) ? transactionOutcome(transaction)
                    : ProviderOutcome.noAnswer("unreadable answer to the create, HTTP " + code);
        }
        if (code == 401) {
            return ProviderOutcome.answered(PayoutStatus.FAILED, null, null,
                    new Failure(Failure.PROVIDER_AUTHENTICATION, "The provider refused our credentials", "401"));
        }
        if (code == 408 || code == 409 || code == 429) {
            return ProviderOutcome.noAnswer("HTTP " + code + " from the create");
        }
        if (code >= 400 && code < 500) {
            JsonNode reply = Json.readLenient(body);
            List<String> fieldErrors = fieldErrors(reply.path("errors"), "");
            if (fieldErrors.stream().anyMatch(e -> e.startsWith("request.tracking_id "))) {
                // the provider already has a transaction under this payoutId: what became of it is for a status query
                return ProviderOutcome.noAnswer("the provider refused the tracking_id: " + String.join("; ", fieldErrors));
            }
            String message = Json.text(reply, "message");
            String detail = (message != null ? message : "The provider refused the payout (HTTP " + code + ")")
                    + (fieldErrors.isEmpty() ? "" : ": " + String.join("; ", fieldErrors));
            String providerCode = Json.text(reply, "code");
            return ProviderOutcome.answered(PayoutStatus.FAILED, null, null,
                    Failure.rejected(detail, providerCode != null ? providerCode : String.valueOf(code)));
        }
        return ProviderOutcome.noAnswer("HTTP " + code + " from the create");
    }

    /**
     * The answer to {@code GET /transactions/tracking_id/{payoutId}}: an array, empty when the provider does not
     * have the payout. Should it hold several, the one whose uid we know wins, else the latest created.
     */
    static ProviderOutcome statusOutcome(int code, String body, String knownUid) {
        JsonNode reply = code == 200 ? Json.readLenient(body) : null;
        JsonNode transactions = reply == null ? null : reply.get("transactions");
        if (transactions == null || !transactions.isArray()) {
            return ProviderOutcome.noAnswer("no readable transactions, HTTP " + code);
        }
        JsonNode chosen = null;
        for (JsonNode transaction : transactions) {
            if (!readable(transaction)) {
                continue;
            }
            if (knownUid != null && knownUid.equals(Json.text(transaction, "uid"))) {
                chosen = transaction;
                break;
            }
            if (chosen == null || createdAt(transaction).compareTo(createdAt(chosen)) > 0) {
                chosen = transaction;
            }
        }
        if (chosen == null) {
            return transactions.isEmpty() ? ProviderOutcome.notFound("the provider has no transaction with this tracking_id")
                    : ProviderOutcome.noAnswer("no readable transaction among " + transactions.size());
        }
        return transactionOutcome(chosen);
    }

    /** One transaction, as a create's answer, a status query's or a notification carries it. */
    static ProviderOutcome transactionOutcome(JsonNode transaction) {
        String status = Json.text(transaction, "status");
        if (!BegatewayStatusMapping.isKnown(status)) {
            LOG.warn("payout={} provider status '{}' is not in the overpay status table: taken as still processing",
                    Json.text(transaction, "tracking_id"), status);
        }
        String message = Json.text(transaction, "message");
        if (message == null) {
            message = Json.text(transaction.path("payout"), "message");
        }
        return ProviderOutcome.answered(BegatewayStatusMapping.status(status), Json.text(transaction, "uid"), null,
                BegatewayStatusMapping.failure(status, message));
    }

    static boolean readable(JsonNode transaction) {
        return transaction != null && transaction.isObject() && Json.text(transaction, "status") != null;
    }

    /** beGateway's nested field errors, {"request":{"amount":["is missing"]}}, as "request.amount is missing". */
    static List<String> fieldErrors(JsonNode errors, String path) {
        List<String> found = new ArrayList<>();
        if (errors.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = errors.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                found.addAll(fieldErrors(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey()));
            }
        } else if (errors.isArray()) {
            for (JsonNode item : errors) {
                found.addAll(fieldErrors(item, path));
            }
        } else if (errors.isValueNode() && !errors.isNull()) {
            found.add(path.isEmpty() ? errors.asText() : path + " " + errors.asText());
        }
        return found;
    }

    private static String createdAt(JsonNode transaction) {
        String created = Json.text(transaction, "created_at");
        return created == null ? "" : created;
    }
}
