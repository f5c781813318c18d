package payoutroutes.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutConstants;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.model.Json;
import payoutroutes.service.store.StoreException;
import payoutroutes.model.PayoutResource;
import payoutroutes.service.Problem;

/**
 * Writes the API's answers. Every answer starts from an empty set of headers, so nothing that came
 * back from a provider (or in from the client) leaks into it.
 */
public class Answers {

    public static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    /** The payout resource, with the status code the route chose (200 unless told otherwise). */
    public void payout(Exchange exchange) throws JsonProcessingException {
        Payout payout = exchange.getMessage().getBody(Payout.class);
        int status = exchange.getProperty(PayoutConstants.RESPONSE_CODE, 200, Integer.class);
        write(exchange.getMessage(), status, "application/json", Json.MAPPER.writeValueAsString(PayoutResource.of(payout)));
    }

    private static final int STORE_RETRY_AFTER_SECONDS = 5;

    /** The exception that ended the route, as application/problem+json; internals stay in the log. */
    public void problem(Exchange exchange) throws JsonProcessingException {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Problem problem = cause instanceof Problem p ? p
                : cause instanceof NotificationRefused ? new Problem(401, "Notification refused",
                        "The notification could not be verified", java.util.List.of(), null) : null;
        if (problem == null && cause instanceof StoreException) {
            // the store is down (a closed database, a full disk): readiness says so too. Resending the same
            // payoutId later is safe whichever step failed, since the store decides what was recorded.
            LOG.error("payout={} step=store-unavailable {}", exchange.getProperty(PayoutConstants.PAYOUT_ID),
                    storeFailure(cause));
            problem = new Problem(503, "Store unavailable", "The request could not be recorded or read now; send it "
                    + "again later with the same payoutId", java.util.List.of(), STORE_RETRY_AFTER_SECONDS);
        } else if (problem == null) {
            LOG.error("payout={} unexpected failure on the API path", exchange.getProperty(PayoutConstants.PAYOUT_ID), cause);
            problem = new Problem(500, "Internal error", "The request could not be completed; it is safe to send it again "
                    + "with the same payoutId", java.util.List.of(), null);
        } else {
            LOG.info("payout={} refused status={} fields={}", exchange.getProperty(PayoutConstants.PAYOUT_ID), problem.status(),
                    problem.errors().stream().map(Problem.FieldError::field).toList());
        }
        Message message = exchange.getMessage();
        write(message, problem.status(), PROBLEM_JSON, json(problem));
        if (problem instanceof ApiKeyRefused) {
            message.setHeader("WWW-Authenticate", "Bearer");
        }
        if (problem.retryAfterSeconds() != null) {
            message.setHeader("Retry-After", problem.retryAfterSeconds());
        }
    }

    /** A problem's body (RFC 9457): type, title, status, detail and, for a 400, the bad fields. */
    public static String json(Problem problem) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("type", "about:blank");
        json.put("title", problem.title());
        json.put("status", problem.status());
        json.put("detail", problem.detail());
        if (!problem.errors().isEmpty()) {
            var errors = json.putArray("errors");
            problem.errors().forEach(e -> errors.addObject().put("field", e.field()).put("message", e.message()));
        }
        return json.toString();
    }

    /** Serves the API's own documents (/api/openapi.yaml and the JSON Schema it refers to) from the classpath. */
    public void document(Exchange exchange) throws java.io.IOException {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        String resource = switch (name) {
            case "openapi.yaml" -> "openapi/payouts.yaml";
            case "payout-request.schema.json" -> "schema/payout-request.schema.json";
            default -> null;
        };
        try (var in = resource == null ? null : Answers.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                write(exchange.getMessage(), 404, PROBLEM_JSON, json(new Problem(404, "Not found",
                        "No such document", java.util.List.of(), null)));
                return;
            }
            write(exchange.getMessage(), 200, name.endsWith(".json") ? "application/schema+json" : "application/yaml",
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void write(Message message, int status, String contentType, String body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body);
    }

    /** One line for the log: what failed and the database's reason (its SQL state), never a stack trace per request. */
    private static String storeFailure(Throwable failure) {
        StringBuilder line = new StringBuilder(failure.getMessage());
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                line.append(" (").append(sql.getClass().getSimpleName()).append(", SQL state ").append(sql.getSQLState())
                        .append(")");
                break;
            }
        }
        return line.toString();
    }
}
