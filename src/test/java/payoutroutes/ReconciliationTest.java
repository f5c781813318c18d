package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.RunningService.Answer;
import payoutroutes.sandbox.merchant.MerchantSandbox;

/**
 * Reconciliation (contract section 12) through the service as it runs: nobody refreshes, the providers'
 * notifications never reach us (payouts.public-base-url points nowhere), and still every payout reaches a final
 * status on its own, by asking, never by sending again; what can't be resolved is flagged, never guessed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationTest {

    private static final Duration GRACE = Duration.ofSeconds(3);
    private RunningService service;

    static Map<String, String> fastReconciliation(String... more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                // the notifications the sandbox sends are lost: only reconciliation can tell
                "payouts.public-base-url", "http://127.0.0.1:1",
                "payouts.reconciliation.poll-ms", "100",
                "payouts.reconciliation.delays", "1s,2s",
                "payouts.reconciliation.grace", GRACE.toMillis() + "ms",
                "payouts.reconciliation.flag-after", "5s",
                "payouts.events.poll-ms", "100",
                "payouts.sandbox.settle-after-ms", "300",
                "payouts.sandbox.slow-reply-ms", "1500"));
        for (String provider : List.of("aopay", "echelonpay", "komopay", "overpay", "paypro")) {
            properties.put("payouts.providers." + provider + ".timeout-ms", "700");
        }
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    @BeforeAll
    void start() {
        service = RunningService.start(fastReconciliation());
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private String payout(String provider, String account) {
        return Payouts.seed(provider, "10000", "IDR", account)
                .replace("https://merchant.example.com/payout-events", service.merchantUrl(""));
    }

    private Answer settledOnItsOwn(String id, String status) throws InterruptedException {
        return eventually(() -> service.get(id), a -> status.equals(a.text("status")), Duration.ofSeconds(15));
    }

    @Test
    void anUnknownPayoutIsResolvedOnItsOwnByAskingNeverBySendingAgain() throws Exception {
        String id = "RECON-UNKNOWN-1";
        assertEquals("UNKNOWN", service.post(id, payout("aopay", "90020001")).text("status"), "a 500 on the create");

        Answer settled = settledOnItsOwn(id, "SUCCEEDED");

        assertEquals(id, settled.text("providerReference"));
        assertEquals(1, service.createCalls("aopay", id), "asked about, never sent again");
        assertEquals(1, service.statusQueries("aopay", id), "settled at the provider before the first check");
        assertEquals(List.of("UNKNOWN", "SUCCEEDED"), eventually(() -> service.merchantEventStatuses(id),
                l -> l.size() >= 2, Duration.ofSeconds(10)), "each change is an event");
    }

    @Test
    void aProcessingPayoutWhoseNotificationIsLostIsSettledOnItsOwn() throws Exception {
        String id = "RECON-LOST-NOTIFICATION-1";
        assertEquals("PROCESSING", service.post(id, payout("komopay", "11223344")).text("status"));
        eventually(() -> service.aopaySandbox().notifications(), n -> n.stream().anyMatch(u -> u.contains(id)),
                Duration.ofSeconds(10)); // the provider settled it and its notification went nowhere

        settledOnItsOwn(id, "SUCCEEDED");

        assertEquals(1, service.createCalls("komopay", id));
        assertEquals(1, service.statusQueries("komopay", id));
        assertEquals(List.of("PROCESSING", "SUCCEEDED"), eventually(() -> service.merchantEventStatuses(id),
                l -> l.size() >= 2, Duration.ofSeconds(10)));
    }

    @Test
    void aPayoutTheProviderNeverGotEndsFailedNotReceivedByProviderOnceTheGraceIsOver() throws Exception {
        String id = "RECON-NEVER-GOT-1";
        // the overpay sandbox answers 500 and keeps nothing: the provider will say it does not have it
        Answer created = service.post(id, payout("overpay", "90060001"));
        assertEquals("UNKNOWN", created.text("status"), created.body());

        Answer failed = settledOnItsOwn(id, "FAILED");

        assertEquals("NOT_RECEIVED_BY_PROVIDER", failed.json().at("/failure/code").asText(), failed.body());
        Instant createdAt = Instant.parse(created.text("createdAt"));
        assertFalse(Instant.parse(failed.text("updatedAt")).isBefore(createdAt.plus(GRACE)),
                "not before the grace period is over: " + failed.body());
        assertTrue(service.statusQueries("overpay", id) >= 1);
        assertEquals(1, service.createCalls("overpay", id));
        List<MerchantSandbox.Received> events = eventually(() -> service.merchantEvents(id), l -> l.size() >= 2,
                Duration.ofSeconds(10));
        assertEquals(List.of("UNKNOWN", "FAILED"), service.merchantEventStatuses(id));
        assertEquals("UNKNOWN", events.get(1).json().path("previousStatus").asText());
        assertEquals("NOT_RECEIVED_BY_PROVIDER", events.get(1).json().at("/payout/failure/code").asText());
    }

    @Test
    void aPayoutOpenTooLongIsFlaggedForAnOperatorAndLeftAsItIs() throws Exception {
        String id = "RECON-OPEN-TOO-LONG-1";
        // every status query about it fails: nothing can tell what became of it
        assertEquals("PROCESSING", service.post(id, payout("echelonpay", "90160001")).text("status"));

        String[] flagged = eventually(() -> flagged(service), l -> String.join("\n", l).contains(id),
                Duration.ofSeconds(15));

        String line = Arrays.stream(flagged).filter(l -> l.startsWith(id + " ")).findFirst().orElseThrow();
        assertTrue(line.contains("status=PROCESSING") && line.contains("reason=open-too-long"), line);
        assertEquals("PROCESSING", service.get(id).text("status"), "flagged, never guessed");
        assertEquals(1, service.createCalls("echelonpay", id));
        assertTrue(service.management("/observe/metrics").body().lines().anyMatch(l ->
                l.startsWith("payouts_reconciliation_flagged_total") && l.contains("reason=\"open-too-long\"")
                        && !l.endsWith(" 0.0")), "counted in the metrics");
    }

    @Test
    void aProcessingPayoutItsProviderNoLongerKnowsIsFlaggedNotGuessed() throws Exception {
        // the sandbox remembers one payout per provider: a second one makes it forget the first
        try (CapturedLogs logs = CapturedLogs.install();
             RunningService forgetful = RunningService.start(fastReconciliation("payouts.sandbox.max-payouts", "1"))) {
            String id = "RECON-FORGOTTEN-1";
            String other = "RECON-FORGOTTEN-2";
            assertEquals("PROCESSING", forgetful.post(id, Payouts.seed("aopay")).text("status"));
            assertEquals(201, forgetful.post(other, Payouts.seed("aopay")).status());

            String[] flagged = eventually(() -> flagged(forgetful), l -> String.join("\n", l).contains(id),
                    Duration.ofSeconds(15));

            assertTrue(flagged[0].contains("reason=unknown-to-provider"), flagged[0]);
            assertEquals("PROCESSING", forgetful.get(id).text("status"), "a PROCESSING payout never becomes UNKNOWN");
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("payout=" + id)
                    && l.contains("step=reconciliation-flagged") && l.contains("reason=unknown-to-provider")));
            eventually(() -> forgetful.get(other), a -> "SUCCEEDED".equals(a.text("status")), Duration.ofSeconds(10));
            assertFalse(String.join("\n", flagged(forgetful)).contains(other), "only what needs an operator");
        }
    }

    static String[] flagged(RunningService service) {
        try {
            ObjectName name = new ObjectName("payoutroutes:type=Reconciliation,context="
                    + ObjectName.quote(service.context().getManagementName()));
            return (String[]) ManagementFactory.getPlatformMBeanServer().invoke(name, "list", new Object[0], new String[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
