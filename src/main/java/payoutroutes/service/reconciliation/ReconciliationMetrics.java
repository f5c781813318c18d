package payoutroutes.service.reconciliation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import payoutroutes.service.store.CachedReading;
import payoutroutes.service.store.OpenPayouts;

/**
 * Reconciliation's backlog as Prometheus shows it: {@code payouts_reconciliation_due} (open payouts whose check is
 * due), {@code payouts_reconciliation_lag_seconds} (how long the oldest due check has waited: reconciliation stopped
 * or cannot keep up) and {@code payouts_open_flagged{reason}} (open payouts flagged for an operator; reason
 * {@code open-too-long} is every payout open past payouts.reconciliation.flag-after). From one cached reading of the
 * store; NaN while the store has not answered for a minute.
 */
public class ReconciliationMetrics {

    private static final Duration STALE = Duration.ofMinutes(1);

    private final CachedReading<OpenPayouts.Backlog> reading;

    public ReconciliationMetrics(MeterRegistry registry, CachedReading<OpenPayouts.Backlog> reading) {
        this.reading = reading;
        Gauge.builder("payouts.reconciliation.due", this, m -> m.value(r -> r.value().due()))
                .description("Open payouts whose next check is due").strongReference(true).register(registry);
        Gauge.builder("payouts.reconciliation.lag", this, m -> m.value(r -> r.value().oldestDueAt() == null ? 0
                        : Math.max(0, Duration.between(r.value().oldestDueAt(), r.at()).toSeconds())))
                .baseUnit("seconds").description("How long the oldest due check has waited").strongReference(true)
                .register(registry);
        for (String reason : Reconciler.FLAG_REASONS) {
            Gauge.builder("payouts.open.flagged", this,
                            m -> m.value(r -> r.value().flaggedByReason().getOrDefault(reason, 0L)))
                    .tag("reason", reason).description("Open payouts flagged for an operator, by reason")
                    .strongReference(true).register(registry);
        }
    }

    private double value(ToDoubleFunction<CachedReading.Reading<OpenPayouts.Backlog>> of) {
        return reading.notOlderThan(STALE).map(of::applyAsDouble).orElse(Double.NaN);
    }
}
