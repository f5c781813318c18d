package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.RunningService.Answer;
import payoutroutes.sandbox.merchant.MerchantSandbox;
import payoutroutes.service.store.OpenPayouts;

/**
 * Two instances of the service on one PostgreSQL database, with one set of providers: what the database
 * guarantees holds across them. A payoutId reaches its provider once, whichever instances a merchant's
 * duplicates reach; each due payout is asked about by one instance; each change's event is delivered once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    private SandboxProcess sandbox;
    private RunningService a;
    private RunningService b;

    @BeforeAll
    void start() {
        Map<String, String> database = TestPostgres.freshDatabase();
        sandbox = SandboxProcess.start(Map.of("payouts.sandbox.settle-after-ms", "200"));
        String[] fast = {"payouts.reconciliation.poll-ms", "100", "payouts.reconciliation.delays", "1s,1h",
                "payouts.events.poll-ms", "100"};
        a = RunningService.start(RacingWritersTest.instance(database, sandbox, fast));
        b = RunningService.start(RacingWritersTest.instance(database, sandbox, fast));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, sandbox}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // the others still close
            }
        }
    }

    private String payout(String provider) {
        return Payouts.seed(provider).replace("https://merchant.example.com/payout-events", sandbox.merchantUrl());
    }

    @Test
    void duplicatesSentToBothInstancesAtOnceReachTheProviderOnce() throws Exception {
        ExecutorService merchants = Executors.newFixedThreadPool(6);
        try {
            for (int round = 1; round <= 10; round++) {
                String id = "TWO-DUPLICATE-" + round;
                String provider = round % 2 == 0 ? "overpay" : "aopay";
                CountDownLatch go = new CountDownLatch(1);
                List<Callable<Answer>> sends = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    RunningService instance = i % 2 == 0 ? a : b;
                    sends.add(() -> {
                        go.await();
                        return instance.post(id, payout(provider));
                    });
                }
                List<Future<Answer>> answers = sends.stream().map(merchants::submit).toList();
                go.countDown();
                List<Integer> codes = new ArrayList<>();
                for (Future<Answer> answer : answers) {
                    codes.add(answer.get(30, TimeUnit.SECONDS).status());
                }
                assertEquals(1, codes.stream().filter(c -> c == 201).count(), id + " answers " + codes);
                assertEquals(5, codes.stream().filter(c -> c == 200).count(), id + " answers " + codes);
                assertEquals(1, sandbox.createCalls(provider, id), id + " reached " + provider + " once");
            }
        } finally {
            merchants.shutdownNow();
        }
    }

    @Test
    void eachDuePayoutIsAskedAboutByOneInstanceOnly() throws Exception {
        // both instances find the same due payouts and are held right before claiming until both are there
        PairedClaims paired = new PairedClaims();
        a.bean("openPayouts", OpenPayouts.class).holdBeforeClaim(paired);
        b.bean("openPayouts", OpenPayouts.class).holdBeforeClaim(paired);
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 1; i <= 8; i++) {
                String id = "TWO-RECONCILED-" + i;
                ids.add(id);
                // the provider's notification is lost (no public URL): reconciliation settles it
                assertEquals("PROCESSING", (i % 2 == 0 ? a : b).post(id, payout("komopay")).text("status"));
            }
            for (String id : ids) {
                eventually(() -> a.get(id), p -> "SUCCEEDED".equals(p.text("status")), Duration.ofSeconds(30));
            }
        } finally {
            a.bean("openPayouts", OpenPayouts.class).holdBeforeClaim(null);
            b.bean("openPayouts", OpenPayouts.class).holdBeforeClaim(null);
        }
        for (String id : ids) {
            assertEquals(1, sandbox.statusQueries("komopay", id), id + " was asked about once");
            assertEquals(1, sandbox.createCalls("komopay", id));
        }
        assertTrue(paired.met() >= 1, "the instances did meet on a payout: " + paired.met());
    }

    @Test
    void eachChangeIsDeliveredOnceWhileBothInstancesDeliver() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String id = "TWO-EVENTS-" + i;
            ids.add(id);
            assertEquals(201, (i % 2 == 0 ? a : b).post(id, payout(i % 3 == 0 ? "overpay" : "aopay")).status());
        }
        for (String id : ids) {
            // settled by reconciliation (notifications go nowhere), and both changes delivered
            eventually(() -> delivered(id), events -> events.size() >= 2, Duration.ofSeconds(30));
        }
        for (String id : ids) {
            List<String> stored = a.storedEvents(id).stream().map(e -> e.eventId()).toList();
            Map<String, Long> deliveries = delivered(id).stream()
                    .collect(Collectors.groupingBy(MerchantSandbox.Received::eventId, Collectors.counting()));
            assertEquals(stored.size(), deliveries.size(), id + ": every stored event reached the merchant");
            stored.forEach(eventId -> assertEquals(1L, deliveries.get(eventId), id + ": " + eventId + " delivered once"));
            assertEquals(List.of("PROCESSING", "SUCCEEDED"), delivered(id).stream()
                    .map(r -> r.json().at("/payout/status").asText()).toList(), id + ": in order");
        }
    }

    private List<MerchantSandbox.Received> delivered(String id) {
        return sandbox.sandbox(MerchantSandbox.class).received().stream()
                .filter(r -> r.verified() && id.equals(r.json().at("/payout/payoutId").asText())).toList();
    }

    /**
     * Holds the first claim of each payout until a second claim of it comes (or a few seconds pass): both
     * instances then try to claim the same payout at once.
     */
    private static final class PairedClaims implements Consumer<String> {
        private final Map<String, CountDownLatch> pairs = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger met = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void accept(String payoutId) {
            CountDownLatch pair = pairs.computeIfAbsent(payoutId, id -> new CountDownLatch(2));
            pair.countDown();
            try {
                if (pair.await(3, TimeUnit.SECONDS) && pair.getCount() == 0) {
                    met.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int met() {
            return met.get() / 2;
        }
    }
}
