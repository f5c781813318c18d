package payoutroutes.connector.aopay;

import java.util.Locale;
import payoutroutes.model.Failure;
import payoutroutes.model.PayoutStatus;

/**
 * {@code process.status} to canonical. Only SUCCESS is documented; the platform's full lifecycle list
 * was not found, so the words that end a payout badly are configurable per provider and everything
 * else counts as still processing (never UNKNOWN: that is only about us).
 */
final class AopayStatusMapping {

    private AopayStatusMapping() {
    }

    static PayoutStatus status(String providerStatus, AopaySettings settings) {
        String word = word(providerStatus);
        if (word.equals("SUCCESS")) {
            return PayoutStatus.SUCCEEDED;
        }
        if (settings.failedStatuses().contains(word) || settings.expiredStatuses().contains(word)) {
            return PayoutStatus.FAILED;
        }
        if (settings.cancelledStatuses().contains(word)) {
            return PayoutStatus.CANCELLED;
        }
        return PayoutStatus.PROCESSING;
    }

    static Failure failure(String providerStatus, AopaySettings settings) {
        if (settings.expiredStatuses().contains(word(providerStatus))) {
            return new Failure(Failure.EXPIRED, "The provider reports the payout as " + providerStatus, providerStatus);
        }
        return status(providerStatus, settings) == PayoutStatus.FAILED
                ? Failure.rejected("The provider reports the payout as " + providerStatus, providerStatus) : null;
    }

    private static String word(String providerStatus) {
        return providerStatus == null ? "" : providerStatus.trim().toUpperCase(Locale.ROOT);
    }
}
