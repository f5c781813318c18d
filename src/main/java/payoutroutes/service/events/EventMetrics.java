package payoutroutes.service.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToLongFunction;

/**
 * The meters of event delivery, as Prometheus shows them: {@code payouts_events_attempts_total{result}} (delivered,
 * failed: retried later, dead_lettered: the last attempt failed) and the backlog gauges {@code payouts_events_pending},
 * {@code payouts_events_oldest_pending_age_seconds}, {@code payouts_events_delivery_lag_seconds},
 * {@code payouts_events_dead_letters}. A gauge is NaN while the store has not answered for a minute: an alert on it
 * then neither fires nor clears on old news (readiness is DOWN meanwhile).
 */
public class EventMetrics {

    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String DEAD_LETTERED = "dead_lettered";

    private final Counter delivered;
    private final Counter failed;
    private final Counter deadLettered;

    public EventMetrics(MeterRegistry registry, EventBacklog backlog) {
        delivered = attempts(registry, DELIVERED);
        failed = attempts(registry, FAILED);
        deadLettered = attempts(registry, DEAD_LETTERED);
        gauge(registry, backlog, "payouts.events.pending", null, "Events not delivered yet, retries included",
                EventBacklog.Now::pending);
        gauge(registry, backlog, "payouts.events.oldest.pending.age", "seconds",
                "How long ago the oldest pending event was written", EventBacklog.Now::oldestPendingAgeSeconds);
        gauge(registry, backlog, "payouts.events.delivery.lag", "seconds",
                "How long the oldest due event (first in line for its payout) has waited for delivery",
                EventBacklog.Now::deliveryLagSeconds);
        gauge(registry, backlog, "payouts.events.dead.letters", null, "Events out of attempts, waiting for an operator",
                EventBacklog.Now::deadLetters);
    }

    private static Counter attempts(MeterRegistry registry, String result) {
        return Counter.builder("payouts.events.attempts").description("Delivery attempts of merchant events, by result")
                .tag("result", result).register(registry);
    }

    private static void gauge(MeterRegistry registry, EventBacklog backlog, String name, String unit, String description,
                              ToLongFunction<EventBacklog.Now> value) {
        Gauge.builder(name, backlog, b -> b.now().map(now -> (double) value.applyAsLong(now)).orElse(Double.NaN))
                .baseUnit(unit).description(description).strongReference(true).register(registry);
    }

    void attempt(String result) {
        switch (result) {
            case DELIVERED -> delivered.increment();
            case FAILED -> failed.increment();
            case DEAD_LETTERED -> deadLettered.increment();
            default -> throw new IllegalArgumentException(result);
        }
    }
}
