package payoutroutes.service.events;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import payoutroutes.service.store.CachedReading;
import payoutroutes.service.store.EventOutbox;

/**
 * The outbox's backlog as health and metrics see it, from one cached reading of the store, so that both say the
 * same thing and neither asks the database more than once every few seconds.
 */
public class EventBacklog {

    /** A reading older than this says nothing about now: the store has not answered for a while. */
    static final Duration STALE = Duration.ofMinutes(1);

    /** What operators look at, in seconds and counts. */
    public record Now(long pending, long oldestPendingAgeSeconds, long deliveryLagSeconds, long deadLetters,
                      long readingAgeSeconds) {
    }

    private final CachedReading<EventOutbox.Backlog> reading;
    private final Clock clock;

    public EventBacklog(CachedReading<EventOutbox.Backlog> reading, Clock clock) {
        this.reading = reading;
        this.clock = clock;
    }

    /** The backlog now, or empty when the store has not answered within the last minute. */
    public Optional<Now> now() {
        return reading.notOlderThan(STALE).map(r -> {
            EventOutbox.Backlog b = r.value();
            return new Now(b.pending(), secondsSince(b.oldestPendingAt() == null ? r.at() : b.oldestPendingAt(), r),
                    secondsSince(b.oldestDueAt() == null ? r.at() : b.oldestDueAt(), r), b.dead(),
                    r.age(clock).toSeconds());
        });
    }

    /** Seconds from an instant of the reading to the reading itself (never negative: a due time may be ahead). */
    private static long secondsSince(java.time.Instant instant, CachedReading.Reading<?> reading) {
        return Math.max(0, Duration.between(instant, reading.at()).toSeconds());
    }
}
