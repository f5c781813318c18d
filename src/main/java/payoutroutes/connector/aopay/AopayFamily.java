package payoutroutes.connector.aopay;

import java.util.ArrayList;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutRequest;
import payoutroutes.connector.Notification;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.connector.ProviderFamily;
import payoutroutes.connector.ProviderSettings;

/**
 * The aopay white-label platform (aopay, echelonpay, komopay and any other brand of it): amounts in
 * major units, a JWT per payout from {@code POST /auth-tokens}, and unsigned notifications.
 * Its parts, in the order a payout meets them: {@link AopayRequests}, {@link AopayTokens},
 * {@link AopayStatusMapping}, {@link AopayReplies}.
 */
public class AopayFamily implements ProviderFamily {

    public static final String NAME = "aopay-family";

    @Override
    public List<String> cannotTake(PayoutRequest request, ProviderSettings settings) {
        List<String> reasons = new ArrayList<>();
        if (AopayRequests.methodCode(request.method(), settings) == null) {
            reasons.add("method " + request.method() + " is not configured (payouts.providers." + settings.id()
                    + ".method." + request.method() + ")");
        }
        return reasons;
    }

    /**
     * The platform signs nothing it posts, so a notification is only a wake-up: it names a payout (our
     * payoutId rides in the callback URL's query; the body's idPayout is the same id) and nothing in it
     * is believed. The payout is then asked about with a fresh token.
     */
    @Override
    public Notification verifyNotification(ProviderSettings settings, Map<String, Object> headers, byte[] body) {
        Object fromQuery = headers.get("payoutId");
        if (fromQuery != null && !fromQuery.toString().isBlank()) {
            return Notification.wakeUpFor(fromQuery.toString());
        }
        try {
            JsonNode id = Json.MAPPER.readTree(body).path("paymentMethodResponse").path("idPayout");
            if (id.isTextual() && !id.asText().isBlank()) {
                return Notification.wakeUpFor(id.asText());
            }
        } catch (java.io.IOException | RuntimeException e) {
            // names no payout: refused below
        }
        throw new NotificationRefused("the notification names no payout");
    }
}
