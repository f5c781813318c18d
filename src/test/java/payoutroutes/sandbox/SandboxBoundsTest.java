package payoutroutes.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sandbox's memory does not grow with the payouts it has seen: each provider holds the last max-payouts,
 * forgets the oldest (and answers for it as for an unknown payout), counts per payout in the same window,
 * and leaves no timer behind a forgotten payout.
 */
class SandboxBoundsTest {

    private static final int WINDOW = 100;
    private static final int PAYOUTS = 1_000;
    private static final int EVENTS = 300;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aProviderHoldsTheLastMaxPayoutsAndForgetsTheRest(int family) throws Exception {
        // none settles during the test: every payout forgotten must take its pending timer with it
        try (SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of("payouts.sandbox.max-payouts",
                String.valueOf(WINDOW), "payouts.sandbox.settle-after-ms", "600000"))) {
            ProviderClient client = ProviderClient.all(sandbox).get(family);
            for (int i = 0; i < PAYOUTS; i++) {
                assertTrue(client.took(client.create("BOUND-" + i)), "BOUND-" + i);
            }

            JsonNode all = sandbox.stats();
            JsonNode stats = all.path("providers").path(client.provider());
            assertEquals(PAYOUTS, stats.path("payouts").asInt(), stats.toString());
            assertEquals(WINDOW, stats.path("held").asInt(), stats.toString());
            assertEquals(WINDOW, all.path("pendingTimers").asInt(), "one timer per payout held, none for the forgotten");
            assertFalse(client.holds(client.status("BOUND-0")), "the oldest is forgotten, answered as unknown");
            assertTrue(client.holds(client.status("BOUND-" + (PAYOUTS - 1))), "the newest is held");
            // a second create of a forgotten id is not known as a duplicate: its count went with it
            assertTrue(client.took(client.create("BOUND-1")));
            assertEquals(0, sandbox.stats().path("providers").path(client.provider()).path("duplicateCreates").asInt());
        }
    }

    @Test
    void theMerchantEndpointKeepsTheLastMaxPayoutsEvents() {
        try (SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of("payouts.sandbox.max-payouts",
                String.valueOf(WINDOW)))) {
            for (int i = 0; i < EVENTS; i++) {
                assertEquals(200, MerchantEvents.post(sandbox, "", "EVENT-" + i, "RECEIVED", "PROCESSING",
                        SandboxUnderTest.EVENTS_SECRET).statusCode());
            }
            JsonNode merchant = sandbox.stats().path("merchant");
            assertEquals(EVENTS, merchant.path("verified").asInt());
            assertEquals(WINDOW, merchant.path("payouts").asInt(), merchant.toString());
            assertEquals(WINDOW, merchant.at("/lastStatuses/PROCESSING").asInt(), merchant.toString());
            assertEquals(0, MerchantEvents.of(sandbox, "EVENT-0").path("events").size(), "the oldest is forgotten");
            assertEquals(1, MerchantEvents.of(sandbox, "EVENT-" + (EVENTS - 1)).path("events").size());
            assertTrue(sandbox.providers().sandbox(payoutroutes.sandbox.merchant.MerchantSandbox.class).received().size()
                    <= RecentList.KEPT);
        }
    }
}
