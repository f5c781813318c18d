package payoutroutes.sandbox;

import payoutroutes.RunningService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import payoutroutes.sandbox.NotificationCatcher.Caught;

/**
 * Every fault, in every provider family, over HTTP: the payout is taken and only what the faults name goes
 * wrong. Asked for by the X-Sandbox-Fault header, by the account number, or by the configured plan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxFaultsTest {

    private SandboxUnderTest sandbox;
    private NotificationCatcher merchant;
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void start() {
        merchant = new NotificationCatcher();
        sandbox = SandboxUnderTest.start(Map.of());
    }

    @AfterAll
    void stop() {
        sandbox.close();
        merchant.close();
    }

    Stream<ProviderClient> families() {
        return ProviderClient.all(sandbox).stream();
    }

    private String id(ProviderClient client, String what) {
        return client.provider().toUpperCase() + "-" + what + "-" + ids.incrementAndGet();
    }

    private static Map<String, String> fault(String rules) {
        return Map.of("X-Sandbox-Fault", rules);
    }

    /** The notifications about this payout, once there are this many (or five seconds are up). */
    private List<Caught> caught(String payoutId, int count) throws InterruptedException {
        return RunningService.eventually(() -> merchant.caught(payoutId), c -> c.size() >= count, Duration.ofSeconds(5));
    }

    private long faultCount(ProviderClient client, String fault) {
        return sandbox.stats().path("providers").path(client.provider()).path("faults").path(fault).asLong();
    }

    @ParameterizedTest
    @MethodSource("families")
    void aCreateAnswered500WasTakenAllTheSame(ProviderClient client) throws Exception {
        String id = id(client, "500");
        long before = faultCount(client, "create.500");

        HttpResponse<String> created = client.create(id, "11223344", null, fault("create.500"));

        assertEquals(500, created.statusCode());
        assertTrue(client.holds(client.status(id)), "the provider has it");
        assertEquals(before + 1, faultCount(client, "create.500"));
    }

    @ParameterizedTest
    @MethodSource("families")
    void aCreateAnsweredWithGarbageWasTakenAllTheSame(ProviderClient client) throws Exception {
        String id = id(client, "GARBAGE");

        HttpResponse<String> created = client.create(id, "11223344", null, fault("create.garbage"));

        assertEquals(200, created.statusCode());
        assertNull(SandboxUnderTest.json(created), "unreadable: " + created.body());
        assertFalse(created.body().isEmpty());
        assertTrue(client.holds(client.status(id)));
    }

    @ParameterizedTest
    @MethodSource("families")
    void aCreateWhoseConnectionIsResetWasTakenAllTheSame(ProviderClient client) throws Exception {
        String id = id(client, "RESET");

        assertThrows(IOException.class, () -> client.create(id, "11223344", null, fault("create.reset")));

        assertTrue(client.holds(client.status(id)));
    }

    @ParameterizedTest
    @MethodSource("families")
    void aDelayedCreateIsAnsweredLate(ProviderClient client) throws Exception {
        String id = id(client, "DELAY");
        long start = System.nanoTime();

        HttpResponse<String> created = client.create(id, "11223344", null, fault("create.delay=400ms"));

        assertTrue(System.nanoTime() - start >= 400_000_000L, "answered after the delay");
        assertTrue(client.took(created), created.body());
    }

    @ParameterizedTest
    @MethodSource("families")
    void statusQueriesGoWrongAsAsked(ProviderClient client) throws Exception {
        String id = id(client, "STATUS");
        assertTrue(client.took(client.create(id)));

        assertEquals(500, client.status(id, fault("status.500")).statusCode());
        HttpResponse<String> garbage = client.status(id, fault("status.garbage"));
        assertEquals(200, garbage.statusCode());
        assertNull(SandboxUnderTest.json(garbage), garbage.body());
        assertThrows(IOException.class, () -> client.status(id, fault("status.reset")));
        long start = System.nanoTime();
        assertTrue(client.holds(client.status(id, fault("status.delay=300ms"))));
        assertTrue(System.nanoTime() - start >= 300_000_000L);
        assertTrue(client.holds(client.status(id)), "a header's fault is for that query only");
    }

    @ParameterizedTest
    @MethodSource("families")
    void aNotificationSentTwiceIsTheSameBytesTwice(ProviderClient client) throws Exception {
        String id = id(client, "TWICE");
        assertTrue(client.took(client.create(id, "11223344", merchant.url(id), fault("notify.twice"))));

        List<Caught> caught = caught(id, 2);
        assertEquals(2, caught.size());
        assertEquals(caught.get(0).body(), caught.get(1).body());
        assertEquals(client.paid(), client.notifiedStatus(caught.get(0).body()));
    }

    @ParameterizedTest
    @MethodSource("families")
    void anOlderNotificationArrivesAfterTheFinalOne(ProviderClient client) throws Exception {
        String id = id(client, "ORDER");
        assertTrue(client.took(client.create(id, "11223344", merchant.url(id), fault("notify.out-of-order"))));

        List<Caught> caught = caught(id, 2);
        assertEquals(List.of(client.paid(), client.pending()),
                caught.stream().map(c -> client.notifiedStatus(c.body())).toList());
    }

    @ParameterizedTest
    @MethodSource("families")
    void theNotificationCanArriveBeforeTheCreatesAnswer(ProviderClient client) throws Exception {
        String id = id(client, "EARLY");

        HttpResponse<String> created = client.create(id, "11223344", merchant.url(id), fault("notify.before-reply"));

        assertTrue(client.took(created), created.body());
        List<Caught> already = merchant.caught(id);
        assertEquals(1, already.size(), "notified before the create was answered");
        assertEquals(client.paid(), client.notifiedStatus(already.get(0).body()));
    }

    @ParameterizedTest
    @MethodSource("families")
    void accountNumbersAskForTheSameFaults(ProviderClient client) throws Exception {
        String garbled = id(client, "HINT-9011");
        HttpResponse<String> created = client.create(garbled, "90110001", null, Map.of());
        assertEquals(200, created.statusCode());
        assertNull(SandboxUnderTest.json(created));

        String failingStatus = id(client, "HINT-9016");
        assertTrue(client.took(client.create(failingStatus, "90160001", null, Map.of())));
        assertEquals(500, client.status(failingStatus).statusCode(), "the hint stays with the payout");
        assertEquals(500, client.status(failingStatus).statusCode());

        String twice = id(client, "HINT-9013");
        assertTrue(client.took(client.create(twice, "90130001", merchant.url(twice), Map.of())));
        assertEquals(2, caught(twice, 2).size());
    }

    @ParameterizedTest
    @MethodSource("families")
    void aFaultHeaderOutsideTheGrammarIsRefusedAndNothingTaken(ProviderClient client) throws Exception {
        String id = id(client, "BAD-HEADER");

        HttpResponse<String> refused = client.create(id, "11223344", null, fault("create.explode"));

        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("create.explode"), refused.body());
        assertFalse(client.holds(client.status(id)));
    }

    @Test
    void configuredFaultsStrikeEveryRequestTheyDrawAndCanBeReplacedAtRuntime() throws Exception {
        try (SandboxUnderTest configured = SandboxUnderTest.start(Map.of("payouts.sandbox.faults", "overpay:create.500"))) {
            ProviderClient overpay = ProviderClient.all(configured).get(1);
            ProviderClient paypro = ProviderClient.all(configured).get(2);
            assertEquals(500, overpay.create("CONF-1").statusCode());
            assertTrue(overpay.holds(overpay.status("CONF-1")));
            assertTrue(paypro.took(paypro.create("CONF-2")), "the rule names overpay only");

            assertEquals(400, postFaults(configured, "create.sometimes").statusCode());
            assertEquals(500, overpay.create("CONF-3").statusCode(), "a refused plan leaves the old one");

            HttpResponse<String> replaced = postFaults(configured, "status.garbage@100%");
            assertEquals(200, replaced.statusCode());
            assertEquals("status.garbage@100%", replaced.body().trim());
            assertTrue(overpay.took(overpay.create("CONF-4")));
            assertNull(SandboxUnderTest.json(overpay.status("CONF-4")));
            assertEquals("status.garbage@100%", configured.stats().path("faults").asText());
        }
    }

    @Test
    void theSameSeedStrikesTheSameRequests() throws Exception {
        assertEquals(createStatuses(7), createStatuses(7));
    }

    private static List<Integer> createStatuses(long seed) throws IOException {
        try (SandboxUnderTest seeded = SandboxUnderTest.start(Map.of("payouts.sandbox.faults", "create.500@50%",
                "payouts.sandbox.faults-seed", String.valueOf(seed)))) {
            ProviderClient overpay = ProviderClient.all(seeded).get(1);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(overpay.create("SEEDED-" + i).statusCode());
            }
            assertTrue(statuses.contains(500) && statuses.contains(200), "half and half: " + statuses);
            return statuses;
        }
    }

    private static HttpResponse<String> postFaults(SandboxUnderTest sandbox, String plan) {
        return SandboxUnderTest.send(HttpRequest.newBuilder(URI.create(sandbox.url("/sandbox/_faults")))
                .POST(HttpRequest.BodyPublishers.ofString(plan)).build());
    }
}
