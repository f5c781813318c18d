package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import payoutroutes.RunningService.Answer;

/** Readiness says ready only when this instance serves the API: from the start, not a moment before. */
class ReadinessTest {

    @Test
    void readyOnlyOnceTheBusinessPortServesTheApi() throws Exception {
        int port = RunningService.freePort();
        int management = RunningService.freePort();
        CompletableFuture<RunningService> starting = CompletableFuture.supplyAsync(() -> RunningService.start(Map.of(
                "camel.server.port", String.valueOf(port), "camel.management.port", String.valueOf(management),
                "payouts.public-base-url", "http://localhost:" + port)));
        List<Integer> before = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                int ready = status("http://localhost:" + management + "/observe/health/ready");
                if (ready == 200) {
                    // at once, before anything else can happen: what a load balancer would send now is served
                    Answer unknownPath = RunningService.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/no-such-path")).GET().build());
                    assertEquals(404, unknownPath.status());
                    assertEquals("application/problem+json", unknownPath.headers().firstValue("Content-Type").orElse(""),
                            "the server's own answers are in place");
                    assertEquals(200, status("http://localhost:" + port + "/api/openapi.yaml"));
                    break;
                }
                before.add(ready);
            }
        } finally {
            starting.get().close();
        }
        assertTrue(!before.isEmpty() && before.stream().noneMatch(s -> s == 200),
                "readiness was asked during the start, and said not ready: " + before.stream().distinct().toList());
    }

    @Test
    void eventsDueButNotDeliveredMakeItNotReadyAndEachProviderIsDetailed() throws Exception {
        // a delivery loop that never comes round (no queue for events pushed on commit, no poll of the table): events
        // fall due and stay undelivered; reconciliation alike
        try (RunningService service = RunningService.start(Map.of("payouts.events.poll-ms", "3600000",
                "payouts.events.queue-size", "0",
                "payouts.health.events.max-delivery-lag", "2s", "payouts.reconciliation.poll-ms", "3600000",
                "payouts.reconciliation.delays", "1s", "payouts.sandbox.settle-after-ms", "60000"))) {
            assertEquals(200, service.management("/observe/health/ready").status());
            assertEquals(201, service.post("READY-EVENTS", Payouts.seed("aopay").replace(
                    "https://merchant.example.com/payout-events", service.merchantUrl(""))).status());

            Answer down = RunningService.eventually(() -> service.management("/observe/health/ready"),
                    a -> a.status() == 503, Duration.ofSeconds(20));
            assertEquals(503, down.status());
            List<String> failing = new ArrayList<>();
            down.json().path("checks").forEach(c -> failing.add(c.path("name").asText()));
            assertEquals(List.of("events"), failing, "only the events are late; routes, store and API are fine");
            assertEquals(200, service.management("/observe/health/live").status(), "a late delivery is not a dead process");

            Scrape scrape = Scrape.of(service);
            assertTrue(scrape.value("payouts_events_pending") >= 1);
            assertTrue(scrape.value("payouts_events_delivery_lag_seconds") > 2);
            assertTrue(scrape.value("payouts_events_oldest_pending_age_seconds") > 2);
            assertEquals(1, scrape.value("payouts_reconciliation_due"), "the PROCESSING payout's check is due");
            assertTrue(scrape.value("payouts_reconciliation_lag_seconds") >= 1);
            assertEquals(0, scrape.value("payouts_open_flagged", "reason", "open-too-long"));
            assertEquals(3, scrape.matching("payouts_open_flagged").size(), "one series per reason");

            com.fasterxml.jackson.databind.JsonNode full = service.management(
                    "/observe/health?exposureLevel=full&data=true").json();
            Map<String, com.fasterxml.jackson.databind.JsonNode> checks = new java.util.HashMap<>();
            full.path("checks").forEach(c -> checks.put(c.path("name").asText(), c));
            com.fasterxml.jackson.databind.JsonNode providers = checks.get("providers").path("data");
            assertEquals("UP", checks.get("providers").path("status").asText());
            for (String provider : List.of("aopay", "echelonpay", "komopay", "overpay", "paypro")) {
                assertEquals("Started", providers.path(provider + ".route").asText(), provider);
            }
            assertEquals("aopay-family", providers.path("komopay.family").asText());
            // the create, or the status query its settlement notice woke up
            assertTrue(providers.path("aopay.last.call").asText().matches("(create|status) ANSWERED"), providers.toString());
            assertTrue(providers.has("aopay.last.call.at") && !providers.has("paypro.last.call"), providers.toString());
            assertEquals("UP", checks.get("store").path("status").asText());
            assertTrue(checks.get("events").path("message").asText().contains("not delivered"),
                    checks.get("events").toString());
            assertTrue(checks.get("events").path("data").path("pending").asInt() >= 1);
        }
    }

    /** The status of a GET, 0 when nothing listens yet. */
    private static int status(String url) {
        try {
            return RunningService.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET()
                    .build()).status();
        } catch (IllegalStateException notListening) {
            return 0;
        }
    }
}
