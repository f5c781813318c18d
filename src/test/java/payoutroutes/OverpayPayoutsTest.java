package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.RunningService.Answer;
import payoutroutes.connector.begateway.BegatewayNotificationAction;
import payoutroutes.sandbox.overpay.OverpaySandbox;
import payoutroutes.model.Payout;

/**
 * Payouts through overpay (beGateway's APM API), over HTTP, against its sandbox. The provider's notifications
 * are caught by a stand-in for our public address, so that what the sandbox signs can be checked the way
 * {@code POST /callbacks/overpay} will check it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverpayPayoutsTest {

    private record Caught(String path, Map<String, Object> headers, byte[] body) {
    }

    private RunningService service;
    private HttpServer publicAddress;
    private final List<Caught> caught = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void start() throws Exception {
        publicAddress = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        publicAddress.createContext("/", exchange -> {
            Map<String, Object> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            caught.add(new Caught(exchange.getRequestURI().getPath(), headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        publicAddress.start();
        service = RunningService.start(Map.of(
                "payouts.public-base-url", "http://127.0.0.1:" + publicAddress.getAddress().getPort()));
    }

    @AfterAll
    void stop() {
        service.close();
        publicAddress.stop(0);
    }

    private OverpaySandbox sandbox() {
        return service.sandbox(OverpaySandbox.class);
    }

    private JsonNode atProvider(String payoutId) {
        return sandbox().transaction(payoutId).orElseThrow(() -> new AssertionError(payoutId + " is not at the provider"));
    }

    @Test
    void theSeedPayoutGoesThroughTheSandboxAndSettlesAndIsNotifiedSigned() throws Exception {
        String id = "OVERPAY-SEED-1";
        Answer created = service.post(id, Payouts.seed("overpay"));

        assertEquals(201, created.status(), created.body());
        assertEquals("PROCESSING", created.text("status"));
        assertEquals("overpay", created.text("provider"));
        assertTrue(created.json().path("failure").isNull());
        assertEquals("10000", created.json().path("amount").path("value").asText());
        JsonNode transaction = atProvider(id);
        assertEquals(transaction.path("uid").asText(), created.text("providerReference"), "the uid is the reference");
        assertNotEquals(id, created.text("providerReference"));
        assertEquals(1, sandbox().createCalls(id));
        // IDR in whole rupiah for this provider, not 1000000
        assertEquals(10000, transaction.path("amount").asLong());
        assertEquals("IDR", transaction.path("currency").asText());
        assertEquals("Payout for order 1234", transaction.path("description").asText());
        assertEquals("Test", transaction.path("customer").path("first_name").asText());
        assertEquals("Account", transaction.path("customer").path("last_name").asText());
        assertEquals("bank_transfer", transaction.path("method_type").asText());
        assertFalse(transaction.path("test").asBoolean());

        Answer settled = eventually(() -> service.refresh(id), a -> "SUCCEEDED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"), settled.body());
        assertEquals(created.text("providerReference"), settled.text("providerReference"));
        assertTrue(sandbox().trackingQueries(id) > 0, "the refresh asks by tracking_id");
        assertEquals(1, sandbox().createCalls(id));

        // the notification: the transaction JSON at our callback URL, Basic auth and a signature that our
        // verification accepts with the public key the sandbox hands out
        Caught notification = eventually(() -> caughtFor(id), c -> c != null, Duration.ofSeconds(5));
        assertNotNull(notification, "the sandbox notified");
        assertEquals("/callbacks/overpay", notification.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("1001:sandbox-overpay-secret"
                .getBytes(StandardCharsets.UTF_8)), notification.headers().get("Authorization"));
        Answer publicKey = RunningService.send(HttpRequest.newBuilder(URI.create(sandboxUrl("/public-key"))).build());
        assertEquals(sandbox().publicKey(), publicKey.body());
        JsonNode believed = NotificationChecks.verify(withPublicKey(publicKey.body()), notification.headers(),
                notification.body());
        assertEquals(id, believed.path("payoutId").asText());
        assertEquals("SUCCEEDED", believed.path("status").asText());
        assertEquals(created.text("providerReference"), believed.path("providerReference").asText());
    }

    private Caught caughtFor(String payoutId) {
        synchronized (caught) {
            return caught.stream().filter(c -> new String(c.body(), StandardCharsets.UTF_8)
                    .contains("\"tracking_id\":\"" + payoutId + "\"")).findFirst().orElse(null);
        }
    }

    /** The begateway-notification-action's bean, as the service's overpay route makes it, with this public key. */
    private static BegatewayNotificationAction withPublicKey(String publicKey) {
        BegatewayNotificationAction action = new BegatewayNotificationAction();
        action.setShopId("1001");
        action.setSecretKey("sandbox-overpay-secret");
        action.setPublicKey(publicKey);
        return action;
    }

    @Test
    void anAmountFinerThanTheCurrencyIsRefusedAndNeverSent() {
        Answer cents = service.post("OVERPAY-FINE-USD", Payouts.seed("overpay", "10.001", "USD", "11223344"));
        assertEquals(422, cents.status(), cents.body());
        assertEquals("application/problem+json", cents.headers().firstValue("Content-Type").orElse(""));
        assertTrue(cents.json().path("detail").asText().contains("never rounded"), cents.body());

        Answer yen = service.post("OVERPAY-FINE-JPY", Payouts.seed("overpay", "10.5", "JPY", "11223344"));
        assertEquals(422, yen.status(), yen.body());
        Answer rupiah = service.post("OVERPAY-FINE-IDR", Payouts.seed("overpay", "10000.50", "IDR", "11223344"));
        assertEquals(422, rupiah.status(), "IDR carries no decimals at overpay: " + rupiah.body());

        for (String id : List.of("OVERPAY-FINE-USD", "OVERPAY-FINE-JPY", "OVERPAY-FINE-IDR")) {
            assertEquals(0, sandbox().createCalls(id), id + " was sent");
            assertEquals(404, service.get(id).status(), id + " was kept");
        }
    }

    @Test
    void theRouterSendsDollarsToOverpay() {
        Answer dollars = service.post("OVERPAY-ROUTED-USD", Payouts.seed(null, "42.05", "USD", "11223344"));

        assertEquals(201, dollars.status(), dollars.body());
        assertEquals("overpay", dollars.text("provider"));
        assertEquals(4205, atProvider("OVERPAY-ROUTED-USD").path("amount").asLong());
    }

    @Test
    void aPayoutTheProviderRefusesFailsNamingItsFieldErrors() {
        // the sandbox's bank transfers need the beneficiary's country, which the canonical request may leave out
        String id = "OVERPAY-422-1";
        Answer failed = service.post(id, Payouts.seed("overpay").replace("\"country\": \"ID\", ", ""));

        assertEquals(201, failed.status(), failed.body());
        assertEquals("FAILED", failed.text("status"));
        JsonNode failure = failed.json().path("failure");
        assertEquals("PROVIDER_REJECTED", failure.path("code").asText());
        assertEquals("422", failure.path("providerCode").asText());
        assertEquals("Unprocessable entity: request.customer.country is missing", failure.path("message").asText());
        assertNull(failed.text("providerReference"));
        assertEquals(1, sandbox().createCalls(id));
        assertEquals("FAILED", service.refresh(id).text("status"), "a final status never changes");
    }

    @Test
    void aPayoutThatFailsOrExpiresAtTheProviderEndsFailedWithItsMessage() throws Exception {
        assertEquals(201, service.post("OVERPAY-FAILS-1", Payouts.seed("overpay", "10000", "IDR", "90030001")).status());
        assertEquals(201, service.post("OVERPAY-EXPIRES-1", Payouts.seed("overpay", "10000", "IDR", "90050001")).status());

        Answer failed = eventually(() -> service.refresh("OVERPAY-FAILS-1"), a -> "FAILED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("FAILED", failed.text("status"), failed.body());
        assertEquals("PROVIDER_REJECTED", failed.json().path("failure").path("code").asText());
        assertEquals("failed", failed.json().path("failure").path("providerCode").asText());
        assertEquals("Payout declined by the beneficiary's bank", failed.json().path("failure").path("message").asText());

        Answer expired = eventually(() -> service.refresh("OVERPAY-EXPIRES-1"), a -> "FAILED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("EXPIRED", expired.json().path("failure").path("code").asText(), expired.body());
        assertEquals("Payout was not completed in time", expired.json().path("failure").path("message").asText());
    }

    @Test
    void theSameContentAgainIsAReplayAndNeverASecondPayout() {
        String id = "OVERPAY-REPLAY-1";
        Answer first = service.post(id, Payouts.seed("overpay", "32.45", "USD", "11223344"));
        Answer again = service.post(id, Payouts.seed("overpay", "\"32.450\"", "USD", "11223344"));

        assertEquals(201, first.status());
        assertEquals(200, again.status(), again.body());
        assertEquals(first.text("providerReference"), again.text("providerReference"));
        assertEquals(1, sandbox().createCalls(id));
    }

    // ------------------------------------------------------------------ the sandbox is as strict as the real one

    private String sandboxUrl(String path) {
        return "http://127.0.0.1:" + service.sandboxPort() + OverpaySandbox.ROOT + path;
    }

    private Answer sandboxPost(String path, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandboxUrl(path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return RunningService.send(request.build());
    }

    private static final String SHOP = "Basic " + Base64.getEncoder().encodeToString(
            "1001:sandbox-overpay-secret".getBytes(StandardCharsets.UTF_8));

    private static String payout(String trackingId, String amount) {
        return """
                {"request":{"amount":%s,"currency":"USD","description":"Sandbox check","tracking_id":"%s",
                 "customer":{"first_name":"Test","country":"ID"},
                 "method":{"type":"bank_transfer","account_number":"11223344","bank_code":"BNK_000"}}}"""
                .formatted(amount, trackingId);
    }

    @Test
    void theSandboxRefusesOtherCredentialsInTheProvidersOwnWords() {
        Answer wrong = sandboxPost("/transactions/payouts", "Basic " + Base64.getEncoder().encodeToString(
                "1001:guess".getBytes(StandardCharsets.UTF_8)), payout("SBX-AUTH-1", "100"));
        assertEquals(401, wrong.status());
        assertEquals("{\"message\":\"Invalid shop_id/secret_key.\",\"errors\":{}}", wrong.body());
        assertEquals(401, sandboxPost("/transactions/payouts", null, payout("SBX-AUTH-1", "100")).status());
        assertTrue(sandbox().transaction("SBX-AUTH-1").isEmpty());

        Answer query = RunningService.send(HttpRequest.newBuilder(URI.create(sandboxUrl("/transactions/tracking_id/X")))
                .GET().build());
        assertEquals(401, query.status());
    }

    @Test
    void theSandboxRefusesABadBodyInBeGatewaysShape() {
        Answer missing = sandboxPost("/transactions/payouts", SHOP, payout("SBX-BODY-1", "100")
                .replace("\"amount\":100,", ""));
        assertEquals(422, missing.status());
        assertEquals("{\"message\":\"Unprocessable entity\",\"errors\":{\"request\":{\"amount\":[\"is missing\"]}}}",
                missing.body());

        Answer decimal = sandboxPost("/transactions/payouts", SHOP, payout("SBX-BODY-2", "32.45"));
        assertEquals(422, decimal.status());
        assertEquals("must be an integer", decimal.json().at("/errors/request/amount/0").asText());

        Answer noAccount = sandboxPost("/transactions/payouts", SHOP, payout("SBX-BODY-3", "100")
                .replace("\"account_number\":\"11223344\",", ""));
        assertEquals("is missing", noAccount.json().at("/errors/request/method/account_number/0").asText(),
                noAccount.body());

        Answer otherMethod = sandboxPost("/transactions/payouts", SHOP, payout("SBX-BODY-4", "100")
                .replace("\"type\":\"bank_transfer\"", "\"type\":\"carrier_pigeon\""));
        assertEquals("is not supported", otherMethod.json().at("/errors/request/method/type/0").asText());

        assertEquals(422, sandboxPost("/transactions/payouts", SHOP, "[]").status());
        assertTrue(sandbox().transaction("SBX-BODY-1").isEmpty());
    }

    @Test
    void theSandboxTakesATrackingIdOnce() {
        Answer first = sandboxPost("/transactions/payouts", SHOP, payout("SBX-TRACK-1", "100"));
        assertEquals(200, first.status(), first.body());
        assertEquals("pending", first.json().at("/transaction/status").asText());
        assertEquals("payout", first.json().at("/transaction/type").asText());
        assertEquals("****3344", first.json().at("/transaction/bank_transfer/account_number").asText(),
                "the account number comes back masked");

        Answer second = sandboxPost("/transactions/payouts", SHOP, payout("SBX-TRACK-1", "200"));
        assertEquals(422, second.status());
        assertEquals("has already been taken", second.json().at("/errors/request/tracking_id/0").asText());
        assertEquals(100, atProvider("SBX-TRACK-1").path("amount").asLong());

        Answer byUid = RunningService.send(HttpRequest.newBuilder(URI.create(sandboxUrl("/transactions/"
                + first.json().at("/transaction/uid").asText()))).header("Authorization", SHOP).GET().build());
        assertEquals(200, byUid.status());
        assertEquals("SBX-TRACK-1", byUid.json().at("/transaction/tracking_id").asText());
        Answer unknown = RunningService.send(HttpRequest.newBuilder(URI.create(sandboxUrl(
                "/transactions/tracking_id/SBX-NEVER"))).header("Authorization", SHOP).GET().build());
        assertEquals("{\"transactions\":[]}", unknown.body());
    }
}
