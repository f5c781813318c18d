package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import com.auth0.jwt.JWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import payoutroutes.RunningService.Answer;
import payoutroutes.model.Payout;

/** Payouts through the aopay platform's three brands, over HTTP, against the sandbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AopayFamilyPayoutsTest {

    private RunningService service;

    @BeforeAll
    void start() {
        service = RunningService.start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"aopay", "echelonpay", "komopay"})
    void theSeedPayoutGoesThroughEachBrandAndSettles(String provider) throws Exception {
        String id = "SEED-" + provider;
        Answer created = service.post(id, Payouts.seed(provider));

        assertEquals(201, created.status(), created.body());
        assertEquals("PROCESSING", created.text("status"));
        assertEquals(provider, created.text("provider"));
        assertEquals(id, created.text("providerReference"));
        assertEquals("10000", created.json().path("amount").path("value").asText());
        assertEquals("IDR", created.json().path("amount").path("currency").asText());
        assertTrue(created.json().path("fee").isNull());
        assertTrue(created.json().path("failure").isNull());
        assertTrue(created.text("createdAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertEquals(1, service.aopaySandbox().createCalls(provider, id));

        Answer settled = eventually(() -> service.refresh(id), a -> "SUCCEEDED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"), settled.body());
        assertEquals("0.1", settled.json().path("fee").path("value").asText());
        assertEquals("SUCCEEDED", service.get(id).text("status"));
        assertEquals(1, service.aopaySandbox().createCalls(provider, id));
    }

    @Test
    void theSameContentAgainIsAReplayAndNeverASecondPayment() {
        String id = "REPLAY-1";
        assertEquals(201, service.post(id, Payouts.seed("aopay")).status());

        // other key order, white space and 10000 written as "10000.00": the same content
        String same = Payouts.seed("aopay", "\"10000.00\"", "IDR", "11223344").replace("\n", " ");
        Answer replay = service.post(id, same);

        assertEquals(200, replay.status(), replay.body());
        assertEquals(id, replay.text("payoutId"));
        assertEquals(1, service.aopaySandbox().createCalls("aopay", id));
    }

    @Test
    void otherContentUnderAUsedIdIsAConflict() {
        String id = "CONFLICT-1";
        assertEquals(201, service.post(id, Payouts.seed("aopay")).status());

        Answer conflict = service.post(id, Payouts.seed("aopay", "10001", "IDR", "11223344"));

        assertEquals(409, conflict.status());
        assertEquals("application/problem+json", conflict.headers().firstValue("Content-Type").orElse(""));
        assertEquals(409, conflict.json().path("status").asInt());
        assertEquals(1, service.aopaySandbox().createCalls("aopay", id));
        assertEquals("10000", service.get(id).json().path("amount").path("value").asText());
    }

    @Test
    void sixteenIdenticalRequestsAtOnceMakeOneProviderCall() throws Exception {
        String id = "CONCURRENT-1";
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Answer>> requests = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                requests.add(() -> service.post(id, Payouts.seed("komopay")));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Answer> answer : pool.invokeAll(requests)) {
                Answer a = answer.get();
                statuses.add(a.status());
                assertEquals(id, a.text("payoutId"), a.body());
                // a duplicate waits for the first, so it never shows RECEIVED; one answered after the sandbox
                // settled the payout (300 ms on a loaded machine) shows SUCCEEDED
                assertTrue(java.util.Set.of("PROCESSING", "SUCCEEDED").contains(a.text("status")),
                        "a duplicate waits for the first: " + a.body());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(15, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(1, service.aopaySandbox().createCalls("komopay", id));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutAProviderTheRouterRulesChoose() {
        Answer rupiah = service.post("ROUTED-IDR", Payouts.seed(null));
        assertEquals(201, rupiah.status(), rupiah.body());
        assertEquals("aopay", rupiah.text("provider"));

        Answer euros = service.post("ROUTED-EUR", Payouts.seed(null, "42.05", "EUR", "11223344"));
        assertEquals(201, euros.status(), euros.body());
        assertEquals("echelonpay", euros.text("provider"));
        assertEquals("42.05", euros.json().path("amount").path("value").asText());
        assertEquals(1, service.aopaySandbox().createCalls("echelonpay", "ROUTED-EUR"));

        Answer dollars = service.post("ROUTED-USD", Payouts.seed(null, "42.05", "USD", "11223344"));
        assertEquals(201, dollars.status(), dollars.body());
        assertEquals("overpay", dollars.text("provider"));
        assertEquals(0, service.aopaySandbox().createCalls("echelonpay", "ROUTED-USD"));
    }

    @Test
    void theSandboxHoldsATokenToItsOperations() {
        String base = "http://127.0.0.1:" + service.sandboxPort() + "/sandbox/aopay";
        Answer token = RunningService.send(HttpRequest.newBuilder(URI.create(base + "/auth-tokens"))
                .header("Content-Type", "application/json").header("X-API-Version", "2")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"merchantCode":"SANDBOX-AOPAY","secret":"sandbox-aopay-secret","validitySecs":600,
                         "operations":["GET /payouts/SCOPE-A"]}""")).build());
        assertEquals(200, token.status(), token.body());
        String jwt = token.text("token");
        assertEquals(List.of("GET /payouts/SCOPE-A"), JWT.decode(jwt).getClaim("operations").asList(String.class));

        Answer other = RunningService.send(HttpRequest.newBuilder(URI.create(base + "/payouts/SCOPE-B"))
                .header("Authorization", "Bearer " + jwt).header("X-API-Version", "2").GET().build());
        assertEquals(403, other.status());
        Answer noVersion = RunningService.send(HttpRequest.newBuilder(URI.create(base + "/payouts/SCOPE-A"))
                .header("Authorization", "Bearer " + jwt).GET().build());
        assertEquals(400, noVersion.status());
        Answer wrongSecret = RunningService.send(HttpRequest.newBuilder(URI.create(base + "/auth-tokens"))
                .header("Content-Type", "application/json").header("X-API-Version", "2")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"merchantCode":"SANDBOX-AOPAY","secret":"guess","validitySecs":600,
                         "operations":["GET /payouts/SCOPE-A"]}""")).build());
        assertEquals(401, wrongSecret.status());
    }

    @Test
    void aPayoutTheProviderRejectsEndsFailedWithItsCode() throws Exception {
        String id = "REJECTED-1";
        assertEquals(201, service.post(id, Payouts.seed("aopay", "10000", "IDR", "90030001")).status());

        Answer failed = eventually(() -> service.refresh(id), a -> "FAILED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("FAILED", failed.text("status"), failed.body());
        assertEquals("PROVIDER_REJECTED", failed.json().path("failure").path("code").asText());
        assertEquals("REJECTED", failed.json().path("failure").path("providerCode").asText());

        // a final status never changes
        assertEquals("FAILED", service.refresh(id).text("status"));
    }

    @Test
    void theCreatesAnswerShowsTheTimesTheStoreKeeps() {
        // the store keeps milliseconds; with a finer clock about every other answer was 1 ms off (2^-20 to miss it)
        for (int i = 0; i < 20; i++) {
            Answer created = service.post("TIMES-" + i, Payouts.seed("aopay"));
            Answer read = service.get("TIMES-" + i);
            assertEquals(created.text("createdAt"), read.text("createdAt"), created.body());
            assertEquals(created.text("updatedAt"), read.text("updatedAt"), created.body());
        }
    }

    @Test
    void anUnknownPayoutIs404() {
        Answer missing = service.get("NO-SUCH-PAYOUT");
        assertEquals(404, missing.status());
        assertNotNull(missing.json().path("title").asText(null));
    }

    @Test
    void theApiDescribesItself() {
        Answer openApi = RunningService.send(HttpRequest.newBuilder(URI.create(service.url("/api/openapi.yaml"))).build());
        assertEquals(200, openApi.status());
        assertTrue(openApi.body().contains("/payouts/{payoutId}"));
        Answer schema = RunningService.send(HttpRequest.newBuilder(
                URI.create(service.url("/api/payout-request.schema.json"))).build());
        assertEquals(200, schema.status());
        assertEquals("Payout request", schema.json().path("title").asText());
    }
}
