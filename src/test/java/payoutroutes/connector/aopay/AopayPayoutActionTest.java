package payoutroutes.connector.aopay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.Payouts;
import payoutroutes.connector.KameletTestSupport;
import payoutroutes.connector.StubProvider;
import payoutroutes.connector.StubProvider.Reply;
import payoutroutes.model.Json;

/**
 * The {@code aopay-payout-action} Kamelet on its own against a stub of the platform: what goes on the wire
 * (a token per payout, scoped to it, then the payout), how answers and failures become outcomes, and that
 * nothing of the call outlives it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AopayPayoutActionTest extends KameletTestSupport {

    /** A provider that holds its answer back is waited for this long, by the impatient route only. */
    private static final String IMPATIENT_MS = "300";
    private final StubProvider platform = StubProvider.start();
    private final List<String> issued = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterAll
    void stopPlatform() {
        platform.close();
    }

    @BeforeEach
    void platformIssuesTokens() {
        platform.reset();
        issued.clear();
        platform.answer("POST /auth-tokens", request -> Reply.json(200, "{\"token\":\"" + token() + "\"}"));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:aopay").to("kamelet:aopay-payout-action?baseUrl=" + platform.url()
                        + "&merchantCode=M-1&secret=s3cret&notificationUrl=http://merchant.example/callbacks/aopay");
                from("direct:impatient").to("kamelet:aopay-payout-action?baseUrl=" + platform.url()
                        + "&merchantCode=M-1&secret=s3cret&timeoutMs=" + IMPATIENT_MS);
                from("direct:unreachable").to("kamelet:aopay-payout-action?baseUrl=http://127.0.0.1:1"
                        + "&merchantCode=M-1&secret=s3cret");
            }
        };
    }

    /** A JWT as the platform issues it, each one different, valid for ten minutes. */
    private String token() {
        String token = JWT.create().withClaim("n", issued.size() + 1).withExpiresAt(Instant.now().plusSeconds(600))
                .sign(Algorithm.HMAC256("platform-key"));
        issued.add(token);
        return token;
    }

    private static String echo(String payoutId) {
        return """
                {"paymentRequested":{"money":{"amount":10000,"currencyCode":"IDR"}},
                 "paymentMethodResponse":{"paymentMethodCode":"BANK_TRANSFER","idPayout":"%s"}}""".formatted(payoutId);
    }

    private static String settled(String payoutId, String status) {
        return """
                {"process":{"status":"%s"},"fee":{"amount":0.1,"currencyCode":"USD"},
                 "paymentMethodResponse":{"paymentMethodCode":"BANK_TRANSFER","idPayout":"%s"}}"""
                .formatted(status, payoutId);
    }

    private Exchange create(String payoutId) {
        return call("direct:aopay", "create", payout(payoutId, Payouts.seed("aopay")));
    }

    @Test
    void aCreateAsksForATokenScopedToThePayoutThenSendsIt() throws Exception {
        platform.answer("POST /payouts/A-1", 200, echo("A-1"));

        Exchange reply = create("A-1");

        JsonNode outcome = outcome(reply);
        assertEquals("ANSWERED", outcome.path("outcome").asText());
        assertEquals("PROCESSING", outcome.path("status").asText());
        assertEquals("A-1", outcome.path("providerReference").asText());
        assertNothingLeftBehind(reply);

        List<StubProvider.Request> sent = platform.requests();
        assertEquals(List.of("POST /auth-tokens", "POST /payouts/A-1"),
                sent.stream().map(r -> r.method() + " " + r.path()).toList());
        StubProvider.Request tokenCall = sent.get(0);
        assertEquals("2", tokenCall.header("X-API-Version"));
        assertEquals(Json.MAPPER.readTree("""
                {"merchantCode":"M-1","secret":"s3cret","validitySecs":600,
                 "operations":["POST /payouts/A-1","GET /payouts/A-1"]}"""), Json.MAPPER.readTree(tokenCall.body()));
        StubProvider.Request create = sent.get(1);
        assertEquals("Bearer " + issued.get(0), create.header("Authorization"));
        assertEquals("2", create.header("X-API-Version"));
        assertEquals(Json.MAPPER.readTree("""
                {"paymentRequested":{"money":{"amount":10000,"currencyCode":"IDR"}},
                 "paymentMethod":{"paymentMethodCode":"BANK_TRANSFER","account":{"accountName":"Test account",
                 "accountNumber":"11223344"},"paymentOperatorCode":"BNK_000","emailAddress":"customer@test.com"},
                 "callbackUrl":"http://merchant.example/callbacks/aopay?payoutId=A-1"}"""),
                Json.MAPPER.readTree(create.body()));
    }

    @Test
    void theCallersHeadersNeverReachThePlatform() {
        platform.answer("POST /payouts/A-2", 200, echo("A-2"));

        Exchange reply = call("direct:aopay", "create", payout("A-2", Payouts.seed("aopay")),
                Map.of("Authorization", "Bearer merchant-token", "X-Merchant-Secret", "s3cr3t"));

        assertEquals("PROCESSING", outcome(reply).path("status").asText());
        StubProvider.Request create = platform.requests("POST /payouts/A-2").get(0);
        assertNull(create.header("X-Merchant-Secret"));
        assertTrue(create.header("Authorization").startsWith("Bearer ey"), "the payout's token, not the merchant's");
        assertNothingLeftBehind(reply);
    }

    @Test
    void aStatusQueryReusesThePayoutsTokenAndMapsTheAnswer() {
        platform.answer("POST /payouts/A-3", 200, echo("A-3"));
        platform.answer("GET /payouts/A-3", 200, settled("A-3", "SUCCESS"));
        create("A-3");

        Exchange reply = call("direct:aopay", "status", payout("A-3", Payouts.seed("aopay")));

        JsonNode outcome = outcome(reply);
        assertEquals("SUCCEEDED", outcome.path("status").asText());
        assertEquals("0.1", outcome.path("fee").path("value").asText());
        assertEquals("USD", outcome.path("fee").path("currency").asText());
        assertEquals(1, platform.requests("POST /auth-tokens").size(), "the status query reuses the token");
        assertEquals(platform.requests("POST /payouts/A-3").get(0).header("Authorization"),
                platform.requests("GET /payouts/A-3").get(0).header("Authorization"));
        assertNothingLeftBehind(reply);
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndThePayoutSentAgain() {
        platform.once("POST /payouts/A-4", Reply.json(401, "{\"message\":\"token expired\"}"));
        platform.answer("POST /payouts/A-4", 200, echo("A-4"));

        JsonNode outcome = outcome(create("A-4"));

        assertEquals("PROCESSING", outcome.path("status").asText());
        assertEquals(2, platform.requests("POST /auth-tokens").size(), "one fresh token after the 401");
        List<StubProvider.Request> creates = platform.requests("POST /payouts/A-4");
        assertEquals(2, creates.size());
        assertEquals("Bearer " + issued.get(1), creates.get(1).header("Authorization"));
        assertEquals(creates.get(0).body(), creates.get(1).body(), "the same payout, not another");
    }

    @Test
    void aTokenRefusedAgainFailsThePayoutOnOurCredentials() {
        platform.answer("POST /payouts/A-5", 401, "{\"message\":\"invalid token\"}");

        JsonNode outcome = outcome(create("A-5"));

        assertEquals("FAILED", outcome.path("status").asText());
        assertEquals("PROVIDER_AUTHENTICATION", outcome.path("failure").path("code").asText());
        assertEquals(2, platform.requests("POST /payouts/A-5").size(), "renewed once, never more");
    }

    @Test
    void refusedCredentialsFailThePayoutWithoutSendingIt() {
        platform.answer("POST /auth-tokens", 401, "{\"message\":\"bad merchant\"}");

        Exchange reply = create("A-6");

        assertEquals("PROVIDER_AUTHENTICATION", outcome(reply).path("failure").path("code").asText());
        assertEquals(0, platform.requests("POST /payouts/A-6").size());
        assertNothingLeftBehind(reply);
    }

    @Test
    void noTokenMeansThePayoutNeverLeft() {
        platform.answer("POST /auth-tokens", 503, "");

        Exchange reply = create("A-7");

        assertEquals("NOT_SENT", outcome(reply).path("outcome").asText());
        assertEquals(1, platform.requests("POST /auth-tokens").size(), "asked once, not again by the HTTP client");
        assertEquals(0, platform.requests("POST /payouts/A-7").size());
        assertNothingLeftBehind(reply);
    }

    @Test
    void aCreateThatTimesOutHasNoAnswerAndIsNeverRepeated() {
        platform.answer("POST /payouts/A-8", request -> Reply.hold());

        Exchange reply = call("direct:impatient", "create", payout("A-8", Payouts.seed("aopay")));

        assertEquals("NO_ANSWER", outcome(reply).path("outcome").asText());
        assertEquals(1, platform.requests("POST /payouts/A-8").size());
        assertNothingLeftBehind(reply);
    }

    @Test
    void aServerErrorOrGarbageHasNoAnswer() {
        platform.answer("POST /payouts/A-9", 500, "{\"message\":\"oops\"}");
        platform.answer("POST /payouts/A-10", 200, "<html>gateway</html>");
        platform.answer("GET /payouts/A-10", 503, "");

        assertEquals("NO_ANSWER", outcome(create("A-9")).path("outcome").asText());
        assertEquals("NO_ANSWER", outcome(create("A-10")).path("outcome").asText());
        assertEquals("NO_ANSWER", outcome(call("direct:aopay", "status", payout("A-10", Payouts.seed("aopay"))))
                .path("outcome").asText());
    }

    @Test
    void aCreateAnswered503IsSentOnceTheHttpClientNeverResendsIt() {
        platform.answer("POST /payouts/A-14", 503, "{\"message\":\"busy\"}");

        assertEquals("NO_ANSWER", outcome(create("A-14")).path("outcome").asText());
        assertEquals(1, platform.requests("POST /payouts/A-14").size(), "a resent create could pay twice");
    }

    @Test
    void aPayoutThePlatformDoesNotHaveIsNotFound() {
        platform.answer("GET /payouts/A-11", 404, "{\"message\":\"not found\"}");

        JsonNode outcome = outcome(call("direct:aopay", "status", payout("A-11", Payouts.seed("aopay"))));

        assertEquals("NOT_FOUND", outcome.path("outcome").asText());
    }

    @Test
    void aRefusedConnectionMeansThePayoutNeverLeft() {
        Exchange reply = call("direct:unreachable", "create", payout("A-12", Payouts.seed("aopay")));

        assertEquals("NOT_SENT", outcome(reply).path("outcome").asText());
        assertNothingLeftBehind(reply);
    }

    @Test
    void aCallThatCanNotBeReadIsNeverSent() {
        Exchange noOperation = call("direct:aopay", null, payout("A-13", Payouts.seed("aopay")));
        Exchange noPayout = call("direct:aopay", "create", "{\"amount\": 1}");

        assertEquals("NOT_SENT", outcome(noOperation).path("outcome").asText());
        assertEquals("NOT_SENT", outcome(noPayout).path("outcome").asText());
        assertEquals(List.of(), platform.requests());
        assertNothingLeftBehind(noOperation);
    }
}
