package payoutroutes.service.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A query for operators (a health check, a Prometheus gauge) run at most once per {@code maxAge}, on a thread of its
 * own. A caller that finds the last reading too old starts a new one and waits for it at most {@code wait}, however
 * many callers wait on the same reading (a scrape reads several gauges): a slow or absent database delays a scrape by
 * that much at most, and the caller gets the last reading it has, which tells its own age.
 */
public final class CachedReading<T> {

    /** A value and when it was read. */
    public record Reading<T>(T value, Instant at) {

        public Duration age(Clock clock) {
            return Duration.between(at, clock.instant());
        }
    }

    private final Supplier<T> query;
    private final Duration maxAge;
    private final Duration wait;
    private final Executor executor;
    private final Clock clock;
    private volatile Reading<T> last;
    private CompletableFuture<Reading<T>> reading;
    private Instant attemptedAt;
    private long waitUntilNanos;

    public CachedReading(Supplier<T> query, Duration maxAge, Duration wait, Executor executor, Clock clock) {
        this.query = query;
        this.maxAge = maxAge;
        this.wait = wait;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * The newest reading if younger than {@code stale}: an older one says nothing about now (the store has not
     * answered for that long), and a gauge or a check should not pretend it does.
     */
    public Optional<Reading<T>> notOlderThan(Duration stale) {
        return get().filter(r -> r.age(clock).compareTo(stale) < 0);
    }

    /** The newest reading, fresh if the store answered in time; empty if it never has. */
    public Optional<Reading<T>> get() {
        Reading<T> current = last;
        if (current != null && current.age(clock).compareTo(maxAge) < 0) {
            return Optional.of(current);
        }
        CompletableFuture<Reading<T>> pending;
        long remaining;
        synchronized (this) {
            // a failed query is not tried again before maxAge either: a failing database is not asked at every call
            if (reading == null || reading.isDone()
                    && Duration.between(attemptedAt, clock.instant()).compareTo(maxAge) >= 0) {
                attemptedAt = clock.instant();
                reading = CompletableFuture.supplyAsync(() -> new Reading<>(query.get(), clock.instant()), executor)
                        .thenApply(r -> last = r);
                waitUntilNanos = System.nanoTime() + wait.toNanos();
            }
            pending = reading;
            remaining = waitUntilNanos - System.nanoTime();
        }
        if (remaining > 0) {
            try {
                pending.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException stale) {
                // the last reading, with its age, is the answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Optional.ofNullable(last);
    }
}
