package payoutroutes.connector.begateway;

import java.util.Locale;
import java.util.Map;
import payoutroutes.model.Failure;
import payoutroutes.model.PayoutStatus;

/**
 * {@code transaction.status} to canonical, the whole table: the APM API's statuses (pending, expired, error,
 * successful, failed, deleted), {@code initial} from the status-query example, and {@code incomplete} and
 * {@code processing} from the card API. A word not in the table leaves the payout processing: the provider has
 * it and has not said it is over (never UNKNOWN, which is only about us).
 */
public final class BegatewayStatusMapping {

    static final Map<String, PayoutStatus> TABLE = Map.of(
            "pending", PayoutStatus.PROCESSING,
            "initial", PayoutStatus.PROCESSING,
            "incomplete", PayoutStatus.PROCESSING,
            "processing", PayoutStatus.PROCESSING,
            "successful", PayoutStatus.SUCCEEDED,
            "failed", PayoutStatus.FAILED,
            "error", PayoutStatus.FAILED,
            "expired", PayoutStatus.FAILED,
            "deleted", PayoutStatus.CANCELLED);

    private BegatewayStatusMapping() {
    }

    public static PayoutStatus status(String providerStatus) {
        return TABLE.getOrDefault(word(providerStatus), PayoutStatus.PROCESSING);
    }

    /** Whether the word is one the table knows (an unknown one is worth a log line). */
    public static boolean isKnown(String providerStatus) {
        return TABLE.containsKey(word(providerStatus));
    }

    /** Why a payout in this status failed, with the provider's own message; null when it did not fail. */
    public static Failure failure(String providerStatus, String providerMessage) {
        if (status(providerStatus) != PayoutStatus.FAILED) {
            return null;
        }
        String word = word(providerStatus);
        String message = providerMessage != null && !providerMessage.isBlank() ? providerMessage
                : "The provider reports the payout as " + word;
        return new Failure("expired".equals(word) ? Failure.EXPIRED : Failure.PROVIDER_REJECTED, message, word);
    }

    private static String word(String providerStatus) {
        return providerStatus == null ? "" : providerStatus.trim().toLowerCase(Locale.ROOT);
    }
}
