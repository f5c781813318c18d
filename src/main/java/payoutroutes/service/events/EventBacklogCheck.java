package payoutroutes.service.events;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of event delivery. DOWN when the oldest event that is due, and first in line for its payout, has waited
 * longer than {@code maxDeliveryLag}: the delivery loop has stopped or cannot keep up, merchants stop hearing about
 * their payouts, and the outbox grows (which slowed the API fourfold in a load test). Not the number of pending
 * events, nor the age of the oldest: those include events waiting for a merchant's endpoint to come back, on the retry
 * schedule, for up to days; one merchant's outage must not take the service out of its load balancer. They are in the
 * details and in the metrics, with alerts in the README.
 */
public class EventBacklogCheck extends AbstractHealthCheck {

    private final EventBacklog backlog;
    private final Duration maxDeliveryLag;

    /** {@code maxDeliveryLag} as the other delays are written: {@code 300s}, {@code 5m}. */
    public EventBacklogCheck(EventBacklog backlog, String maxDeliveryLag) {
        this(backlog, RetrySchedule.duration(maxDeliveryLag.trim()));
    }

    public EventBacklogCheck(EventBacklog backlog, Duration maxDeliveryLag) {
        super("payouts", "events");
        this.backlog = backlog;
        this.maxDeliveryLag = maxDeliveryLag;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("max.delivery.lag.seconds", maxDeliveryLag.toSeconds());
        Optional<EventBacklog.Now> now = backlog.now();
        if (now.isEmpty()) {
            builder.down().message("the events backlog is unknown: the store has not answered for "
                    + EventBacklog.STALE.toSeconds() + " seconds");
            return;
        }
        EventBacklog.Now b = now.get();
        builder.detail("pending", b.pending());
        builder.detail("oldest.pending.age.seconds", b.oldestPendingAgeSeconds());
        builder.detail("delivery.lag.seconds", b.deliveryLagSeconds());
        builder.detail("dead.letters", b.deadLetters());
        builder.detail("reading.age.seconds", b.readingAgeSeconds());
        if (b.deliveryLagSeconds() > maxDeliveryLag.toSeconds()) {
            builder.down().message("events due " + b.deliveryLagSeconds() + " seconds ago are not delivered yet (limit "
                    + maxDeliveryLag.toSeconds() + ")");
        } else {
            builder.up();
        }
    }
}
