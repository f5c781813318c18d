package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import payoutroutes.RunningService.Answer;
import payoutroutes.service.api.ApiClients;
import payoutroutes.service.store.EventOutbox;

/**
 * The attacks of the security issue, each with the exact request that worked on main, against the service as
 * the README runs it: each is refused, and nothing is recorded, sent to a provider or logged with a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackerTest {

    private static final String ERP_KEY = "erp-key-0123456789";
    private static final String ERP_SECRET = "erp-events-secret";

    private RunningService service;
    private CapturedLogs logs;
    private int counter;
    /** A merchant that answers every event with a redirect to {@link #inside}, and is in allowed-hosts. */
    private HttpServer redirecting;
    /** What a redirect would reach if it were followed: a server that events must never reach. */
    private HttpServer inside;
    private final AtomicInteger redirectedTo = new AtomicInteger();
    private final AtomicInteger askedToRedirect = new AtomicInteger();

    @BeforeAll
    void start() throws IOException {
        inside = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        inside.createContext("/", exchange -> {
            redirectedTo.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        inside.start();
        redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        redirecting.createContext("/", exchange -> {
            askedToRedirect.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + inside.getAddress().getPort() + "/");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        redirecting.start();
        logs = CapturedLogs.install();
        int sandboxPort = RunningService.freePort();
        service = RunningService.start(Map.of(
                "payouts.sandbox.port", String.valueOf(sandboxPort),
                "payouts.clients.erp.api-key-sha256", ApiClients.sha256Hex(ERP_KEY),
                "payouts.clients.erp.events-signing-secret", ERP_SECRET,
                "payouts.events.poll-ms", "100",
                "payouts.events.retry-delays", "200ms,200ms",
                "payouts.sandbox.settle-after-ms", "1500",
                "payouts.callbacks.wake-ups-per-minute.per-payout", "3",
                "payouts.events.allowed-hosts", "127.0.0.1:" + sandboxPort + ",127.0.0.1:"
                        + redirecting.getAddress().getPort()));
    }

    @AfterAll
    void stop() {
        service.close();
        logs.close();
        redirecting.stop(0);
        inside.stop(0);
    }

    private String nextId() {
        return "ATTACK-" + (++counter);
    }

    /** What every provider of the sandbox got: creates that arrived, refused ones included. */
    private int providerCreates() {
        int creates = 0;
        for (JsonNode provider : service.sandboxProviders().stats().path("providers")) {
            creates += provider.path("creates").asInt();
        }
        return creates;
    }

    /**
     * Sends an attack and checks what every refusal shares: the status, a problem+json body, no provider call,
     * nothing kept under the payoutId (when there is one), at most one WARN line and no stack trace.
     */
    private Answer refused(HttpRequest request, int status, String payoutId) {
        int creates = providerCreates();
        logs.clear();
        Answer answer = RunningService.send(request);
        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        assertEquals(status, answer.json().path("status").asInt(), answer.body());
        assertEquals(creates, providerCreates(), "no provider call");
        if (payoutId != null) {
            assertEquals(404, service.get(payoutId).status(), "nothing kept");
        }
        assertEquals(List.of(), logs.stackTraces(), "no stack trace");
        // event deliveries of earlier tests' payouts go on meanwhile; they are not this request's lines
        List<String> warnings = logs.warnings().stream()
                .filter(l -> !l.contains("step=event-") && !l.contains("merchant sandbox:")).toList();
        assertTrue(warnings.size() <= 1, "at most one WARN line: " + warnings);
        return answer;
    }

    private HttpRequest post(String payoutId, String contentType, String body) {
        return service.api("/payouts/" + payoutId).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static List<String> fields(Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    // ---------------------------------------------------------------- API keys (contract section 10)

    @Test
    void noKeyIs401WithABearerChallenge() {
        String id = nextId();
        Answer answer = refused(service.withApiKey(null).api("/payouts/" + id).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Payouts.seed("aopay"))).build(), 401, id);
        assertEquals("Bearer", answer.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, service.withApiKey(null).get(id).status());
    }

    @Test
    void aWrongKeyIs401AndSaysNothingAboutThePayout() {
        String id = nextId();
        assertEquals(201, service.post(id, Payouts.seed("aopay")).status());
        RunningService stranger = service.withApiKey("sandbox-api-kez");

        Answer read = refused(stranger.api("/payouts/" + id).GET().build(), 401, null);
        Answer unknown = refused(stranger.api("/payouts/NO-SUCH-PAYOUT").GET().build(), 401, null);

        assertEquals(read.body(), unknown.body(), "the same answer whether the payout exists or not");
        assertEquals("Bearer", read.headers().firstValue("WWW-Authenticate").orElse(""));
        refused(stranger.api("/payouts/" + nextId()).header("Authorization", "Basic c2FuZGJveDpzYW5kYm94LWFwaS1rZXk=")
                .GET().build(), 401, null);
    }

    @Test
    void anotherClientsPayoutIsUnknownToReadAndTakenToCreate() {
        String id = nextId();
        RunningService erp = service.withApiKey(ERP_KEY);
        Answer created = erp.post(id, Payouts.seed("aopay"));
        assertEquals(201, created.status(), created.body());
        int creates = providerCreates();

        Answer read = service.get(id);
        assertEquals(404, read.status());
        assertEquals(service.get("NO-SUCH-PAYOUT").body().replace("NO-SUCH-PAYOUT", id), read.body(),
                "exactly as an unknown payout");
        assertEquals(404, service.refresh(id).status());
        Answer taken = service.post(id, Payouts.seed("aopay"));
        assertEquals(409, taken.status());
        assertFalse(taken.body().contains("aopay") || taken.body().contains("PROCESSING") || taken.body().contains(id),
                "no details: " + taken.body());
        assertEquals(creates, providerCreates(), "nothing sent for the other client");
        assertEquals(200, erp.get(id).status(), "the owner still reads it");
    }

    @Test
    void eachClientsEventsAreSignedWithItsOwnSecret() throws Exception {
        String id = nextId();
        RunningService erp = service.withApiKey(ERP_KEY);
        assertEquals(201, erp.post(id, Payouts.seed("aopay").replace("https://merchant.example.com/payout-events",
                service.merchantUrl(""))).status());

        var attempt = RunningService.eventually(() -> service.sandbox(
                        payoutroutes.sandbox.merchant.MerchantSandbox.class).received().stream()
                        .filter(r -> id.equals(r.json().at("/payout/payoutId").asText())).findFirst(),
                java.util.Optional::isPresent, java.time.Duration.ofSeconds(10)).orElseThrow();
        assertFalse(attempt.verified(), "the sandbox merchant knows only the shared secret, not the erp client's");
        String t = attempt.signature().replaceAll("^t=([0-9]+),v1=.*$", "$1");
        assertEquals(attempt.signature(), payoutroutes.service.events.EventSigner.header(ERP_SECRET, Long.parseLong(t),
                attempt.body()));
    }

    // ---------------------------------------------------------------- callbackUrl (contract section 11)

    private List<String> insideUrls() {
        String port = service.url("").replaceAll(".*:", "");
        String management = service.managementUrl().replaceAll(".*:", "");
        return List.of("http://127.0.0.1:9999/", "http://2130706433:9999/", "http://[::ffff:127.0.0.1]:9999/",
                "http://0.0.0.0:9999/", "http://169.254.169.254/latest/meta-data/", "http://localhost:9999/",
                "http://localhost:" + management + "/observe/health",
                "http://localhost:" + service.sandboxPort() + "/sandbox/_faults",
                "http://localhost:" + port + "/callbacks/aopay?payoutId=ATTACK-1");
    }

    @Test
    void aCallbackUrlInsideIsRefusedAtCreate() {
        for (String url : insideUrls()) {
            String id = nextId();
            Answer answer = refused(post(id, "application/json",
                    Payouts.seed("aopay").replace("https://merchant.example.com/payout-events", url)), 400, id);
            assertEquals(List.of("callbackUrl"), fields(answer), url);
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        String id = nextId();
        assertEquals(201, service.post(id, Payouts.seed("aopay").replace("https://merchant.example.com/payout-events",
                "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/events")).status());

        RunningService.eventually(askedToRedirect::get, n -> n >= 2, Duration.ofSeconds(10));
        assertEquals(0, redirectedTo.get(), "the redirect's target was never reached");
        var attempts = new EventOutbox(service.context().getRegistry().lookupByNameAndType("dataSource",
                javax.sql.DataSource.class)).ofPayout(id);
        assertTrue(attempts.get(0).lastError().contains("307"), "a redirect is a failed attempt: " + attempts);
        assertNotEquals(EventOutbox.DELIVERED, attempts.get(0).state());
    }

    @Test
    void aCallbackUrlIsCheckedAgainAtDelivery() throws Exception {
        Map<String, String> store = RunningService.freshStore();
        int sandboxPort = RunningService.freePort();
        String id = nextId();
        String merchant = "http://localhost:" + sandboxPort + "/sandbox/merchant/events";
        Map<String, String> first = new java.util.HashMap<>(store);
        first.put("payouts.sandbox.port", String.valueOf(sandboxPort));
        // never gets round to delivering: no room to queue an event, and no search for due ones
        first.put("payouts.events.queue-size", "0");
        first.put("payouts.events.poll-ms", "3600000");
        try (RunningService allowed = RunningService.start(first)) {
            assertEquals(201, allowed.post(id, Payouts.seed("aopay").replace(
                    "https://merchant.example.com/payout-events", merchant)).status());
        }
        Map<String, String> second = new java.util.HashMap<>(store);
        second.put("payouts.sandbox.port", String.valueOf(sandboxPort));
        second.put("payouts.events.poll-ms", "100");
        second.put("payouts.events.allowed-hosts", "");
        try (RunningService notAllowed = RunningService.start(second)) {
            var outbox = new EventOutbox(notAllowed.context().getRegistry().lookupByNameAndType("dataSource",
                    javax.sql.DataSource.class));
            var events = RunningService.eventually(() -> outbox.ofPayout(id),
                    e -> !e.isEmpty() && e.get(0).attempts() > 0 && e.get(0).lastError() != null, Duration.ofSeconds(10));
            assertTrue(events.get(0).lastError().contains("callbackUrl"), events.toString());
            assertEquals(List.of(), notAllowed.merchantEvents(id), "nothing reached the loopback merchant");
        }
    }

    // ---------------------------------------------------------------- provider notifications

    private Answer notify(String provider, String query, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url("/callbacks/" + provider + query)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return RunningService.send((authorization == null ? request : request.header("Authorization", authorization)).build());
    }

    private int statusQueries(String provider) {
        return service.sandboxProviders().stats().path("providers").path(provider).path("statusQueries").asInt();
    }

    @Test
    void aForgedOverpaySuccessWithBasicAloneChangesNothingWithoutTheProvidersWord() throws Exception {
        String id = nextId();
        Answer created = service.post(id, Payouts.seed("overpay", "32.45", "USD", "9003000111"));
        assertEquals("PROCESSING", created.text("status"), created.body());
        String forged = """
                {"transaction":{"uid":"%s","type":"payout","status":"successful","amount":3245,"currency":"USD",
                "tracking_id":"%s","message":"Transaction successful","test":true}}"""
                .formatted(created.text("providerReference"), id);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("1001:sandbox-overpay-secret".getBytes());

        assertEquals(200, notify("overpay", "", basic, forged).status(), "a wake-up is answered as the provider expects");
        assertEquals("PROCESSING", service.get(id).text("status"), "the provider has not settled it yet");
        Answer settled = RunningService.eventually(() -> service.get(id), a -> !"PROCESSING".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("FAILED", settled.text("status"), "the provider's word, not the forgery");
        assertEquals(401, notify("overpay", "", "Basic MTAwMTpndWVzcw==", forged).status(), "Basic is still checked");
    }

    @Test
    void wakeUpsAreLimitedPerPayoutAndAnsweredAlikeForKnownAndUnknownPayouts() {
        String id = nextId();
        assertEquals(201, service.post(id, Payouts.seed("aopay")).status());
        int before = statusQueries("aopay");

        List<Integer> known = new ArrayList<>();
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            known.add(notify("aopay", "?payoutId=" + id, null, "{}").status());
            unknown.add(notify("aopay", "?payoutId=NO-SUCH-" + id, null, "{}").status());
        }

        assertEquals(List.of(200, 200, 200, 429, 429), known);
        assertEquals(known, unknown, "the same answers: nothing tells a known payoutId from an unknown one");
        assertTrue(statusQueries("aopay") - before <= 3, "at most one provider call per wake-up taken");
        Answer limited = notify("aopay", "?payoutId=" + id, null, "{}");
        assertEquals("application/problem+json", limited.headers().firstValue("Content-Type").orElse(""));
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void wakeUpsAreLimitedPerSource() {
        try (RunningService limited = RunningService.start(Map.of(
                "payouts.callbacks.wake-ups-per-minute.per-source", "4"))) {
            List<Integer> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(RunningService.send(HttpRequest.newBuilder(URI.create(limited.url(
                                "/callbacks/komopay?payoutId=ANY-" + i))).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).status());
            }
            assertEquals(List.of(200, 200, 200, 200, 429, 429), answers, "a new payoutId each time: the source's limit");
        }
    }

    // ---------------------------------------------------------------- bad input: 4xx problems, never 500

    @Test
    void jsonNested2000LevelsIs400() {
        String id = nextId();
        String deep = "{\"metadata\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
        Answer answer = refused(post(id, "application/json", deep), 400, id);
        assertEquals(List.of("body"), fields(answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "1E+26", "1e999999999", "\"100000000000000000000000000\"", "0.0000000000001"})
    void anAmountBeyondWhatTheStoreHoldsIs400(String amount) {
        String id = nextId();
        Answer answer = refused(post(id, "application/json", Payouts.seed("aopay", amount, "IDR", "11223344")), 400, id);
        assertEquals(List.of("amount.value"), fields(answer));
    }

    @Test
    void aNumberBeyondTheStoreAnywhereIs400() {
        String id = nextId();
        Answer answer = refused(post(id, "application/json", Payouts.seed("aopay")
                .replace("\"orderId\": \"1234\"", "\"orderId\": 1e999999999")), 400, id);
        assertEquals(List.of("metadata.orderId"), fields(answer));
    }

    @Test
    void aTrailingNewlineIsNotPartOfAValidField() {
        String id = nextId();
        Answer account = refused(post(id, "application/json", Payouts.seed("aopay", "10000", "IDR", "11223344\\n")), 400, id);
        assertEquals(List.of("beneficiary.accountNumber"), fields(account));
        Answer amount = refused(post(id, "application/json", Payouts.seed("aopay", "\"10000\\n\"", "IDR", "11223344")), 400, id);
        assertEquals(List.of("amount.value"), fields(amount));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; x=json", "application/json; charset=utf-16", "application/jsonp",
            "application/x-www-form-urlencoded", "application/json; boundary=x"})
    void onlyUtf8JsonIsRead(String contentType) {
        String id = nextId();
        refused(post(id, contentType, Payouts.seed("aopay")), 415, id);
    }

    @Test
    void utf8JsonIsReadWhicheverWayItIsSpelled() {
        assertEquals(201, RunningService.send(post(nextId(), "Application/JSON;charset=\"UTF-8\"", Payouts.seed("aopay")))
                .status());
    }

    @Test
    void pathsNoRouteServesAreProblemJson() {
        refused(HttpRequest.newBuilder(URI.create(service.url("/payouts/.."))).GET().build(), 404, null);
        refused(HttpRequest.newBuilder(URI.create(service.url("/nothing/here"))).GET().build(), 404, null);
        refused(service.api("/payouts/X-1").DELETE().build(), 405, null);
        refused(HttpRequest.newBuilder(URI.create(service.url("/callbacks/aopay"))).PUT(
                HttpRequest.BodyPublishers.ofString("{}")).build(), 405, null);
    }

    @Test
    void aTenMegabyteBodyIs413ProblemJsonWithoutAnUnhandledException() {
        String id = nextId();
        String huge = "{\"padding\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        refused(post(id, "application/json", huge), 413, id);
        assertTrue(logs.lines().stream().noneMatch(l -> l.contains("Unhandled exception")), logs.lines().toString());
    }
}
