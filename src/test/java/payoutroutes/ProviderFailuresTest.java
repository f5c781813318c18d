package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.RunningService.Answer;

/**
 * When the provider misbehaves: a payout whose outcome we can't read is UNKNOWN and never sent again;
 * one that provably never left is forgotten (503) so the merchant may send it again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderFailuresTest {

    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.start(Map.of(
                "payouts.providers.aopay.timeout-ms", "700",
                // the sandbox settles (and notifies) after the create has timed out
                "payouts.sandbox.settle-after-ms", "1500",
                "payouts.sandbox.slow-reply-ms", "2500",
                // nothing listens on port 1: connection refused
                "payouts.providers.komopay.base-url", "http://127.0.0.1:1/sandbox/komopay"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void aTimedOutCreateIsUnknownNeverResentAndResolvedByAskingTheProvider() throws Exception {
        String id = "SLOW-1";
        Answer created = service.post(id, Payouts.seed("aopay", "10000", "IDR", "90010001"));

        assertEquals(201, created.status(), created.body());
        assertEquals("UNKNOWN", created.text("status"));

        Answer replay = service.post(id, Payouts.seed("aopay", "10000", "IDR", "90010001"));
        assertEquals(200, replay.status());
        assertEquals("UNKNOWN", replay.text("status"));
        assertEquals(1, service.aopaySandbox().createCalls("aopay", id), "an unknown payout is never sent again");

        Answer settled = eventually(() -> service.refresh(id), a -> "SUCCEEDED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"), settled.body());
        assertEquals(1, service.aopaySandbox().createCalls("aopay", id));
    }

    @Test
    void anUnreachableProviderIs503AndKeepsNothing() {
        String id = "DOWN-1";
        Answer refused = service.post(id, Payouts.seed("komopay"));

        assertEquals(503, refused.status(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(404, service.get(id).status(), "nothing is kept");
        assertEquals(503, service.post(id, Payouts.seed("komopay")).status(), "the same id may be sent again");
    }

    @Test
    void aRefreshThatGetsNoAnswerLeavesThePayoutAsItIs() throws Exception {
        // the sandbox sits on every answer about 9004... payouts longer than the timeout
        String id = "SLOW-REFRESH-1";
        Answer created = service.post(id, Payouts.seed("aopay", "10000", "IDR", "90040001"));
        assertEquals("UNKNOWN", created.text("status"));

        Answer unknownStill = service.refresh(id);
        assertEquals(200, unknownStill.status(), unknownStill.body());
        assertEquals("UNKNOWN", unknownStill.text("status"));
        assertEquals(created.text("updatedAt"), unknownStill.text("updatedAt"));
        assertEquals(1, service.aopaySandbox().createCalls("aopay", id));
    }
}
