package payoutroutes.connector.aopay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import payoutroutes.connector.NotificationAction;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.model.Json;

/**
 * The bean of the {@code aopay-notification-action} Kamelet. The platform signs nothing it posts, so a
 * notification is only a wake-up: it names a payout (our payoutId rides in the callback URL's query; the
 * body's idPayout is the same id) and nothing in it is believed. The payout is then asked about.
 */
public class AopayNotificationAction extends NotificationAction {

    @Override
    protected Notification verify(Map<String, Object> headers, byte[] body) {
        String fromQuery = header(headers, "payoutId");
        if (fromQuery != null && !fromQuery.isBlank()) {
            return Notification.wakeUp(fromQuery);
        }
        try {
            JsonNode id = Json.MAPPER.readTree(body).path("paymentMethodResponse").path("idPayout");
            if (id.isTextual() && !id.asText().isBlank()) {
                return Notification.wakeUp(id.asText());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // names no payout: refused below
        }
        throw new NotificationRefused("the notification names no payout");
    }
}
