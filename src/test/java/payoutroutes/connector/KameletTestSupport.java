package payoutroutes.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutConstants;

/**
 * A payout Kamelet on its own, in a plain Camel context of Camel's test support, called as any application
 * calls it (contract section 13): the canonical payout JSON and the PayoutOperation header in, the outcome
 * JSON out. Its provider is a {@link StubProvider}; nothing of the service is started.
 */
public abstract class KameletTestSupport extends CamelTestSupport {

    /** Calls an endpoint (a route in front of the Kamelet) with a canonical payout, as the operation says. */
    protected Exchange call(String endpoint, String operation, String payoutJson) {
        return call(endpoint, operation, payoutJson, Map.of());
    }

    protected Exchange call(String endpoint, String operation, String payoutJson, Map<String, Object> headers) {
        return template.send(endpoint, exchange -> {
            exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
            if (operation != null) {
                exchange.getMessage().setHeader(PayoutConstants.OPERATION, operation);
            }
            exchange.getMessage().setBody(payoutJson);
        });
    }

    /** The outcome JSON the Kamelet answered; a Kamelet that raised instead fails the test. */
    protected static JsonNode outcome(Exchange exchange) {
        if (exchange.getException() != null) {
            throw new AssertionError("the Kamelet raised instead of answering an outcome", exchange.getException());
        }
        try {
            return Json.MAPPER.readTree(exchange.getMessage().getBody(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A canonical payout (e.g. {@code Payouts.seed("aopay")}) under this payoutId. */
    protected static String payout(String payoutId, String canonical) {
        try {
            ObjectNode json = (ObjectNode) Json.MAPPER.readTree(canonical);
            json.put("payoutId", payoutId);
            return json.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the outcome leaves the Kamelet: no provider header (a token, credentials), no property of ours. */
    protected static void assertNothingLeftBehind(Exchange exchange) {
        assertEquals(Set.of(Exchange.CONTENT_TYPE), exchange.getMessage().getHeaders().keySet(),
                "headers left on the message");
        assertFalse(exchange.getProperties().containsKey(ConnectorCall.PROPERTY), exchange.getProperties().toString());
    }
}
