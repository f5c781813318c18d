package payoutroutes.connector;

import java.util.List;
import java.util.Map;
import payoutroutes.model.PayoutRequest;

/**
 * The Java half of a connector that several providers may share. Its routes carry the family's name as
 * their Camel route group, which is how a provider id finds its family.
 */
public interface ProviderFamily {

    /** Why this provider can't take the request (each reason becomes part of a 422), empty when it can. */
    List<String> cannotTake(PayoutRequest request, ProviderSettings settings);

    /**
     * Verifies a notification the provider posted to {@code /callbacks/<id>}, on its raw bytes and before
     * anything in it is believed, the provider's own way.
     *
     * @param headers the HTTP headers and the query parameters of the notification
     * @throws NotificationRefused when it is not provably from the provider (answered 401, nothing changes)
     */
    Notification verifyNotification(ProviderSettings settings, Map<String, Object> headers, byte[] body);

    /** The body the provider expects in the 200 that accepts a notification (paypro: {@code OK}). */
    default String notificationAnswer() {
        return "";
    }
}
