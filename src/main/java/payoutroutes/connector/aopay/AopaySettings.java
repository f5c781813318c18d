package payoutroutes.connector.aopay;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import payoutroutes.connector.Parameters;

/**
 * One brand of the platform, as its Kamelet's parameters configure it. The status words that end a payout
 * badly are configurable because the platform's lifecycle list was never found (research notes, A).
 */
record AopaySettings(String baseUrl, String merchantCode, String secret, int timeoutMs, int tokenValiditySecs,
                     String notificationUrl, Map<String, String> methodCodes, Set<String> failedStatuses,
                     Set<String> cancelledStatuses, Set<String> expiredStatuses) {

    static final String DEFAULT_METHOD_CODES = "BANK_TRANSFER:BANK_TRANSFER";
    static final Set<String> FAILED = Set.of("FAILED", "FAILURE", "FAIL", "REJECTED", "DECLINED", "ERROR");
    static final Set<String> CANCELLED = Set.of("CANCELLED", "CANCELED", "REVERSED");
    static final Set<String> EXPIRED = Set.of("EXPIRED", "TIMEOUT");

    /** The defaults of the Kamelet's optional parameters, for tests and for callers that build it in Java. */
    static AopaySettings of(String baseUrl, String merchantCode, String secret) {
        return new AopaySettings(stripSlash(baseUrl), merchantCode, secret, 10_000, 600, null,
                Parameters.pairs(DEFAULT_METHOD_CODES), FAILED, CANCELLED, EXPIRED);
    }

    static String stripSlash(String url) {
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Comma-separated words, upper-cased; the defaults when none are given. */
    static Set<String> words(String csv, Set<String> defaults) {
        Set<String> given = Parameters.list(csv).stream().map(w -> w.toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return given.isEmpty() ? defaults : given;
    }
}
