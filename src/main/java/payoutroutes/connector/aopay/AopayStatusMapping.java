package payoutroutes.connector.aopay;

import java.util.Locale;
import java.util.Set;
import payoutroutes.model.Failure;
import payoutroutes.model.PayoutStatus;
import payoutroutes.connector.ProviderSettings;

/**
 * {@code process.status} to canonical. Only SUCCESS is documented; the platform's full lifecycle list
 * was not found, so the words that end a payout badly are configurable per provider and everything
 * else counts as still processing (never UNKNOWN: that is only about us).
 */
public final class AopayStatusMapping {

    static final Set<String> FAILED = Set.of("FAILED", "FAILURE", "FAIL", "REJECTED", "DECLINED", "ERROR");
    static final Set<String> CANCELLED = Set.of("CANCELLED", "CANCELED", "REVERSED");
    static final Set<String> EXPIRED = Set.of("EXPIRED", "TIMEOUT");

    private AopayStatusMapping() {
    }

    public static PayoutStatus status(String providerStatus, ProviderSettings settings) {
        String word = providerStatus == null ? "" : providerStatus.trim().toUpperCase(Locale.ROOT);
        if (word.equals("SUCCESS")) {
            return PayoutStatus.SUCCEEDED;
        }
        if (words(settings, "failed-statuses", FAILED).contains(word) || words(settings, "expired-statuses", EXPIRED).contains(word)) {
            return PayoutStatus.FAILED;
        }
        if (words(settings, "cancelled-statuses", CANCELLED).contains(word)) {
            return PayoutStatus.CANCELLED;
        }
        return PayoutStatus.PROCESSING;
    }

    public static Failure failure(String providerStatus, ProviderSettings settings) {
        String word = providerStatus == null ? "" : providerStatus.trim().toUpperCase(Locale.ROOT);
        if (words(settings, "expired-statuses", EXPIRED).contains(word)) {
            return new Failure(Failure.EXPIRED, "The provider reports the payout as " + providerStatus, providerStatus);
        }
        return status(providerStatus, settings) == PayoutStatus.FAILED
                ? Failure.rejected("The provider reports the payout as " + providerStatus, providerStatus) : null;
    }

    private static Set<String> words(ProviderSettings settings, String key, Set<String> defaults) {
        Set<String> configured = settings == null ? Set.of() : settings.list(key);
        return configured.isEmpty() ? defaults
                : configured.stream().map(w -> w.toUpperCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }
}
