package payoutroutes.service.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.util.TimeUtils;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutStatus;
import payoutroutes.service.store.PayoutStore;

/**
 * When reconciliation asks about an open payout (contract section 12): at each of the delays after its last
 * change, the last delay repeating; a RECEIVED payout not before its create can no longer be in flight. When
 * the provider keeps saying it lacks a payout, the grace period (from creation) ends it; a payout open longer
 * than the flag limit is flagged for an operator. Both moments are checks of their own, so neither waits for
 * the next point of a sparse schedule.
 */
public final class ReconciliationSchedule implements PayoutStore.FirstCheck {

    private final List<Duration> delays;
    private final Duration grace;
    private final Duration flagAfter;
    private final Function<String, Duration> inFlight;

    /**
     * @param delays   after the last change, comma-separated ({@code 1m,5m,15m,1h,6h,24h})
     * @param inFlight how long a create may still be with a provider after its payout was recorded
     */
    public ReconciliationSchedule(String delays, Duration grace, Duration flagAfter,
                                  Function<String, Duration> inFlight) {
        this.delays = Arrays.stream(delays.split(",")).map(String::trim).filter(d -> !d.isEmpty())
                .map(ReconciliationSchedule::duration).toList();
        if (this.delays.isEmpty() || this.delays.stream().anyMatch(d -> d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException("payouts.reconciliation.delays needs positive durations, not: " + delays);
        }
        this.grace = grace;
        this.flagAfter = flagAfter;
        this.inFlight = inFlight;
    }

    /** {@code 1m}, {@code 500ms}, {@code 1h30m}: Camel's duration text. */
    public static Duration duration(String text) {
        return Duration.ofMillis(TimeUtils.toMilliSeconds(text.trim()));
    }

    /** The first check of a payout just recorded or changed; none for a final one. */
    @Override
    public Instant of(Payout payout) {
        if (payout.status().isFinal()) {
            return null;
        }
        if (payout.status() == PayoutStatus.RECEIVED) {
            // recorded, or moved to its fallback provider, at its last update: its create may be in flight until then
            return payout.updatedAt().plus(inFlight.apply(payout.provider()));
        }
        return payout.updatedAt().plus(delays.get(0));
    }

    /**
     * The check after one made at {@code now} that changed nothing: the next point of the schedule still ahead,
     * or the end of the grace period, or the flag limit, whichever comes first.
     */
    public Instant next(Payout payout, Instant now) {
        Instant next = nextPoint(payout.updatedAt(), now);
        if (mayBeUnknownToProvider(payout.status()) && now.isBefore(graceEnd(payout))) {
            next = earliest(next, graceEnd(payout));
        }
        if (now.isBefore(flagAt(payout))) {
            next = earliest(next, flagAt(payout));
        }
        return next;
    }

    private Instant nextPoint(Instant lastChange, Instant now) {
        for (Duration delay : delays) {
            Instant point = lastChange.plus(delay);
            if (point.isAfter(now)) {
                return point;
            }
        }
        Duration every = delays.get(delays.size() - 1);
        Instant last = lastChange.plus(every);
        long periods = Duration.between(last, now).toMillis() / every.toMillis() + 1;
        return last.plus(every.multipliedBy(periods));
    }

    /** A provider that says it lacks this payout ends it once the grace period is over. */
    public boolean graceOver(Payout payout, Instant now) {
        return !now.isBefore(graceEnd(payout));
    }

    public boolean openTooLong(Payout payout, Instant now) {
        return !now.isBefore(flagAt(payout));
    }

    public Duration flagAfter() {
        return flagAfter;
    }

    /** Only a payout we are not sure reached its provider can be one the provider never got. */
    public static boolean mayBeUnknownToProvider(PayoutStatus status) {
        return status == PayoutStatus.RECEIVED || status == PayoutStatus.UNKNOWN;
    }

    private Instant graceEnd(Payout payout) {
        return payout.createdAt().plus(grace);
    }

    private Instant flagAt(Payout payout) {
        return payout.createdAt().plus(flagAfter);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
