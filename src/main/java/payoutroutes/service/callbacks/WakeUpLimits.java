package payoutroutes.service.callbacks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * How many unauthenticated wake-ups (aopay platform; overpay without a public key) are taken: per source address
 * and per payoutId, each a token bucket refilled per minute. Each wake-up costs a status call to the provider, so
 * without a limit anyone could make us call it as often as they like. Unknown payoutIds spend tokens as known ones
 * do, so the answer does not tell them apart. The buckets live in a bounded cache: a flood of new ids or addresses
 * evicts old buckets rather than filling the memory.
 */
public class WakeUpLimits {

    private static final int MAX_BUCKETS = 100_000;

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(MAX_BUCKETS)
            .expireAfterAccess(Duration.ofMinutes(2)).build();
    private final int perSourcePerMinute;
    private final int perPayoutPerMinute;

    public WakeUpLimits(int perSourcePerMinute, int perPayoutPerMinute) {
        this.perSourcePerMinute = perSourcePerMinute;
        this.perPayoutPerMinute = perPayoutPerMinute;
    }

    /** Takes one wake-up from this source about this payout, or false when either has had its share this minute. */
    public boolean take(String source, String provider, String payoutId) {
        return bucket("source " + source, perSourcePerMinute).tryConsume(1)
                && bucket("payout " + provider + " " + payoutId, perPayoutPerMinute).tryConsume(1);
    }

    private Bucket bucket(String key, int perMinute) {
        return buckets.get(key, k -> Bucket.builder().addLimit(Bandwidth.builder().capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
    }
}
