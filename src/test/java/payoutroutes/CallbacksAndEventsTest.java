package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.RunningService.Answer;
import payoutroutes.sandbox.merchant.MerchantSandbox;
import payoutroutes.model.Payout;

/**
 * Provider notifications and merchant events end to end: the sandbox settles a payout and notifies,
 * the callback route believes only the provider, and the merchant gets one signed event per change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallbacksAndEventsTest {

    private static final String SECRET = "test-events-secret";
    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.start(Map.of(
                "payouts.sandbox.settle-after-ms", "1500",
                "payouts.events.signing-secret", SECRET,
                "payouts.events.poll-ms", "100",
                "payouts.events.retry-delays", "200ms,200ms",
                "payouts.events.uri", "mock:events"));
    }

    @AfterAll
    void stop() {
        service.close();
    }


    private String payout(String provider, String callbackUrl) {
        return Payouts.seed(provider).replace("https://merchant.example.com/payout-events", callbackUrl);
    }


    private Answer notify(String provider, String query, String contentType, String body) {
        return RunningService.send(HttpRequest.newBuilder(URI.create(service.url("/callbacks/" + provider + query)))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void theSandboxNotificationSettlesThePayoutAndTheMerchantGetsOneVerifiedEventPerChange() throws Exception {
        String id = "EVENTS-1";
        assertEquals(201, service.post(id, payout("aopay", service.merchantUrl(""))).status());

        // no refresh: the provider's notification, checked with the provider, moves it
        Answer settled = eventually(() -> service.get(id), a -> "SUCCEEDED".equals(a.text("status")), Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"), settled.body());

        List<MerchantSandbox.Received> events = eventually(() -> service.merchantEvents(id), r -> r.size() >= 2, Duration.ofSeconds(10));
        assertEquals(2, events.size());
        assertEquals("RECEIVED", events.get(0).json().path("previousStatus").asText());
        assertEquals("PROCESSING", events.get(0).json().at("/payout/status").asText());
        assertEquals("PROCESSING", events.get(1).json().path("previousStatus").asText());
        assertEquals("SUCCEEDED", events.get(1).json().at("/payout/status").asText());
        assertEquals("payout.status_changed", events.get(1).json().path("type").asText());
        assertEquals(events.get(1).eventId(), events.get(1).json().path("eventId").asText());

        MockEndpoint endpoint = service.context().getEndpoint("mock:events", MockEndpoint.class);
        assertTrue(endpoint.getReceivedExchanges().stream().anyMatch(e ->
                events.get(1).eventId().equals(e.getMessage().getHeader("X-Payout-Event-Id"))), "payouts.events.uri got it");
    }

    @Test
    void theEventSignatureIsWhatTheContractSays() throws Exception {
        String id = "EVENTS-SIGNED-1";
        assertEquals(201, service.post(id, payout("aopay", service.merchantUrl(""))).status());
        MerchantSandbox.Received event = eventually(() -> service.merchantEvents(id), r -> !r.isEmpty(), Duration.ofSeconds(10)).get(0);

        // computed here with the JDK alone: t=<unix seconds>,v1=hex(HMAC-SHA256(secret, "<t>.<raw body>"))
        String t = event.signature().replaceAll("^t=([0-9]+),v1=.*$", "$1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
        assertEquals("t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(event.body())), event.signature());
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) < 60);
    }

    @Test
    void aWakeUpWhoseBodyLiesChangesNothingTheProviderDoesNotSay() throws Exception {
        String id = "LIAR-1";
        assertEquals(201, service.post(id, payout("aopay", service.merchantUrl(""))).status());
        String lie = """
                {"process":{"status":"FAILED"},"paymentMethodResponse":{"idPayout":"%s"}}""".formatted(id);

        Answer answer = notify("aopay", "?payoutId=" + id, "application/json", lie);

        assertEquals(200, answer.status(), answer.body());
        assertEquals("PROCESSING", service.get(id).text("status"), "the provider still says it is pending");
        Answer settled = eventually(() -> service.get(id), a -> "SUCCEEDED".equals(a.text("status")), Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"));
        notify("aopay", "?payoutId=" + id, "application/json", lie);
        assertEquals("SUCCEEDED", service.get(id).text("status"), "a final status never changes");
    }

    @Test
    void jsonPostedAsAFormStillWorks() throws Exception {
        String id = "FORM-NOTIFY-1";
        assertEquals(201, service.post(id, payout("aopay", service.merchantUrl(""))).status());
        String body = """
                {"paymentMethodResponse":{"idPayout":"%s","note":"a=b&c=d"}}""".formatted(id);

        Answer answer = notify("aopay", "", "application/x-www-form-urlencoded", body);

        assertEquals(200, answer.status(), answer.body());
    }

    @Test
    void unknownProvidersAre404AndUnnamedPayoutsAre401AndAWakeUpAboutNoPayoutIsAnsweredLikeAnyOther() {
        assertEquals(404, notify("nopay", "", "application/json", "{}").status());
        assertEquals(200, notify("aopay", "?payoutId=NO-SUCH", "application/json", "{}").status());
        assertEquals(401, notify("aopay", "", "application/json", "{\"hello\":1}").status());
    }

    @Test
    void repeatedAndRacingNotificationsMakeOneChangeAndOneEvent() throws Exception {
        String id = "RACE-1";
        assertEquals(201, service.post(id, payout("komopay", service.merchantUrl(""))).status());
        // settled at the provider; its own notification races with ours below (RacingWritersTest makes them
        // race every time)
        eventually(() -> service.aopaySandbox().notifications(), n -> n.stream().anyMatch(u -> u.contains(id)),
                Duration.ofSeconds(10));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Answer>> wakeUps = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                wakeUps.add(() -> notify("komopay", "?payoutId=" + id, "application/json", "{}"));
            }
            for (var answer : pool.invokeAll(wakeUps)) {
                assertEquals(200, answer.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, notify("komopay", "?payoutId=" + id, "application/json", "{}").status());

        assertEquals("SUCCEEDED", service.get(id).text("status"));
        assertEquals(2, service.storedEvents(id).size(), "one event per change");
        assertEquals(List.of("PROCESSING", "SUCCEEDED"), eventually(() -> service.merchantEventStatuses(id),
                l -> l.size() >= 2, Duration.ofSeconds(10)));
    }

    @Test
    void aMerchantThatFailsTwiceGetsTheSameEventAThirdTime() throws Exception {
        String id = "RETRY-1";
        assertEquals(201, service.post(id, payout("aopay", service.merchantUrl("?fail=2"))).status());

        List<MerchantSandbox.Received> attempts = eventually(() -> service.merchantEvents(id), r -> r.size() >= 3, Duration.ofSeconds(10));
        MerchantSandbox.Received first = attempts.get(0);
        assertEquals(List.of(500, 500, 200), attempts.subList(0, 3).stream().map(MerchantSandbox.Received::answer).toList());
        for (MerchantSandbox.Received attempt : attempts.subList(0, 3)) {
            assertEquals(first.eventId(), attempt.eventId());
            assertArrayEquals(first.body(), attempt.body(), "byte-identical on every attempt");
        }
    }

    @Test
    void anEventOutOfAttemptsIsDeadLetteredAndAnOperatorCanReplayIt() throws Exception {
        String id = "DEAD-1";
        // three failures: the first attempt and both retries fail, so the event is dead-lettered
        assertEquals(201, service.post(id, payout("echelonpay", service.merchantUrl("?fail=4"))).status());
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName deadLetters = new ObjectName("payoutroutes:type=DeadLetters,context="
                + ObjectName.quote(service.context().getManagementName()));

        String[] dead = eventually(() -> list(jmx, deadLetters), l -> l.length > 0 && String.join("", l).contains(id),
                Duration.ofSeconds(10));
        String line = java.util.Arrays.stream(dead).filter(l -> l.contains(id)).findFirst().orElseThrow();
        String eventId = line.substring(0, line.indexOf(' '));
        assertEquals(3, service.merchantEvents(id).size());

        Object replayed = jmx.invoke(deadLetters, "replay", new Object[] {eventId}, new String[] {String.class.getName()});
        assertEquals("replayed " + eventId, replayed);
        List<MerchantSandbox.Received> attempts = eventually(() -> service.merchantEvents(id),
                r -> r.stream().anyMatch(a -> a.answer() == 200), Duration.ofSeconds(10));
        assertEquals(200, attempts.get(attempts.size() - 1).answer());
        assertEquals(eventId, attempts.get(attempts.size() - 1).eventId());
    }

    private static Map<String, String> with(Map<String, String> base, String... keysAndValues) {
        Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            all.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return all;
    }

    private static String[] list(MBeanServer jmx, ObjectName name) {
        try {
            return (String[]) jmx.invoke(name, "list", new Object[0], new String[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPendingDeliverySurvivesARestart() throws Exception {
        Map<String, String> db = RunningService.freshStore();
        int sandboxPort = RunningService.freePort();
        String merchant = "http://127.0.0.1:" + sandboxPort + "/sandbox/merchant/events";
        String id = "RESTART-1";
        try (RunningService first = RunningService.start(with(db, "payouts.sandbox.port", String.valueOf(sandboxPort),
                // this one never gets round to delivering: no room to queue an event, and no search for due ones
                "payouts.events.queue-size", "0", "payouts.events.poll-ms", "3600000"))) {
            assertEquals(201, first.post(id, payout("aopay", merchant)).status());
        }
        try (RunningService second = RunningService.start(with(db, "payouts.sandbox.port", String.valueOf(sandboxPort),
                "payouts.events.poll-ms", "100"))) {
            List<MerchantSandbox.Received> events = eventually(
                    () -> second.sandbox(MerchantSandbox.class).received().stream()
                            .filter(r -> id.equals(r.json().at("/payout/payoutId").asText())).toList(),
                    r -> !r.isEmpty(), Duration.ofSeconds(10));
            assertEquals("PROCESSING", events.get(0).json().at("/payout/status").asText());
            assertTrue(events.get(0).verified());
        }
    }
}
