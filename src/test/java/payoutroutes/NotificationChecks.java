package payoutroutes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import payoutroutes.connector.NotificationAction;
import payoutroutes.model.Json;

/** Runs a notification Kamelet's bean on what a sandbox posted, as the Kamelet's route would, for tests. */
public final class NotificationChecks {

    private NotificationChecks() {
    }

    /** What the notification proves, as the Kamelet answers it ({"payoutId", "wakeUp", "status", ...}). */
    public static JsonNode verify(NotificationAction action, Map<String, ?> headers, byte[] body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeaders(new java.util.HashMap<>(headers));
        exchange.getMessage().setBody(body);
        action.verify(exchange);
        try {
            return Json.MAPPER.readTree(exchange.getMessage().getBody(String.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
