package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.RunningService.Answer;
import payoutroutes.connector.paypro.PayproSigner;
import payoutroutes.sandbox.paypro.PayproSandbox;

/** paypro's notifications through {@code POST /callbacks/paypro}: the sign recomputed, the answer the plain text OK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayproCallbacksTest {

    private static final String SECRET = "sandbox-paypro-secret";
    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.start(Map.of(
                "payouts.sandbox.settle-after-ms", "1000",
                "payouts.events.poll-ms", "100",
                "payouts.sandbox.paypro.notify-retry-ms", "200,200"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private String create(String id) {
        String merchant = service.merchantUrl("");
        Answer created = service.post(id, Payouts.seed("paypro", "100000", "IDR", "5464438554636")
                .replace("https://merchant.example.com/payout-events", merchant));
        assertEquals(201, created.status(), created.body());
        assertEquals("PROCESSING", created.text("status"));
        return created.text("providerReference");
    }

    /** A notification as paypro signs it: every field but sign, sorted, key=value, secret appended, MD5. */
    private static String notification(String tradeNo, String platFormTradeNo, String status, String amountJson) {
        Map<String, String> fields = new TreeMap<>(Map.of("status", status, "message", "status " + status,
                "platFormTradeNo", platFormTradeNo, "tradeNo", tradeNo, "amount", amountJson.replace("\"", ""),
                "timestamp", String.valueOf(System.currentTimeMillis())));
        String sign = PayproSigner.sign(fields, SECRET, PayproSigner.SecretPosition.APPEND);
        return """
                {"status":"%s","message":"%s","platFormTradeNo":"%s","tradeNo":"%s","amount":%s,"timestamp":%s,"sign":"%s"}"""
                .formatted(status, fields.get("message"), platFormTradeNo, tradeNo, amountJson, fields.get("timestamp"), sign);
    }

    private Answer notify(String body) {
        return RunningService.send(HttpRequest.newBuilder(URI.create(service.url("/callbacks/paypro")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }


    @Test
    void theSandboxsSignedNotificationSettlesThePayoutAndIsAnsweredOk() throws Exception {
        String id = "PP-CB-VALID-1";
        create(id);

        Answer settled = eventually(() -> service.get(id), a -> "SUCCEEDED".equals(a.text("status")), Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"));
        // the sandbox records a delivery once our answer has reached it, a moment after the payout changed
        List<PayproSandbox.Delivery> deliveries = eventually(() -> service.sandbox(PayproSandbox.class).deliveries(id),
                d -> !d.isEmpty(), Duration.ofSeconds(5));
        assertEquals(1, deliveries.size(), "answered OK at once, so never sent again");
        assertTrue(deliveries.get(0).accepted());
    }

    @Test
    void aTamperedNotificationIs401AndChangesNothing() {
        String id = "PP-CB-FORGED-1";
        String platform = create(id);
        String forged = notification(id, platform, "0000", "100000").replace("\"amount\":100000", "\"amount\":900000");

        Answer answer = notify(forged);

        assertEquals(401, answer.status());
        assertEquals("PROCESSING", service.get(id).text("status"));
        assertEquals(401, notify(notification(id, platform, "0000", "100000").replaceAll("\"sign\":\"[0-9a-f]+\"",
                "\"sign\":\"12222222222\"")).status(), "the docs' placeholder sign");
    }

    @Test
    void aValidNotificationIsBelievedAndRepeatedOrLateOnesChangeNothingMore() throws Exception {
        String id = "PP-CB-REPEAT-1";
        String platform = create(id);

        Answer first = notify(notification(id, platform, "0000", "\"100000\""));
        assertEquals(200, first.status(), first.body());
        assertEquals("OK", first.body());
        assertEquals("text/plain", first.headers().firstValue("Content-Type").orElse(""));
        assertEquals("SUCCEEDED", service.get(id).text("status"));

        assertEquals("OK", notify(notification(id, platform, "0000", "100000")).body(), "repeated: OK again");
        assertEquals("OK", notify(notification(id, platform, "0015", "100000")).body(), "late processing: OK");
        assertEquals("SUCCEEDED", service.get(id).text("status"));
        Thread.sleep(1500); // the sandbox's own notification arrives too, and changes nothing
        assertEquals(List.of("PROCESSING", "SUCCEEDED"), service.merchantEventStatuses(id));
    }
}
