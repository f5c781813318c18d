package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What an SRE scrapes from /observe/metrics: payouts by provider and status, provider calls by outcome with their
 * latency histogram, notifications by result, event delivery attempts and dead letters. Each test reads the change
 * its own requests make.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {

    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.start(Map.of(
                "payouts.providers.aopay.timeout-ms", "500",
                "payouts.sandbox.slow-reply-ms", "1000",
                // settled after the slow create has timed out, so that it stays UNKNOWN
                "payouts.sandbox.settle-after-ms", "2000",
                "payouts.events.poll-ms", "100",
                "payouts.events.retry-delays", "100ms,100ms"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private String payout(String account, String callbackUrl) {
        return Payouts.seed("aopay", "10000", "IDR", account)
                .replace("https://merchant.example.com/payout-events", callbackUrl);
    }

    @Test
    void payoutsAreCountedByProviderAndStatusAndProviderCallsTimedByOutcome() {
        Scrape before = Scrape.of(service);
        assertEquals(201, service.post("MET-OK", payout("11223344", service.merchantUrl(""))).status());
        assertEquals("UNKNOWN", service.post("MET-SLOW", payout("900111223344", service.merchantUrl(""))).text("status"));
        assertEquals(200, service.refresh("MET-OK").status());
        Scrape after = Scrape.of(service);

        assertEquals(1, delta(before, after, "payouts_sent_total", "provider", "aopay", "status", "PROCESSING"));
        assertEquals(1, delta(before, after, "payouts_sent_total", "provider", "aopay", "status", "UNKNOWN"));
        String calls = "payouts_provider_call_seconds";
        assertEquals(1, delta(before, after, calls + "_count", "provider", "aopay", "operation", "create",
                "outcome", "ANSWERED"));
        assertEquals(1, delta(before, after, calls + "_count", "provider", "aopay", "operation", "create",
                "outcome", "NO_ANSWER"));
        assertEquals(1, delta(before, after, calls + "_count", "provider", "aopay", "operation", "status",
                "outcome", "ANSWERED"));
        // the unanswered create waited for its timeout: it is in no bucket below half a second
        assertTrue(delta(before, after, calls + "_sum", "provider", "aopay", "operation", "create",
                "outcome", "NO_ANSWER") >= 0.5);
        assertEquals(0, delta(before, after, calls + "_bucket", "provider", "aopay", "operation", "create",
                "outcome", "NO_ANSWER", "le", "0.25"));
        assertEquals(1, delta(before, after, calls + "_bucket", "provider", "aopay", "operation", "create",
                "outcome", "NO_ANSWER", "le", "+Inf"));
        assertTrue(after.matching(calls + "_bucket", "provider", "aopay", "operation", "create", "outcome", "ANSWERED")
                .size() > 5, "a histogram, with buckets");
        assertTrue(after.samples().stream().filter(s -> s.name().startsWith("payouts_"))
                .noneMatch(s -> s.labels().containsValue("MET-OK")), "never a payoutId in a label");
    }

    @Test
    void notificationsAreCountedAcceptedAndRefusedByProvider() throws Exception {
        Scrape before = Scrape.of(service);
        assertEquals(201, service.post("MET-NOTIFIED", payout("11223344", service.merchantUrl(""))).status());
        assertEquals(401, RunningService.send(HttpRequest.newBuilder(URI.create(service.url("/callbacks/overpay")))
                .header("Authorization", "Basic bm90OnRoZS1zZWNyZXQ=").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"transaction\":{}}")).build()).status());
        // the sandbox settles the payout and notifies: a wake-up, verified by asking, then accepted
        Scrape after = eventually(() -> Scrape.of(service), s -> delta(before, s, "payouts_notifications_total",
                "provider", "aopay", "result", "accepted") >= 1, Duration.ofSeconds(10));
        assertTrue(delta(before, after, "payouts_notifications_total", "provider", "aopay", "result", "accepted") >= 1);
        assertEquals(1, delta(before, after, "payouts_notifications_total", "provider", "overpay", "result", "refused"));
    }

    @Test
    void eventAttemptsAreCountedAndDeadLettersShown() throws Exception {
        Scrape before = Scrape.of(service);
        // the merchant refuses the first three attempts of each event: the first and both retries fail
        assertEquals(201, service.post("MET-DEAD", payout("11223344", service.merchantUrl("?fail=3"))).status());
        assertEquals(201, service.post("MET-FINE", payout("11223344", service.merchantUrl(""))).status());
        Scrape after = eventually(() -> Scrape.of(service), s -> s.value("payouts_events_dead_letters")
                >= before.value("payouts_events_dead_letters") + 1, Duration.ofSeconds(15));
        assertTrue(after.value("payouts_events_dead_letters") >= before.value("payouts_events_dead_letters") + 1,
                "the gauge counts the dead letters in the store");
        assertTrue(delta(before, after, "payouts_events_attempts_total", "result", "dead_lettered") >= 1);
        assertTrue(delta(before, after, "payouts_events_attempts_total", "result", "failed") >= 2);
        assertTrue(delta(before, after, "payouts_events_attempts_total", "result", "delivered") >= 1);
        for (String gauge : new String[] {"payouts_events_pending", "payouts_events_oldest_pending_age_seconds",
                "payouts_events_delivery_lag_seconds"}) {
            assertTrue(after.has(gauge), gauge);
        }
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
