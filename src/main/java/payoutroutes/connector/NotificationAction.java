package payoutroutes.connector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutJson;
import payoutroutes.model.ProviderOutcome;

/**
 * The step every notification Kamelet shares (contract section 13): the raw bytes a provider posted and
 * the request's headers (query parameters included) in; out, {@code {"payoutId", "wakeUp"}} plus the
 * outcome's fields when the notification itself is proof. One that fails its provider's check raises
 * {@link NotificationRefused}, which the caller answers with a 401.
 */
public abstract class NotificationAction {

    /** The route's step. Nothing of the notification's headers (its credentials among them) is left behind. */
    public void verify(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = message.getBody(byte[].class);
        Notification notification = verify(message.getHeaders(), body == null ? new byte[0] : body);
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(json(notification).toString());
    }

    /**
     * Checks a notification the provider's own way, on its raw bytes and before anything in it is believed.
     *
     * @param headers the HTTP headers and query parameters of the notification
     * @throws NotificationRefused when it is not provably from the provider
     */
    protected abstract Notification verify(Map<String, Object> headers, byte[] body);

    /** What a verified notification says: the payout it names and, unless it only wakes us up, its outcome. */
    public record Notification(String payoutId, ProviderOutcome outcome) {

        public static Notification wakeUp(String payoutId) {
            return new Notification(payoutId, null);
        }

        public boolean isWakeUp() {
            return outcome == null;
        }
    }

    static ObjectNode json(Notification notification) {
        ObjectNode json = notification.isWakeUp() ? Json.MAPPER.createObjectNode() : PayoutJson.of(notification.outcome());
        json.put("payoutId", notification.payoutId());
        json.put("wakeUp", notification.isWakeUp());
        return json;
    }

    /** A header by name whatever its case (HTTP names are case-insensitive; the map given may not be). */
    protected static String header(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (value instanceof Collection<?> values) {
            value = values.isEmpty() ? null : values.iterator().next();
        }
        return value == null ? null : value.toString();
    }
}
