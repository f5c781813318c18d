package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import payoutroutes.RunningService.Answer;
import payoutroutes.service.ProviderBreakers;

/**
 * A circuit breaker per provider: calls that get no answer open it; while it is open a new payout to that provider
 * is not attempted (503, nothing kept) and a status query is not made; after its wait it lets a few calls through
 * and closes when they are answered. Another provider's breaker is not affected.
 */
class CircuitBreakerTest {

    /**
     * aopay's breaker, set for this provider only: it judges after 4 calls and lets 2 through when its wait is over.
     * Nothing else calls aopay meanwhile: its notifications are lost, and reconciliation is an hour away.
     */
    private static Map<String, String> aopayBreaker(String waitInOpenState) {
        return Map.of(
                "payouts.providers.aopay.breaker.minimum-number-of-calls", "4",
                "payouts.providers.aopay.breaker.sliding-window-size", "4",
                "payouts.providers.aopay.breaker.failure-rate-threshold", "50",
                "payouts.providers.aopay.breaker.wait-in-open-state", waitInOpenState,
                "payouts.providers.aopay.breaker.calls-in-half-open-state", "2",
                "payouts.public-base-url", "http://127.0.0.1:1",
                "payouts.reconciliation.delays", "1h");
    }

    /** The sandbox takes each of these payouts and answers its create with a 500: no answer, a failure. */
    private static void failFourCreates(RunningService service, String prefix) {
        for (int i = 1; i <= 4; i++) {
            Answer unknown = service.post(prefix + i, Payouts.seed("aopay", "10000", "IDR", "90020001"));
            assertEquals("UNKNOWN", unknown.text("status"), unknown.body());
        }
    }

    @Test
    void unansweredCallsOpenTheBreakerAndAnOpenBreakerCallsNothing() throws Exception {
        try (RunningService service = RunningService.start(aopayBreaker("1h"))) {
            ProviderBreakers breakers = service.bean("providerBreakers", ProviderBreakers.class);
            assertEquals("CLOSED", breakers.state("aopay"));

            failFourCreates(service, "CB-500-");
            assertEquals("OPEN", breakers.state("aopay"));

            Answer refused = service.post("CB-OPEN-1", Payouts.seed("aopay"));
            assertEquals(503, refused.status(), refused.body());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
            assertEquals("3600", refused.headers().firstValue("Retry-After").orElse(""), "as long as the breaker stays open");
            assertEquals(0, service.createCalls("aopay", "CB-OPEN-1"), "while open, a create is not attempted");
            assertEquals(404, service.get("CB-OPEN-1").status(), "nothing is kept");

            Answer refreshed = service.refresh("CB-500-1");
            assertEquals(200, refreshed.status(), refreshed.body());
            assertEquals("UNKNOWN", refreshed.text("status"), "a refresh answers the stored payout");
            assertEquals(0, service.statusQueries("aopay", "CB-500-1"), "while open, a status query is not made");

            Answer otherProvider = service.post("CB-ECHELON-1", Payouts.seed("echelonpay"));
            assertEquals(201, otherProvider.status(), "echelonpay has a breaker of its own");
            assertEquals("CLOSED", breakers.state("echelonpay"));

            String metrics = service.management("/observe/metrics").body();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("resilience4j_circuitbreaker_state")
                    && l.contains("name=\"aopay\"") && l.contains("state=\"open\"") && l.endsWith(" 1.0")),
                    "the breaker's state is a metric");
            com.fasterxml.jackson.databind.JsonNode health = service.management(
                    "/observe/health?exposureLevel=full&data=true").json();
            List<String> providerDetails = new ArrayList<>();
            health.path("checks").forEach(c -> {
                if ("providers".equals(c.path("name").asText())) {
                    providerDetails.add(c.path("data").path("aopay.breaker").asText());
                    providerDetails.add(c.path("data").path("echelonpay.breaker").asText());
                }
            });
            assertEquals(List.of("OPEN", "CLOSED"), providerDetails, "and in health's details");
        }
    }

    @Test
    void afterItsWaitTheBreakerLetsCallsThroughAndClosesWhenTheyAreAnswered() throws Exception {
        try (RunningService service = RunningService.start(aopayBreaker("1s"))) {
            ProviderBreakers breakers = service.bean("providerBreakers", ProviderBreakers.class);
            failFourCreates(service, "CB-CLOSE-500-");
            assertEquals("OPEN", breakers.state("aopay"));

            // each refused attempt kept nothing, so every attempt is a new payout
            AtomicInteger attempt = new AtomicInteger();
            Answer through = eventually(() -> service.post("CB-AFTER-" + attempt.incrementAndGet(),
                    Payouts.seed("aopay")), a -> a.status() != 503, Duration.ofSeconds(10));
            assertEquals(201, through.status(), through.body());
            assertEquals("PROCESSING", through.text("status"));
            assertEquals("HALF_OPEN", breakers.state("aopay"));
            Answer second = service.post("CB-AFTER-CLOSE", Payouts.seed("aopay"));
            assertEquals(201, second.status(), second.body());

            assertEquals("CLOSED", breakers.state("aopay"), "two answered calls close it");
            for (int i = 1; i < attempt.get(); i++) {
                assertEquals(0, service.createCalls("aopay", "CB-AFTER-" + i), "refused while open: not attempted");
            }
        }
    }

    @Test
    void aHalfOpenBreakerWhoseTrialCallsGetNoAnswerOpensAgain() throws Exception {
        try (RunningService service = RunningService.start(aopayBreaker("1s"))) {
            ProviderBreakers breakers = service.bean("providerBreakers", ProviderBreakers.class);
            failFourCreates(service, "CB-AGAIN-500-");
            assertEquals("OPEN", breakers.state("aopay"));

            AtomicInteger attempt = new AtomicInteger();
            eventually(() -> service.post("CB-TRIAL-" + attempt.incrementAndGet(),
                    Payouts.seed("aopay", "10000", "IDR", "90020001")), a -> a.status() != 503, Duration.ofSeconds(10));
            assertEquals("HALF_OPEN", breakers.state("aopay"));
            assertEquals("UNKNOWN", service.post("CB-TRIAL-LAST", Payouts.seed("aopay", "10000", "IDR", "90020001"))
                    .text("status"));

            assertEquals("OPEN", breakers.state("aopay"), "its trial calls failed: open again");
        }
    }
}
