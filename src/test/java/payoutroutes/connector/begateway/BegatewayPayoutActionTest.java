package payoutroutes.connector.begateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import payoutroutes.Payouts;
import payoutroutes.connector.KameletTestSupport;
import payoutroutes.connector.StubProvider;
import payoutroutes.connector.StubProvider.Reply;
import payoutroutes.model.Json;

/**
 * The {@code begateway-payout-action} Kamelet on its own against a stub of beGateway's APM API: the request on
 * the wire (HTTP Basic with the shop's credentials, amounts as integers in minor units, our payoutId as
 * tracking_id), the status query by tracking_id, and how answers and failures become outcomes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BegatewayPayoutActionTest extends KameletTestSupport {

    private static final String CREATE = "POST /transactions/payouts";
    private static final String SHOP = "Basic MToxMjNuZXc="; // 1:123new, the research notes' worked example

    private final StubProvider apm = StubProvider.start();

    @AfterAll
    void stopApm() {
        apm.close();
    }

    @BeforeEach
    void apmTakesPayouts() {
        apm.reset();
        apm.answer(CREATE, 200, "{\"transaction\":" + BegatewayConnectorTest.transaction("pending", "Payout is pending")
                + "}");
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:overpay").to("kamelet:begateway-payout-action?baseUrl=" + apm.url()
                        + "&shopId=1&secretKey=123new&notificationUrl=http://merchant.example/callbacks/overpay");
                // a provider that holds its answer back is waited for this long
                from("direct:impatient").to("kamelet:begateway-payout-action?baseUrl=" + apm.url()
                        + "&shopId=1&secretKey=123new&timeoutMs=300");
                from("direct:unreachable").to("kamelet:begateway-payout-action?baseUrl=http://127.0.0.1:1"
                        + "&shopId=1&secretKey=123new");
            }
        };
    }

    private Exchange create(String payoutId, String canonical) {
        return call("direct:overpay", "create", payout(payoutId, canonical));
    }

    private Exchange status(String payoutId) {
        return call("direct:overpay", "status", payout(payoutId, Payouts.seed("overpay")));
    }

    private JsonNode sent(int index) throws Exception {
        return Json.MAPPER.readTree(apm.requests(CREATE).get(index).body());
    }

    @Test
    void aCreatePostsTheApmRequestWithTheShopsCredentials() throws Exception {
        Exchange reply = create("TST-223344", Payouts.seed("overpay"));

        JsonNode outcome = outcome(reply);
        assertEquals("ANSWERED", outcome.path("outcome").asText());
        assertEquals("PROCESSING", outcome.path("status").asText());
        assertEquals("8f1c1a2e-0000-4000-8000-000000000001", outcome.path("providerReference").asText(),
                "the transaction's uid is the reference");
        assertNothingLeftBehind(reply);

        StubProvider.Request request = apm.requests(CREATE).get(0);
        assertEquals(SHOP, request.header("Authorization"));
        assertEquals("application/json", request.header("Accept"));
        assertEquals(Json.MAPPER.readTree("""
                {"request":{"amount":10000,"currency":"IDR","description":"Payout for order 1234",
                "tracking_id":"TST-223344","notification_url":"http://merchant.example/callbacks/overpay","test":false,
                "customer":{"first_name":"Test","last_name":"Account","email":"customer@test.com","country":"ID",
                "city":"Jakarta","zip":"10210","address":"Jl. Sudirman 1","phone":"6281245907765"},
                "method":{"type":"bank_transfer","account_holder":"Test account","account_number":"11223344",
                "bank_code":"BNK_000"}}}"""), Json.MAPPER.readTree(request.body()));
    }

    @ParameterizedTest(name = "{0} {1} travels as {2}")
    @CsvSource({"32.45, USD, 3245", "'\"42\"', USD, 4200", "500, JPY, 500", "1.234, KWD, 1234", "10000, IDR, 10000"})
    void amountsTravelAsIntegersInMinorUnits(String amount, String currency, long minorUnits) throws Exception {
        create("AMOUNT-" + currency, Payouts.seed("overpay", amount, currency, "11223344"));

        JsonNode request = sent(0).path("request");
        assertEquals(minorUnits, request.path("amount").longValue());
        assertEquals(true, request.path("amount").isIntegralNumber());
        assertEquals(currency, request.path("currency").asText());
    }

    @Test
    void anAmountTheCurrencyCanNotCarryIsNeverSentNorRounded() {
        Exchange cents = create("FINE-USD", Payouts.seed("overpay", "10.001", "USD", "11223344"));
        Exchange rupiah = create("FINE-IDR", Payouts.seed("overpay", "10000.50", "IDR", "11223344"));

        assertEquals("NOT_SENT", outcome(cents).path("outcome").asText());
        assertEquals("NOT_SENT", outcome(rupiah).path("outcome").asText());
        assertEquals(List.of(), apm.requests());
        assertNothingLeftBehind(cents);
    }

    @Test
    void theCallersHeadersNeverReachTheProvider() {
        Exchange reply = call("direct:overpay", "create", payout("HEADERS-1", Payouts.seed("overpay")),
                Map.of("Authorization", "Bearer merchant-token", "X-Merchant-Secret", "s3cr3t"));

        assertEquals("PROCESSING", outcome(reply).path("status").asText());
        StubProvider.Request request = apm.requests(CREATE).get(0);
        assertEquals(SHOP, request.header("Authorization"), "the shop's credentials replaced the merchant's");
        assertEquals(Set.of(), Set.copyOf(request.headers().keySet().stream().filter(h -> !Set.of("authorization",
                "content-type", "accept", "content-length", "host", "connection", "user-agent", "accept-encoding")
                .contains(h)).toList()), "unexpected headers reached the provider");
        assertNull(reply.getMessage().getHeader("Authorization"), "whatever comes after the call could forward it");
    }

    @Test
    void aStatusQueryAsksByTrackingIdAndAnEmptyListIsNotFound() {
        apm.answer("GET /transactions/tracking_id/STATUS-1", 200, "{\"transactions\":["
                + BegatewayConnectorTest.transaction("successful", "Payout is successful") + "]}");
        apm.answer("GET /transactions/tracking_id/STATUS-2", 200, "{\"transactions\":[]}");

        Exchange settled = status("STATUS-1");

        assertEquals("SUCCEEDED", outcome(settled).path("status").asText());
        assertEquals(SHOP, apm.requests("GET /transactions/tracking_id/STATUS-1").get(0).header("Authorization"));
        assertNothingLeftBehind(settled);
        assertEquals("NOT_FOUND", outcome(status("STATUS-2")).path("outcome").asText());
    }

    @Test
    void refusedCredentialsFailThePayoutOnOurCredentials() {
        apm.answer(CREATE, 401, "{\"message\":\"Invalid shop_id/secret_key.\",\"errors\":{}}");

        JsonNode outcome = outcome(create("BAD-CREDENTIALS-1", Payouts.seed("overpay")));

        assertEquals("FAILED", outcome.path("status").asText());
        assertEquals("PROVIDER_AUTHENTICATION", outcome.path("failure").path("code").asText());
        assertEquals(1, apm.requests(CREATE).size());
    }

    @Test
    void aRefusedPayoutFailsNamingTheProvidersFieldErrors() {
        apm.answer(CREATE, 422, "{\"message\":\"Unprocessable entity\",\"errors\":{\"request\":{\"customer\":"
                + "{\"country\":[\"is missing\"]}}}}");

        JsonNode failure = outcome(create("REFUSED-1", Payouts.seed("overpay"))).path("failure");

        assertEquals("PROVIDER_REJECTED", failure.path("code").asText());
        assertEquals("422", failure.path("providerCode").asText());
        assertEquals("Unprocessable entity: request.customer.country is missing", failure.path("message").asText());
    }

    @Test
    void aCreateThatTimesOutOrFailsOnTheServerHasNoAnswer() {
        apm.once(CREATE, Reply.hold());
        apm.once(CREATE, Reply.json(500, "{\"message\":\"Internal server error\"}"));

        Exchange timedOut = call("direct:impatient", "create", payout("SLOW-1", Payouts.seed("overpay")));
        Exchange serverError = call("direct:impatient", "create", payout("FIVE-HUNDRED-1", Payouts.seed("overpay")));

        assertEquals("NO_ANSWER", outcome(timedOut).path("outcome").asText());
        assertEquals("NO_ANSWER", outcome(serverError).path("outcome").asText());
        assertEquals(2, apm.requests(CREATE).size(), "each sent once, never again");
        assertNothingLeftBehind(timedOut);
    }

    @Test
    void aRedirectedCreateIsAnAnswerNotAHopAndNeverTakenForUnsent() {
        // followed, the redirect would end in a refused connection: "never left", and the payout sent again
        apm.answer(CREATE, request -> StubProvider.Reply.redirect(303, "http://127.0.0.1:1/elsewhere"));

        assertEquals("NO_ANSWER", outcome(create("MOVED-1", Payouts.seed("overpay"))).path("outcome").asText());
        assertEquals(1, apm.requests(CREATE).size());
    }

    @Test
    void aCreateAnswered503IsSentOnceTheHttpClientNeverResendsIt() {
        apm.answer(CREATE, 503, "{\"message\":\"Service unavailable\"}");

        assertEquals("NO_ANSWER", outcome(create("BUSY-1", Payouts.seed("overpay"))).path("outcome").asText());
        assertEquals(1, apm.requests(CREATE).size(), "a resent create could pay twice");
    }

    @Test
    void aStatusQueryThatTimesOutHasNoAnswer() {
        apm.answer("GET /transactions/tracking_id/SLOW-2", request -> Reply.hold());

        assertEquals("NO_ANSWER", outcome(call("direct:impatient", "status", payout("SLOW-2", Payouts.seed("overpay"))))
                .path("outcome").asText());
    }

    @Test
    void aRefusedConnectionMeansThePayoutNeverLeft() {
        Exchange reply = call("direct:unreachable", "create", payout("DOWN-1", Payouts.seed("overpay")));

        assertEquals("NOT_SENT", outcome(reply).path("outcome").asText());
        assertNothingLeftBehind(reply);
    }
}
