package payoutroutes.sandbox;

import payoutroutes.RunningService;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /sandbox/_stats} and {@code GET /sandbox/merchant/events}: what a test in another process counts
 * with, creates and duplicates above all (a create sent twice to a real provider is "paid twice" territory).
 */
class SandboxStatsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void countsCreatesDuplicatesQueriesAndNotifications(int family) throws Exception {
        try (NotificationCatcher merchant = new NotificationCatcher();
             SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of())) {
            ProviderClient client = ProviderClient.all(sandbox).get(family);
            client.create("ONCE-1", "11223344", merchant.url("ONCE-1"), Map.of());
            client.create("TWICE-1", "11223344", merchant.url("TWICE-1"), Map.of());
            client.create("TWICE-1", "11223344", merchant.url("TWICE-1"), Map.of()); // refused as a duplicate: counted
            client.status("ONCE-1");
            client.status("NEVER-1");

            JsonNode stats = RunningService.eventually(() -> sandbox.stats().path("providers").path(client.provider()),
                    s -> s.path("notificationsAnswered").asInt() == 2, Duration.ofSeconds(5));
            assertEquals(3, stats.path("creates").asInt(), stats.toString());
            assertEquals(2, stats.path("payouts").asInt());
            assertEquals(1, stats.path("duplicateCreates").asInt());
            assertEquals(List.of("TWICE-1"), SandboxJson.MAPPER.convertValue(stats.path("duplicatePayoutIds"), List.class));
            assertEquals(2, stats.path("statusQueries").asInt());
            assertEquals(2, stats.path("held").asInt());
            assertEquals(2, stats.path("notificationsSent").asInt());
            assertEquals(2, stats.path("notificationsAnswered").asInt());
            assertEquals(0, sandbox.stats().path("pendingTimers").asInt(), "a settled payout keeps no timer");
        }
    }

    @Test
    void everyProviderIsListedEvenBeforeItsFirstPayout() {
        try (SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of("payouts.sandbox.aopay-family.brands",
                "aopay,echelonpay,komopay"))) {
            JsonNode stats = sandbox.stats();
            assertEquals(List.of("aopay", "echelonpay", "komopay", "overpay", "paypro"),
                    SandboxUnderTest.providerIds(stats));
            assertEquals(100_000, stats.path("maxPayouts").asInt());
            assertEquals(0, stats.path("pendingTimers").asInt());
        }
    }

    @Test
    void theMerchantEndpointTellsEachPayoutsEventsAndItsLastStatusTaken() {
        try (SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of())) {
            String secret = SandboxUnderTest.EVENTS_SECRET;
            assertEquals(200, MerchantEvents.post(sandbox, "", "P-1", "RECEIVED", "PROCESSING", secret).statusCode());
            assertEquals(500, MerchantEvents.post(sandbox, "?fail=1", "P-1", "PROCESSING", "SUCCEEDED", secret)
                    .statusCode(), "refused on purpose: not taken");
            assertEquals(401, MerchantEvents.post(sandbox, "", "P-1", "PROCESSING", "FAILED", "forged").statusCode());
            JsonNode events = MerchantEvents.of(sandbox, "P-1");
            assertEquals("PROCESSING", events.path("lastStatus").asText(), events.toString());

            assertEquals(200, MerchantEvents.post(sandbox, "", "P-1", "PROCESSING", "SUCCEEDED", secret).statusCode());
            assertEquals(200, MerchantEvents.post(sandbox, "", "P-2", "RECEIVED", "FAILED", secret).statusCode());

            events = MerchantEvents.of(sandbox, "P-1");
            assertEquals("SUCCEEDED", events.path("lastStatus").asText());
            assertEquals(List.of("PROCESSING", "SUCCEEDED", "SUCCEEDED"), events.path("events").findValuesAsText("status"));
            assertEquals(List.of("200", "500", "200"), events.path("events").findValuesAsText("answer"));
            JsonNode merchant = sandbox.stats().path("merchant");
            assertEquals(4, merchant.path("verified").asInt(), merchant.toString());
            assertEquals(1, merchant.path("refused").asInt());
            assertEquals(2, merchant.path("payouts").asInt());
            assertEquals(1, merchant.at("/lastStatuses/SUCCEEDED").asInt());
            assertEquals(1, merchant.at("/lastStatuses/FAILED").asInt());
            assertEquals(0, MerchantEvents.of(sandbox, "P-NEVER").path("events").size());
        }
    }
}
