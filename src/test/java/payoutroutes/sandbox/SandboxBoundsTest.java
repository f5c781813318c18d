package payoutroutes.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.sandbox.SandboxUnderTest.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox's memory does not grow with the payouts it has seen: each provider holds the last max-payouts,
 * forgets the oldest (and answers for it as for an unknown payout), counts per payout in the same window,
 * and leaves no timer behind a settled or forgotten payout.
 */
class SandboxBoundsTest {

    private static final int WINDOW = 100;
    private static final int PAYOUTS = 1_000;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aProviderHoldsTheLastMaxPayoutsAndForgetsTheRest(int family) throws Exception {
        try (NotificationCatcher merchant = new NotificationCatcher();
             SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of("payouts.sandbox.max-payouts",
                     String.valueOf(WINDOW), "payouts.sandbox.settle-after-ms", "10"))) {
            ProviderClient client = ProviderClient.all(sandbox).get(family);
            for (int i = 0; i < PAYOUTS; i++) {
                String id = "BOUND-" + i;
                assertTrue(client.took(client.create(id, "11223344", merchant.url(id), Map.of())), id);
            }

            JsonNode stats = sandbox.stats().path("providers").path(client.provider());
            assertEquals(PAYOUTS, stats.path("payouts").asInt(), stats.toString());
            assertEquals(WINDOW, stats.path("held").asInt(), stats.toString());
            assertFalse(client.holds(client.status("BOUND-0")), "the oldest is forgotten, answered as unknown");
            assertTrue(client.holds(client.status("BOUND-" + (PAYOUTS - 1))), "the newest is held");
            // a second create of a forgotten id is not known as a duplicate: its count went with it
            assertTrue(client.took(client.create("BOUND-1", "11223344", null, Map.of())));
            assertEquals(0, sandbox.stats().path("providers").path(client.provider()).path("duplicateCreates").asInt());

            JsonNode settled = eventually(sandbox::stats, s -> s.path("pendingTimers").asInt() == 0);
            assertEquals(0, settled.path("pendingTimers").asInt(), "a settled or forgotten payout keeps no timer");
            String newest = "BOUND-" + (PAYOUTS - 1);
            assertEquals(1, eventually(() -> merchant.caught(newest), c -> !c.isEmpty()).size(),
                    "the held ones settled and notified");
        }
    }

    @Test
    void theMerchantEndpointKeepsTheLastMaxPayoutsEvents() {
        try (SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of("payouts.sandbox.max-payouts",
                String.valueOf(WINDOW)))) {
            for (int i = 0; i < PAYOUTS; i++) {
                assertEquals(200, MerchantEvents.post(sandbox, "", "EVENT-" + i, "RECEIVED", "PROCESSING",
                        SandboxUnderTest.EVENTS_SECRET).statusCode());
            }
            JsonNode merchant = sandbox.stats().path("merchant");
            assertEquals(PAYOUTS, merchant.path("verified").asInt());
            assertEquals(WINDOW, merchant.path("payouts").asInt(), merchant.toString());
            assertEquals(WINDOW, merchant.at("/lastStatuses/PROCESSING").asInt(), merchant.toString());
            assertEquals(0, events(sandbox, "EVENT-0").path("events").size(), "the oldest is forgotten");
            assertEquals(1, events(sandbox, "EVENT-" + (PAYOUTS - 1)).path("events").size());
            assertTrue(sandbox.providers().sandbox(payoutroutes.sandbox.merchant.MerchantSandbox.class).received().size()
                    <= RecentList.KEPT);
        }
    }

    private static JsonNode events(SandboxUnderTest sandbox, String payoutId) {
        return SandboxUnderTest.json(SandboxUnderTest.send(HttpRequest.newBuilder(URI.create(
                sandbox.url("/sandbox/merchant/events?payoutId=" + payoutId))).GET().build()));
    }
}
