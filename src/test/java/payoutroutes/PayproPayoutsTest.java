package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import payoutroutes.RunningService.Answer;
import payoutroutes.model.Json;
import payoutroutes.connector.paypro.PayproNotificationAction;
import payoutroutes.connector.paypro.PayproSigner;
import payoutroutes.connector.paypro.PayproSigner.SecretPosition;
import payoutroutes.sandbox.paypro.PayproSandbox;

/** Payouts through paypro, over HTTP, against its sandbox: the code table line by line, and what never leaves. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayproPayoutsTest {

    private static final String MERCHANT = "8729248847";
    private static final String SECRET = "sandbox-paypro-secret";

    private RunningService service;
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void start() {
        service = RunningService.start(Map.of(
                // the sandbox's notifications can't reach us here, so only our own questions tell
                // (PayproCallbacksTest is where they do)
                "payouts.public-base-url", "http://127.0.0.1:1",
                "payouts.providers.paypro.timeout-ms", "1000",
                "payouts.sandbox.slow-reply-ms", "2000",
                "payouts.sandbox.paypro.notify-retry-ms", "100,100,100"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private PayproSandbox sandbox() {
        return service.sandbox(PayproSandbox.class);
    }

    private static String payout(String amount, String currency, String account) {
        return Payouts.seed("paypro", amount, currency, account);
    }

    @Test
    void aRupiahPayoutGoesThroughPayproEndToEnd() throws Exception {
        String id = "PAYPRO-E2E-1";
        Answer created = service.post(id, payout("100000", "IDR", "11223344"));

        assertEquals(201, created.status(), created.body());
        assertEquals("PROCESSING", created.text("status"));
        assertEquals("paypro", created.text("provider"));
        assertEquals(sandbox().platFormTradeNo(id).orElseThrow(), created.text("providerReference"));
        assertEquals("100000", created.json().path("amount").path("value").asText());
        assertEquals(1, sandbox().payOutCalls(id));
        assertEquals(created.body(), service.get(id).body(), "the stored payout is the one answered");

        // the request on the wire is PayproPayoutActionTest's; here, what the service feeds the connector
        Map<String, String> fields = sandbox().received(id).orElseThrow().fields();
        assertEquals(id, fields.get("tradeNo"));
        assertEquals("http://127.0.0.1:1/callbacks/paypro", fields.get("notifyUrl"), "built from payouts.public-base-url");

        Answer settled = eventually(() -> service.refresh(id), a -> "SUCCEEDED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"), settled.body());
        assertTrue(sandbox().queryCalls(id) >= 1);
        assertEquals(1, sandbox().payOutCalls(id));

        // the sandbox's signed notification went to our callback URL and verifies with our own check
        List<PayproSandbox.Delivery> deliveries = eventually(() -> sandbox().deliveries(id), d -> !d.isEmpty(),
                Duration.ofSeconds(5));
        PayproSandbox.Delivery first = deliveries.get(0);
        assertEquals("http://127.0.0.1:1/callbacks/paypro", first.url());
        JsonNode notification = NotificationChecks.verify(payproNotifications(), Map.of(),
                first.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(id, notification.path("payoutId").asText());
        assertEquals("SUCCEEDED", notification.path("status").asText());
        assertEquals(created.text("providerReference"), notification.path("providerReference").asText());
    }

    static Stream<Arguments> refusedBeforeSending() {
        String seed = payout("100000", "IDR", "11223344");
        return Stream.of(
                Arguments.of("a fraction of a rupiah", payout("100000.50", "IDR", "11223344"), 422, "amount.value"),
                Arguments.of("dollars", payout("100", "USD", "11223344"), 422, "USD"),
                Arguments.of("no phone", seed.replace("\"phone\": \"6281245907765\",", ""), 422, "beneficiary.phone"),
                Arguments.of("a phone outside Indonesia's mobile plan", seed.replace("6281245907765", "0712345678"),
                        422, "beneficiary.phone"),
                Arguments.of("a phone too short", seed.replace("6281245907765", "081234567"), 422, "beneficiary.phone"),
                Arguments.of("a phone too long", seed.replace("6281245907765", "62812345678901"), 422,
                        "beneficiary.phone"),
                Arguments.of("a phone that is no number at all", seed.replace("6281245907765", "call me"), 400,
                        "beneficiary.phone"),
                Arguments.of("no email", seed.replace("\"email\": \"customer@test.com\",", ""), 422,
                        "beneficiary.email"),
                Arguments.of("a malformed email", seed.replace("customer@test.com", "customer.test.com"), 400,
                        "beneficiary.email"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBeforeSending")
    void whatPayproCantTakeIsRefusedAndNothingIsSent(String what, String body, int status, String named) {
        String id = "PAYPRO-REFUSED-" + ids.incrementAndGet();
        int sentBefore = sandbox().allPayOutCalls();

        Answer refused = service.post(id, body);

        assertEquals(status, refused.status(), refused.body());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        String said = status == 400 ? refused.json().path("errors").toString() : refused.text("detail");
        assertTrue(said.contains(named), said);
        assertEquals(sentBefore, sandbox().allPayOutCalls(), "nothing reached paypro");
        assertEquals(404, service.get(id).status(), "nothing is kept");
    }

    @Test
    void aWellFormedLocalMobileNumberIsTaken() {
        Answer created = service.post("PAYPRO-LOCAL-PHONE",
                payout("100000", "IDR", "11223344").replace("6281245907765", "081245907765"));
        assertEquals(201, created.status(), created.body());
        assertEquals("081245907765", sandbox().received("PAYPRO-LOCAL-PHONE").orElseThrow().fields().get("mobile"));
    }

    @Test
    void anUnknownErrorFromAQueryLeavesAProcessingPayoutAsItIs() throws Exception {
        String id = "PAYPRO-STAYS-00032";
        Answer created = service.post(id, payout("100000", "IDR", "90090001"));
        assertEquals("PROCESSING", created.text("status"));
        // paypro settles it at 00032 and says so from then on
        eventually(() -> sandbox().deliveries(id), d -> !d.isEmpty(), Duration.ofSeconds(5));
        int asked = sandbox().queryCalls(id);

        Answer refreshed = service.refresh(id);

        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals(asked + 1, sandbox().queryCalls(id), "the query was made");
        assertEquals("PROCESSING", refreshed.text("status"));
        assertEquals(created.text("updatedAt"), refreshed.text("updatedAt"));
    }

    @Test
    void aTimedOutCreateIsUnknownNeverResentAndResolvedByAQuery() throws Exception {
        String id = "PAYPRO-SLOW-1";
        Answer created = service.post(id, payout("100000", "IDR", "90010001"));

        assertEquals(201, created.status(), created.body());
        assertEquals("UNKNOWN", created.text("status"));
        Answer replay = service.post(id, payout("100000", "IDR", "90010001"));
        assertEquals(200, replay.status());
        assertEquals("UNKNOWN", replay.text("status"));

        Answer settled = eventually(() -> service.refresh(id), a -> "SUCCEEDED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"), settled.body());
        assertEquals(sandbox().platFormTradeNo(id).orElseThrow(), settled.text("providerReference"));
        assertEquals(1, sandbox().payOutCalls(id));
    }

    @Test
    void aTradeNoPayproHasAlreadyIsUnknownThenAskedAboutNeverFailed() throws Exception {
        String id = "PAYPRO-TAKEN-1";
        // paypro got this tradeNo before (say, from a lost record of ours) and pays it
        assertEquals("0000", callSandbox("/v1/paypro/payOut", MERCHANT,
                signed(payOutBody(id, "http://127.0.0.1:1/nowhere"), SECRET, SecretPosition.APPEND)).text("code"));

        Answer created = service.post(id, payout("100000", "IDR", "11223344"));

        assertEquals(201, created.status(), created.body());
        assertEquals("UNKNOWN", created.text("status"), "code 1004: paypro has it, so nobody can say it failed");
        assertTrue(created.json().path("failure").isNull(), created.body());
        Answer settled = eventually(() -> service.refresh(id), a -> "SUCCEEDED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals(sandbox().platFormTradeNo(id).orElseThrow(), settled.text("providerReference"));
        assertEquals(2, sandbox().payOutCalls(id), "the earlier one, and ours once");
    }

    // ------------------------------------------------------------------ the sandbox itself

    private String sandboxUrl(String path) {
        return "http://127.0.0.1:" + service.sandboxPort() + PayproSandbox.ROOT + path;
    }

    private static ObjectNode payOutBody(String tradeNo, String notifyUrl) {
        return Json.MAPPER.createObjectNode().put("timestamp", System.currentTimeMillis()).put("tradeNo", tradeNo)
                .put("amount", 100000).put("customerName", "kevin").put("mobile", "6281245907765")
                .put("email", "kevin@example.com").put("bankAccountNo", "5464438554636").put("bankCode", "0002")
                .put("notifyUrl", notifyUrl);
    }

    private static String signed(ObjectNode body, String secret, SecretPosition position) {
        ObjectNode copy = body.deepCopy();
        copy.put("sign", PayproSigner.sign(PayproSigner.fieldTexts(body.toString().getBytes(StandardCharsets.UTF_8)),
                secret, position));
        return copy.toString();
    }

    private Answer callSandbox(String path, String merchant, String body) {
        return RunningService.send(HttpRequest.newBuilder(URI.create(sandboxUrl(path)))
                .header("Content-Type", "application/json").header("merchantNo", merchant)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void theSandboxChecksTheMerchantAndTheSign() {
        ObjectNode body = payOutBody("SIGN-CHECK-1", "http://127.0.0.1:1/nowhere");

        Answer tampered = callSandbox("/v1/paypro/payOut", MERCHANT,
                signed(body, SECRET, SecretPosition.APPEND).replace("\"amount\":100000", "\"amount\":900000"));
        assertEquals(PayproSandbox.SIGN_INVALID, tampered.text("code"), tampered.body());
        assertEquals(PayproSandbox.SIGN_INVALID, callSandbox("/v1/paypro/payOut", MERCHANT, body.toString())
                .text("code"), "no sign");
        assertEquals(PayproSandbox.SIGN_INVALID, callSandbox("/v1/paypro/payOut", MERCHANT,
                signed(body, SECRET, SecretPosition.PREPEND)).text("code"), "the secret in the wrong place");
        assertEquals(PayproSandbox.SIGN_INVALID, callSandbox("/v1/paypro/payOut", MERCHANT,
                signed(body, "guess", SecretPosition.APPEND)).text("code"), "another secret");
        assertEquals(PayproSandbox.MERCHANT_UNKNOWN, callSandbox("/v1/paypro/payOut", "1234567890",
                signed(body, SECRET, SecretPosition.APPEND)).text("code"));
        assertEquals(0, sandbox().payOutCalls("SIGN-CHECK-1"), "none of them was taken");

        // the same body, rightly signed, is taken: the refusals above were the sign's doing
        Answer taken = callSandbox("/v1/paypro/payOut", MERCHANT, signed(body, SECRET, SecretPosition.APPEND));
        assertEquals("0000", taken.text("code"), taken.body());
        assertEquals("0015", taken.json().path("data").path("status").asText());
        assertNotNull(taken.json().path("data").path("platFormTradeNo").asText(null));

        Answer again = callSandbox("/v1/paypro/payOut", MERCHANT, signed(body, SECRET, SecretPosition.APPEND));
        assertEquals(PayproSandbox.TRADE_NO_USED, again.text("code"));
    }

    @Test
    void theSandboxChecksTheFieldRules() {
        ObjectNode decimals = payOutBody("RULES-1", "http://127.0.0.1:1/nowhere").put("amount", 100000.0);
        Answer fraction = callSandbox("/v1/paypro/payOut", MERCHANT, signed(decimals, SECRET, SecretPosition.APPEND));
        assertEquals(PayproSandbox.PARAMETER_INVALID, fraction.text("code"), fraction.body());
        assertTrue(fraction.text("msg").contains("amount"), fraction.body());

        ObjectNode phone = payOutBody("RULES-2", "http://127.0.0.1:1/nowhere").put("mobile", "+6281245907765");
        Answer badPhone = callSandbox("/v1/paypro/payOut", MERCHANT, signed(phone, SECRET, SecretPosition.APPEND));
        assertEquals(PayproSandbox.PARAMETER_INVALID, badPhone.text("code"), badPhone.body());

        ObjectNode seconds = payOutBody("RULES-3", "http://127.0.0.1:1/nowhere")
                .put("timestamp", System.currentTimeMillis() / 1000);
        assertEquals(PayproSandbox.PARAMETER_INVALID, callSandbox("/v1/paypro/payOut", MERCHANT,
                signed(seconds, SECRET, SecretPosition.APPEND)).text("code"));

        ObjectNode noEmail = payOutBody("RULES-4", "http://127.0.0.1:1/nowhere");
        noEmail.remove("email");
        assertEquals(PayproSandbox.PARAMETER_INVALID, callSandbox("/v1/paypro/payOut", MERCHANT,
                signed(noEmail, SECRET, SecretPosition.APPEND)).text("code"));

        ObjectNode query = Json.MAPPER.createObjectNode().put("tradeNo", "NEVER-SENT")
                .put("timestamp", String.valueOf(System.currentTimeMillis()));
        Answer unknown = callSandbox("/v1/paypro/queryPayOutResult", MERCHANT, signed(query, SECRET, SecretPosition.APPEND));
        assertEquals(PayproSandbox.NO_SUCH_ORDER, unknown.text("code"), unknown.body());
    }

    @Test
    void notificationsAreRetriedOnTheScheduleUntilOkAndThenStop() throws Exception {
        AtomicInteger refusedHits = new AtomicInteger();
        AtomicInteger lateOkHits = new AtomicInteger();
        HttpServer merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        merchant.createContext("/refuses", exchange -> {
            refusedHits.incrementAndGet();
            byte[] answer = "received".getBytes(StandardCharsets.UTF_8); // a 200, but not the text OK
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        merchant.createContext("/late", exchange -> {
            boolean ok = lateOkHits.incrementAndGet() >= 2;
            byte[] answer = (ok ? "OK" : "busy").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 503, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        merchant.start();
        try {
            String root = "http://127.0.0.1:" + merchant.getAddress().getPort();
            assertEquals("0000", callSandbox("/v1/paypro/payOut", MERCHANT,
                    signed(payOutBody("NOTIFY-REFUSED", root + "/refuses"), SECRET, SecretPosition.APPEND)).text("code"));
            assertEquals("0000", callSandbox("/v1/paypro/payOut", MERCHANT,
                    signed(payOutBody("NOTIFY-LATE", root + "/late"), SECRET, SecretPosition.APPEND)).text("code"));

            // the first attempt and the three retries of the (test) schedule, then no more
            eventually(refusedHits::get, n -> n >= 4, Duration.ofSeconds(10));
            eventually(lateOkHits::get, n -> n >= 2, Duration.ofSeconds(10));
            Thread.sleep(800);
            assertEquals(4, refusedHits.get());
            assertEquals(4, sandbox().deliveries("NOTIFY-REFUSED").size());
            assertFalse(sandbox().deliveries("NOTIFY-REFUSED").stream().anyMatch(PayproSandbox.Delivery::accepted));
            assertEquals(2, lateOkHits.get(), "an OK ends the retries");
            assertTrue(sandbox().deliveries("NOTIFY-LATE").get(1).accepted());
            // every attempt is signed afresh, and each one verifies
            for (PayproSandbox.Delivery delivery : sandbox().deliveries("NOTIFY-REFUSED")) {
                assertEquals("NOTIFY-REFUSED", NotificationChecks.verify(payproNotifications(), Map.of(),
                        delivery.body().getBytes(StandardCharsets.UTF_8)).path("payoutId").asText());
            }
            assertNotEquals(sandbox().deliveries("NOTIFY-REFUSED").get(0).body(),
                    sandbox().deliveries("NOTIFY-REFUSED").get(3).body(), "a new timestamp, a new sign");
        } finally {
            merchant.stop(0);
        }
    }

    /** The paypro-notification-action's bean, as the service's paypro route makes it from application.properties. */
    private PayproNotificationAction payproNotifications() {
        PayproNotificationAction action = new PayproNotificationAction();
        action.setAppSecret(service.context().resolvePropertyPlaceholders("{{payouts.providers.paypro.app-secret}}"));
        return action;
    }
}
