package payoutroutes.service.events;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.service.store.EventOutbox;

/**
 * How long delivered events are kept ({@code payouts.events.retention}): the outbox's cost must not grow with
 * every event ever delivered. Pending and dead-lettered events are never deleted.
 */
public class EventRetention {

    private static final Logger LOG = LoggerFactory.getLogger("payouts");
    /** Deleted per statement: short transactions that never hold up the payout path for long. */
    private static final int CHUNK = 5_000;
    /** At most this many chunks per run; what is left waits for the next run. */
    private static final int CHUNKS_PER_RUN = 20;

    private final EventOutbox outbox;
    private final Duration retention;
    private final Clock clock;

    public EventRetention(EventOutbox outbox, Duration retention, Clock clock) {
        this.outbox = outbox;
        this.retention = retention;
        this.clock = clock;
    }

    public static EventRetention of(EventOutbox outbox, String retention, Clock clock) {
        return new EventRetention(outbox, RetrySchedule.duration(retention.trim()), clock);
    }

    /** Deletes the events delivered longer ago than the retention (route prune-delivered-events); how many. */
    public int prune() {
        int deleted = 0;
        for (int chunk = 0; chunk < CHUNKS_PER_RUN; chunk++) {
            int now = outbox.pruneDelivered(clock.instant().minus(retention), CHUNK);
            deleted += now;
            if (now < CHUNK) {
                break;
            }
        }
        if (deleted > 0) {
            LOG.info("step=events-pruned deleted={} delivered-before={}", deleted, retention);
        }
        return deleted;
    }
}
