package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.RunningService.Answer;
import payoutroutes.service.ProviderBreakers;

/**
 * The router's fallback providers (routes/router.yaml: IDR to aopay, else paypro; USD to overpay, else echelonpay):
 * a payout goes to the fallback only when it provably never reached the first provider (its connection refused, its
 * breaker open), never after a timeout or an error answer; not when the payout named its provider, and not when the
 * fallback cannot take it. The payout is moved to the fallback in the store before it is sent there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FallbackProviderTest {

    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.start(Map.of(
                // nothing listens on port 1: every call to aopay is refused
                "payouts.providers.aopay.base-url", "http://127.0.0.1:1/sandbox/aopay",
                "payouts.providers.aopay.breaker.minimum-number-of-calls", "3",
                "payouts.providers.aopay.breaker.sliding-window-size", "3",
                "payouts.providers.aopay.breaker.wait-in-open-state", "1h",
                "payouts.providers.overpay.timeout-ms", "700",
                "payouts.providers.paypro.timeout-ms", "5000",
                "payouts.sandbox.slow-reply-ms", "1500",
                // nothing settles while a create is still waiting for its answer
                "payouts.sandbox.settle-after-ms", "3000",
                "payouts.reconciliation.delays", "1h"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private String payout(String provider, String amount, String currency, String account) {
        return Payouts.seed(provider, amount, currency, account)
                .replace("https://merchant.example.com/payout-events", service.merchantUrl(""));
    }

    @Test
    void aPayoutItsProviderNeverGotGoesToTheFallbackAndStaysThere() throws Exception {
        String id = "FALLBACK-1";
        String body = payout(null, "10000", "IDR", "11223344");

        Answer created = service.post(id, body);

        assertEquals(201, created.status(), created.body());
        assertEquals("paypro", created.text("provider"));
        assertEquals("PROCESSING", created.text("status"));
        assertEquals(1, service.createCalls("paypro", id));
        assertEquals("paypro", service.get(id).text("provider"));
        Answer again = service.post(id, body);
        assertEquals(200, again.status(), again.body());
        assertEquals("paypro", again.text("provider"), "a duplicate finds it under its new provider");
        assertEquals(1, service.createCalls("paypro", id), "and sends nothing");
        eventually(() -> service.merchantEvents(id), events -> !events.isEmpty(), Duration.ofSeconds(10));
        assertEquals("paypro", service.merchantEvents(id).get(0).json().at("/payout/provider").asText());
    }

    @Test
    void whileTheFirstProvidersBreakerIsOpenNewPayoutsGoStraightToTheFallback() {
        ProviderBreakers breakers = service.bean("providerBreakers", ProviderBreakers.class);
        for (int i = 1; i <= 3 && !"OPEN".equals(breakers.state("aopay")); i++) {
            assertEquals("paypro", service.post("FALLBACK-REFUSED-" + i, payout(null, "10000", "IDR", "11223344"))
                    .text("provider"));
        }
        assertEquals("OPEN", breakers.state("aopay"), "refused connections are failures");

        Answer created = service.post("FALLBACK-OPEN-1", payout(null, "10000", "IDR", "11223344"));

        assertEquals(201, created.status(), created.body());
        assertEquals("paypro", created.text("provider"));
    }

    @Test
    void aPayoutThatNamesItsProviderHasNoFallback() {
        Answer refused = service.post("FALLBACK-NAMED-1", payout("aopay", "10000", "IDR", "11223344"));

        assertEquals(503, refused.status(), refused.body());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(404, service.get("FALLBACK-NAMED-1").status(), "nothing is kept");
        assertEquals(0, service.createCalls("paypro", "FALLBACK-NAMED-1"));
    }

    @Test
    void aFallbackThatCannotTakeThePayoutIsNotUsed() {
        // paypro pays whole rupiah only
        Answer refused = service.post("FALLBACK-CANNOT-1", payout(null, "10000.50", "IDR", "11223344"));

        assertEquals(503, refused.status(), refused.body());
        assertEquals(404, service.get("FALLBACK-CANNOT-1").status(), "nothing is kept");
        assertEquals(0, service.createCalls("paypro", "FALLBACK-CANNOT-1"));
    }

    @Test
    void neverAfterATimeoutAnErrorAnswerOrABrokenConnection() {
        // overpay (USD's provider, else echelonpay) answers too late, with a 500, and closes the connection: each time
        // it may have the payout, so it is UNKNOWN there and echelonpay never sees it
        for (String account : List.of("90010001", "90020001", "90120001")) {
            String id = "NO-FALLBACK-" + account;
            Answer created = service.post(id, payout(null, "100", "USD", account));

            assertEquals(201, created.status(), created.body());
            assertEquals("overpay", created.text("provider"), id);
            assertEquals("UNKNOWN", created.text("status"), id);
            assertEquals(1, service.createCalls("overpay", id), id);
            assertEquals(0, service.createCalls("echelonpay", id), id);
        }
    }

    @Test
    void thePayoutIsMovedToTheFallbackInTheStoreBeforeItIsSentThere() throws Exception {
        // paypro sits on this create for 1.5 s (within its timeout): meanwhile the payout is the fallback's already
        String id = "FALLBACK-MOVED-1";
        String body = payout(null, "10000", "IDR", "90010001");
        CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> service.post(id, body));
        eventually(() -> service.createCalls("paypro", id), n -> n == 1, Duration.ofSeconds(10));

        Answer during = service.get(id);
        assertEquals("paypro", during.text("provider"), during.body());
        assertEquals("RECEIVED", during.text("status"));
        Answer duplicate = service.post(id, body);

        assertEquals(201, first.get().status(), first.get().body());
        assertEquals(200, duplicate.status(), duplicate.body());
        assertEquals("paypro", duplicate.text("provider"));
        assertEquals(1, service.createCalls("paypro", id));
    }
}
