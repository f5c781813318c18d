package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static payoutroutes.RunningService.eventually;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import payoutroutes.RunningService.Answer;
import payoutroutes.sandbox.paypro.PayproSandbox;

/**
 * Every fault the sandbox providers inject, in every family, through the service as a merchant uses it: the
 * status the create answers, the status the payout ends at with nobody refreshing, and exactly how many creates
 * and status queries reached the provider (counted by the sandbox). A create is sent once, whatever happens.
 */
class ProviderFaultsTest {

    /** One line of the table: the payout's provider and account-number hint, and what must come of it. */
    record Row(String provider, String account, String created, String settled, int statusQueries) {
        String id() {
            return "FAULT-" + provider + "-" + account;
        }

        /** The events its changes make, one per change: RECEIVED to the create's status, then to where it ends. */
        List<String> changes() {
            List<String> changes = new ArrayList<>();
            changes.add("RECEIVED->" + created);
            if (!settled.equals(created)) {
                changes.add(created + "->" + settled);
            }
            return changes;
        }
    }

    private static final String[] FAMILIES = {"aopay", "overpay", "paypro"};

    /**
     * The create and status faults, with the providers' notifications lost so that reconciliation alone resolves:
     * it asks 2s after the create's answer (the provider has settled by then) and not again for an hour, so every
     * payout is asked about exactly once unless its create already ended it.
     */
    @Test
    void createAndStatusFaultsEndAtTheExpectedStatusAfterExactlyOneQuestion() throws Exception {
        List<Row> table = new ArrayList<>();
        for (String provider : FAMILIES) {
            table.add(new Row(provider, "11223344", "PROCESSING", "SUCCEEDED", 1));
            table.add(new Row(provider, "90010001", "UNKNOWN", "SUCCEEDED", 1));   // create answered too late
            table.add(new Row(provider, "90020001", "UNKNOWN", "SUCCEEDED", 1));   // create answered 500
            table.add(new Row(provider, "90030001", "PROCESSING", "FAILED", 1));   // settled as rejected
            table.add(new Row(provider, "90040001", "UNKNOWN", "UNKNOWN", 1));     // create and status too late
            table.add(new Row(provider, "90110001", "UNKNOWN", "SUCCEEDED", 1));   // create answered with garbage
            table.add(new Row(provider, "90120001", "UNKNOWN", "SUCCEEDED", 1));   // create's connection closed
            table.add(new Row(provider, "90160001", "PROCESSING", "PROCESSING", 1)); // status answered 500
            table.add(new Row(provider, "90170001", "PROCESSING", "PROCESSING", 1)); // status answered garbage
            table.add(new Row(provider, "90180001", "PROCESSING", "PROCESSING", 1)); // status too late
            table.add(new Row(provider, "90190001", "PROCESSING", "PROCESSING", 1)); // status connection closed
        }
        table.add(new Row("overpay", "90050001", "PROCESSING", "FAILED", 1));      // settled expired
        table.add(new Row("overpay", "90060001", "UNKNOWN", "UNKNOWN", 1));        // 500, kept nothing: not found
        table.add(new Row("paypro", "90050001", "UNKNOWN", "SUCCEEDED", 1));       // outer code 5000
        table.add(new Row("paypro", "90060001", "FAILED", "FAILED", 0));           // refused, outer code 1006
        table.add(new Row("paypro", "90070001", "SUCCEEDED", "SUCCEEDED", 0));     // paid at once
        table.add(new Row("paypro", "90080001", "UNKNOWN", "SUCCEEDED", 1));       // 00032, then paid
        table.add(new Row("paypro", "90090001", "PROCESSING", "PROCESSING", 1));   // stays at 00032
        table.add(new Row("paypro", "90100001", "FAILED", "FAILED", 0));           // refused, 0100019

        // a delayed answer comes 4s late, well past a 2.5s timeout that a busy machine's answers still keep
        try (RunningService service = RunningService.start(faults("http://127.0.0.1:1", "2s,1h",
                "payouts.sandbox.slow-reply-ms", "4000", "payouts.providers.aopay.timeout-ms", "2500",
                "payouts.providers.overpay.timeout-ms", "2500", "payouts.providers.paypro.timeout-ms", "2500"))) {
            run(service, table, 8);
        }
    }

