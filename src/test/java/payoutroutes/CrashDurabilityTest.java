package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A 201 survives {@code kill -9}: the service runs as a real process, many clients create payouts at
 * once, the process is killed within milliseconds of an answer, started again on the same store, and
 * every request is sent again. Nothing that was answered is lost, and no payout reaches its provider
 * twice (counted at the sandbox, which runs in this JVM and so outlives the kill).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashDurabilityTest {

    private static final String[] PROVIDERS = {"aopay", "echelonpay", "komopay", "overpay", "paypro"};
    private static final int PAYOUTS = 200;
    private static final int CLIENTS = 40;

    private Path dir;
    private SandboxProcess sandbox;
    private ServiceProcess service;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("crash-store");
        sandbox = SandboxProcess.start(Map.of("payouts.sandbox.settle-after-ms", "300"));
        Map<String, String> properties = new HashMap<>(sandbox.providerBaseUrls());
        properties.putAll(fileStore());
        properties.put("payouts.sandbox.enabled", "false");
        // the events go to the sandbox merchant of the other process, on loopback: allowed by name
        properties.put("payouts.events.allowed-hosts", java.net.URI.create(sandbox.merchantUrl()).getAuthority());
        for (String provider : PROVIDERS) {
            properties.put("payouts.providers." + provider + ".timeout-ms", "3000");
        }
        service = ServiceProcess.start(properties, Files.createDirectories(Path.of("target", "crash-tests"))
                .resolve("service-" + System.currentTimeMillis() + ".log"));
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** The store as shipped: an H2 file database (or PostgreSQL when the suite runs against one). */
    private Map<String, String> fileStore() {
        if (System.getenv("PAYOUTS_TEST_POSTGRES") != null) {
            return RunningService.freshStore();
        }
        return Map.of("payouts.store.url", "jdbc:h2:file:" + dir.resolve("payouts").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    }

    @Test
    void answeredPayoutsSurviveAKillAndAResendNeverReachesTheProviderTwice() throws Exception {
        // killed early in a burst and again later, each time right after the Nth 201
        round("KILL-A-", 40);
        round("KILL-B-", 120);
    }

    private void round(String prefix, int killAfterCreated) throws Exception {
        Map<String, String> requests = new HashMap<>();
        for (int i = 0; i < PAYOUTS; i++) {
            String provider = PROVIDERS[i % PROVIDERS.length];
            requests.put(prefix + i + "-" + provider, Payouts.seed(provider)
                    .replace("https://merchant.example.com/payout-events", sandbox.merchantUrl()));
        }
        Map<String, String> answeredBeforeKill = new ConcurrentHashMap<>();
        AtomicInteger created = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (Map.Entry<String, String> request : requests.entrySet()) {
            clients.submit(() -> {
                if (killed.get()) {
                    return;
                }
                try {
                    RunningService.Answer answer = service.post(request.getKey(), request.getValue());
                    if (answer.status() == 201 || answer.status() == 200) {
                        answeredBeforeKill.put(request.getKey(), answer.text("status"));
                    }
                    if (answer.status() == 201 && created.incrementAndGet() == killAfterCreated
                            && killed.compareAndSet(false, true)) {
                        service.kill();
                    }
                } catch (IllegalStateException connectionLost) {
                    // the process was killed under this request: it was never answered
                }
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(2, TimeUnit.MINUTES));
        assertTrue(killed.get(), "the service was killed mid-run (only " + created.get() + " payouts created)");

        service.restart();

        List<String> lost = new ArrayList<>();
        for (String payoutId : answeredBeforeKill.keySet()) {
            if (service.get(payoutId).status() != 200) {
                lost.add(payoutId);
            }
        }
        assertEquals(List.of(), lost, "payouts answered 201 before the kill and gone after it");

        Map<String, Integer> resent = new ConcurrentHashMap<>();
        ExecutorService again = Executors.newFixedThreadPool(8);
        requests.forEach((payoutId, body) -> again.submit(() -> {
            resent.put(payoutId, service.post(payoutId, body).status());
        }));
        again.shutdown();
        assertTrue(again.awaitTermination(2, TimeUnit.MINUTES));

        List<String> twice = new ArrayList<>();
        for (String payoutId : requests.keySet()) {
            String provider = payoutId.substring(payoutId.lastIndexOf('-') + 1);
            if (sandbox.createCalls(provider, payoutId) > 1) {
                twice.add(payoutId);
            }
        }
        assertEquals(List.of(), twice, "payouts that reached their provider twice");
        for (String payoutId : answeredBeforeKill.keySet()) {
            assertEquals(200, resent.get(payoutId), payoutId + " was answered before the kill: a resend is a replay");
            String provider = payoutId.substring(payoutId.lastIndexOf('-') + 1);
            assertEquals(1, sandbox.createCalls(provider, payoutId), payoutId + " reached its provider once");
        }
        System.out.printf("crash round %s: %d created before the kill, %d answered, %d lost, %d sent twice%n", prefix,
                created.get(), answeredBeforeKill.size(), lost.size(), twice.size());
    }
}
