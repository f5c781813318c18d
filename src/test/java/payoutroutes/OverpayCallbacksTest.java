package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.RunningService.Answer;

/**
 * overpay's notifications through {@code POST /callbacks/overpay}: Basic and, with a public key
 * configured, the RSA signature over the raw body; whatever passes goes through the one state machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverpayCallbacksTest {

    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "1001:sandbox-overpay-secret".getBytes(StandardCharsets.UTF_8));
    private RunningService service;
    private KeyPair shopKey;
    private KeyPair otherKey;

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        shopKey = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
        service = RunningService.start(Map.of(
                "payouts.sandbox.settle-after-ms", "1500",
                "payouts.events.poll-ms", "100",
                "payouts.sandbox.overpay.private-key", Base64.getEncoder().encodeToString(shopKey.getPrivate().getEncoded()),
                "payouts.providers.overpay.public-key", Base64.getEncoder().encodeToString(shopKey.getPublic().getEncoded())));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private String create(String id) {
        String merchant = service.merchantUrl("");
        Answer created = service.post(id, Payouts.seed("overpay", "32.45", "USD", "11223344")
                .replace("https://merchant.example.com/payout-events", merchant));
        assertEquals(201, created.status(), created.body());
        assertEquals("PROCESSING", created.text("status"));
        return created.text("providerReference");
    }

    private static String transaction(String uid, String id, String status) {
        return """
                {"transaction":{"uid":"%s","type":"payout","status":"%s","amount":3245,"currency":"USD",
                "tracking_id":"%s","message":"Transaction %s","test":true}}""".formatted(uid, status, id, status);
    }

    private Answer notify(String body, String authorization, PrivateKey signer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url("/callbacks/overpay")))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signer != null) {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signer);
            rsa.update(body.getBytes(StandardCharsets.UTF_8));
            request.header("Content-Signature", Base64.getEncoder().encodeToString(rsa.sign()));
        }
        return RunningService.send(request.build());
    }


    @Test
    void theSandboxsSignedNotificationSettlesThePayout() throws Exception {
        String id = "OP-CB-VALID-1";
        create(id);
        Answer settled = eventually(() -> service.get(id), a -> "SUCCEEDED".equals(a.text("status")), Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"));
        assertEquals(List.of("PROCESSING", "SUCCEEDED"),
                eventually(() -> service.merchantEventStatuses(id), l -> l.size() >= 2, Duration.ofSeconds(5)));
    }

    @Test
    void forgedNotificationsAre401AndChangeNothing() throws Exception {
        String id = "OP-CB-FORGED-1";
        String uid = create(id);
        String failed = transaction(uid, id, "failed");
        String wrongBasic = "Basic " + Base64.getEncoder().encodeToString("1001:guess".getBytes(StandardCharsets.UTF_8));

        assertEquals(401, notify(failed, wrongBasic, shopKey.getPrivate()).status(), "wrong Basic");
        assertEquals(401, notify(failed, BASIC, otherKey.getPrivate()).status(), "signed by another key");
        assertEquals(401, notify(failed, BASIC, null).status(), "not signed while a key is set");
        Answer tampered = RunningService.send(HttpRequest.newBuilder(URI.create(service.url("/callbacks/overpay")))
                .header("Content-Type", "application/json").header("Authorization", BASIC)
                .header("Content-Signature", sign(transaction(uid, id, "successful")))
                .POST(HttpRequest.BodyPublishers.ofString(failed)).build());
        assertEquals(401, tampered.status(), "a signature over another body");

        assertEquals("PROCESSING", service.get(id).text("status"));
        String metrics = service.management("/observe/metrics").body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("payouts_notifications_total")
                && l.contains("provider=\"overpay\"") && l.contains("result=\"refused\"") && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) >= 4),
                "refusals are counted: " + metrics.lines().filter(l -> l.contains("refused")).toList());
    }

    @Test
    void aRepeatedOrLateNotificationChangesNothingMore() throws Exception {
        String id = "OP-CB-REPEAT-1";
        String uid = create(id);
        String successful = transaction(uid, id, "successful");

        assertEquals(200, notify(successful, BASIC, shopKey.getPrivate()).status());
        assertEquals("SUCCEEDED", service.get(id).text("status"));
        assertEquals(200, notify(successful, BASIC, shopKey.getPrivate()).status(), "repeated: still 200");
        assertEquals(200, notify(transaction(uid, id, "pending"), BASIC, shopKey.getPrivate()).status(), "late pending");
        assertEquals(200, notify(transaction(uid, id, "failed"), BASIC, shopKey.getPrivate()).status(), "final is final");

        assertEquals("SUCCEEDED", service.get(id).text("status"));
        Thread.sleep(2000); // the sandbox's own notification comes and changes nothing either
        assertEquals(List.of("PROCESSING", "SUCCEEDED"), service.merchantEventStatuses(id));
    }

    @Test
    void twoRacingFinalNotificationsCannotBothWin() throws Exception {
        String id = "OP-CB-RACE-1";
        String uid = create(id);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Answer>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String status = i % 2 == 0 ? "successful" : "failed";
                racing.add(() -> notify(transaction(uid, id, status), BASIC, shopKey.getPrivate()));
            }
            for (var answer : pool.invokeAll(racing)) {
                assertEquals(200, answer.get().status());
            }
        } finally {
            pool.shutdownNow();
        }
        String status = service.get(id).text("status");
        assertTrue(status.equals("SUCCEEDED") || status.equals("FAILED"), status);
        eventually(() -> service.merchantEventStatuses(id), l -> l.size() >= 2, Duration.ofSeconds(5));
        Thread.sleep(300);
        assertEquals(List.of("PROCESSING", status), service.merchantEventStatuses(id), "one final change, one event");
    }

    private String sign(String body) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(shopKey.getPrivate());
        rsa.update(body.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(rsa.sign());
    }
}
