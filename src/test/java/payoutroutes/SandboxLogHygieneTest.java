package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payoutroutes.sandbox.NotificationCatcher;
import payoutroutes.sandbox.ProviderClient;
import payoutroutes.sandbox.SandboxUnderTest;
import payoutroutes.sandbox.fault.AccountHints;

/**
 * Every fault the sandbox injects is logged in one line that says which provider, which payout and which
 * fault, so that a failing chaos test can be understood; and not one of those lines carries the account
 * number that asked for it, or any other personal data or credential.
 */
class SandboxLogHygieneTest {

    private static final String ACCOUNT_TAIL = "5550001234987";

    @Test
    void eachFaultIsOneLineWithoutPersonalData() throws Exception {
        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.install();
             NotificationCatcher merchant = new NotificationCatcher();
             SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of("payouts.sandbox.slow-reply-ms", "50"))) {
            for (ProviderClient client : ProviderClient.all(sandbox)) {
                for (String prefix : AccountHints.TABLE.keySet()) {
                    String id = "LOG-" + client.provider() + "-" + prefix;
                    try {
                        client.create(id, prefix + ACCOUNT_TAIL, merchant.url(id), Map.of());
                        client.status(id);
                    } catch (java.io.IOException reset) {
                        // the reset hints answer nothing, as asked
                    }
                }
            }
            RunningService.eventually(() -> merchant.caught("LOG-paypro-9014"), c -> c.size() >= 2, Duration.ofSeconds(5));
            lines = logs.lines();
        }
        for (String fault : List.of("create.garbage", "create.reset", "create.500", "create.delay=50ms",
                "status.500", "status.garbage", "status.delay=50ms", "status.reset", "notify.twice",
                "notify.out-of-order", "notify.before-reply")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("sandbox fault provider=overpay payout=LOG-overpay-")
                    && l.endsWith("fault=" + fault)), fault + " is logged");
        }
        for (String line : lines) {
            assertFalse(line.contains(ACCOUNT_TAIL), "an account number in: " + line);
            assertFalse(line.contains("customer@example.com") || line.contains("6281245907765"), "personal data in: " + line);
            for (String secret : List.of(SandboxUnderTest.AOPAY_SECRET, SandboxUnderTest.OVERPAY_SECRET,
                    SandboxUnderTest.PAYPRO_SECRET, SandboxUnderTest.EVENTS_SECRET)) {
                assertFalse(line.contains(secret), "a secret in: " + line);
            }
        }
    }
}
