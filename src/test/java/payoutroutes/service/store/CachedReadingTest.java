package payoutroutes.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reading for a scrape or a health check: asked rarely, and never waited on for long. */
class CachedReadingTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final AtomicInteger queries = new AtomicInteger();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aFreshReadingIsServedWithoutAskingAgain() {
        CachedReading<Integer> reading = new CachedReading<>(queries::incrementAndGet, Duration.ofSeconds(5),
                Duration.ofSeconds(5), executor, clock);
        assertEquals(1, reading.get().orElseThrow().value());
        now = now.plusSeconds(4);
        assertEquals(1, reading.get().orElseThrow().value());
        now = now.plusSeconds(1);
        assertEquals(2, reading.get().orElseThrow().value(), "asked again once maxAge has passed");
    }

    @Test
    void aSlowStoreHoldsTheCallerOnlyForTheWaitAndTheOldReadingIsTheAnswer() throws Exception {
        CountDownLatch slow = new CountDownLatch(1);
        CachedReading<Integer> reading = new CachedReading<>(() -> {
            int n = queries.incrementAndGet();
            if (n == 2) {
                await(slow);
            }
            return n;
        }, Duration.ofSeconds(5), Duration.ofMillis(200), executor, clock);
        assertEquals(1, reading.get().orElseThrow().value());
        now = now.plusSeconds(10);

        long start = System.nanoTime();
        CachedReading.Reading<Integer> stale = reading.get().orElseThrow();
        assertEquals(1, stale.value(), "the last reading, while the new one hangs");
        assertEquals(Duration.ofSeconds(10), stale.age(clock), "with its age");
        reading.get();
        reading.get();
        long heldMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(heldMs < 1000, "three callers held " + heldMs + " ms together, not three waits");
        assertEquals(2, queries.get(), "one query in flight, not one per caller");

        slow.countDown();
        assertEquals(2, awaitValue(reading, 2));
    }

    @Test
    void aFailingStoreIsNotAskedAtEveryCall() {
        CachedReading<Integer> reading = new CachedReading<>(() -> {
            queries.incrementAndGet();
            throw new StoreException("down", null);
        }, Duration.ofSeconds(5), Duration.ofSeconds(1), executor, clock);
        assertTrue(reading.get().isEmpty());
        assertTrue(reading.get().isEmpty());
        assertEquals(1, queries.get());
        now = now.plusSeconds(4);
        reading.get();
        assertEquals(1, queries.get(), "maxAge counts from the last attempt");
        now = now.plusSeconds(1);
        reading.get();
        assertEquals(2, queries.get());
    }

    private static int awaitValue(CachedReading<Integer> reading, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int value = reading.get().orElseThrow().value();
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            value = reading.get().orElseThrow().value();
        }
        return value;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