    /**
     * The notification faults, with the notifications reaching us and reconciliation an hour away: an aopay
     * notification is only a wake-up, so each one is a status query; the others carry proof and ask nothing
     * (overpay's, signed with the key pair made here, whose public half we are configured with).
     */
    @Test
    void notificationFaultsChangeAPayoutOnceWhateverArrivesAndWhenever() throws Exception {
        List<Row> table = new ArrayList<>();
        table.add(new Row("aopay", "90130001", "PROCESSING", "SUCCEEDED", 2));      // final notification twice
        table.add(new Row("aopay", "90140001", "PROCESSING", "SUCCEEDED", 2));      // pending one after the final
        table.add(new Row("aopay", "90150001", "SUCCEEDED", "SUCCEEDED", 1));       // notified before the answer
        for (String provider : new String[] {"overpay", "paypro"}) {
            table.add(new Row(provider, "90130001", "PROCESSING", "SUCCEEDED", 0));
            table.add(new Row(provider, "90140001", "PROCESSING", "SUCCEEDED", 0));
            table.add(new Row(provider, "90150001", "SUCCEEDED", "SUCCEEDED", 0));
        }
        // the providers wait for our answer to a notification sent before the create's answer (at most 1s), and that
        // answer comes at once only while the service is not busy with others: one payout at a time, a long timeout
        KeyPair overpayKey = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        try (RunningService service = RunningService.start(faults(null, "1h", "payouts.providers.aopay.timeout-ms", "5000",
                "payouts.providers.overpay.timeout-ms", "5000", "payouts.providers.paypro.timeout-ms", "5000",
                "payouts.sandbox.overpay.private-key", base64(overpayKey.getPrivate().getEncoded()),
                "payouts.providers.overpay.public-key", base64(overpayKey.getPublic().getEncoded())))) {
            run(service, table, 1);
            // both notifications of the twice and out-of-order payouts were made and answered, and changed nothing
            PayproSandbox paypro = service.sandbox(PayproSandbox.class);
            for (String account : new String[] {"90130001", "90140001"}) {
                String id = "FAULT-paypro-" + account;
                eventually(() -> paypro.deliveries(id), d -> d.size() >= 2, Duration.ofSeconds(10));
                String aopay = "FAULT-aopay-" + account;
                eventually(() -> service.aopaySandbox().notifications().stream().filter(u -> u.contains(aopay)).count(),
                        n -> n >= 2, Duration.ofSeconds(10));
            }
            assertAll(table.stream().map(row -> (Executable) () -> assertEquals(row.changes(),
                    service.storedEvents(row.id()).stream().map(RacingWritersTest::change).toList(), row.id())));
        }
    }

    /** Fast providers and reconciliation; notifications lost, or (null) reaching the service as usual. */
    private static Map<String, String> faults(String publicBaseUrl, String delays, String... more) {
        Map<String, String> properties = ReconciliationTest.fastReconciliation(
                "payouts.reconciliation.delays", delays,
                "payouts.reconciliation.grace", "1h",
                "payouts.reconciliation.flag-after", "1h",
                // most of these calls fail on purpose: the breakers must not stop the next ones (CircuitBreakerTest)
                "payouts.breaker.minimum-number-of-calls", "1000",
                "payouts.breaker.sliding-window-size", "1000");
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        if (publicBaseUrl == null) {
            properties.remove("payouts.public-base-url");
        }
        return properties;
    }

    /** Creates the payouts of the table, so many at once, waits for each to end as it should, checks the counts. */
    private static void run(RunningService service, List<Row> table, int atOnce) throws Exception {
        Map<Row, Answer> created = new ConcurrentHashMap<>();
        ExecutorService merchants = Executors.newFixedThreadPool(atOnce);
        for (Row row : table) {
            merchants.submit(() -> created.put(row, service.post(row.id(), Payouts.seed(row.provider(), "10000", "IDR",
                    row.account()).replace("https://merchant.example.com/payout-events", service.merchantUrl("")))));
        }
        merchants.shutdown();
        assertEquals(true, merchants.awaitTermination(60, TimeUnit.SECONDS));

        assertAll(table.stream().map(row -> (Executable) () -> {
            Answer answer = created.get(row);
            assertEquals(201, answer.status(), row.id() + " " + answer.body());
            assertEquals(row.created(), answer.text("status"), row.id() + " as created");
        }));
        for (Row row : table) {
            eventually(() -> statusQueries(service, row), n -> n >= row.statusQueries(), Duration.ofSeconds(20));
            eventually(() -> service.get(row.id()).text("status"), row.settled()::equals, Duration.ofSeconds(20));
        }
        assertAll(table.stream().map(row -> (Executable) () -> {
            assertEquals(row.settled(), service.get(row.id()).text("status"), row.id() + " settled");
            assertEquals(1, service.createCalls(row.provider(), row.id()), row.id() + " creates");
            assertEquals(row.statusQueries(), statusQueries(service, row), row.id() + " status queries");
            assertEquals(row.changes(), service.storedEvents(row.id()).stream().map(RacingWritersTest::change).toList(),
                    row.id() + " events");
        }));
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    private static int statusQueries(RunningService service, Row row) {
        return service.statusQueries(row.provider(), row.id());
    }
}
