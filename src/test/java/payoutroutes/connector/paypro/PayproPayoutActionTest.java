package payoutroutes.connector.paypro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
import payoutroutes.connector.paypro.PayproSigner.SecretPosition;

/**
 * The {@code paypro-payout-action} Kamelet on its own against a stub of paypro: every call a POST signed over
 * the very text that is sent, with the merchantNo header and nothing else of ours; paypro's two layers of
 * codes read as outcomes; failures as NO_ANSWER or NOT_SENT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayproPayoutActionTest extends KameletTestSupport {

    private static final String PAY_OUT = "POST /v1/paypro/payOut";
    private static final String QUERY = "POST /v1/paypro/queryPayOutResult";
    private static final String SECRET = "app-s3cret";

    private final StubProvider paypro = StubProvider.start();

    @AfterAll
    void stopPaypro() {
        paypro.close();
    }

    @BeforeEach
    void payproTakesPayouts() {
        paypro.reset();
        paypro.answer(PAY_OUT, request -> Reply.json(200, answer(request, "0000", "0015")));
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:paypro").to("kamelet:paypro-payout-action?baseUrl=" + paypro.url()
                        + "&merchantNo=8729248847&appSecret=" + SECRET
                        + "&notificationUrl=http://merchant.example/callbacks/paypro");
                // a provider that holds its answer back is waited for this long
                from("direct:impatient").to("kamelet:paypro-payout-action?baseUrl=" + paypro.url()
                        + "&merchantNo=8729248847&appSecret=" + SECRET + "&timeoutMs=300");
                from("direct:unreachable").to("kamelet:paypro-payout-action?baseUrl=http://127.0.0.1:1"
                        + "&merchantNo=8729248847&appSecret=" + SECRET);
            }
        };
    }

    /** paypro's answer about the order the request names: outer code, and data.status when given. */
    private static String answer(StubProvider.Request request, String code, String status) {
        String tradeNo = fields(request).get("tradeNo");
        return status == null ? "{\"code\":\"" + code + "\",\"msg\":\"refused\",\"success\":false}" : """
                {"code":"%s","msg":"success","success":true,"timestamp":1763722648313,
                 "data":{"tradeNo":"%s","platFormTradeNo":"PF-%s","status":"%s","desc":"order %s"}}"""
                .formatted(code, tradeNo, tradeNo, status, status);
    }

    private static Map<String, String> fields(StubProvider.Request request) {
        return PayproSigner.fieldTexts(request.body().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSigned(StubProvider.Request request) {
        Map<String, String> fields = fields(request);
        assertEquals(PayproSigner.sign(fields, SECRET, SecretPosition.APPEND), fields.get("sign"),
                "signed over the text sent: " + request.body());
    }

    private Exchange create(String payoutId, String canonical) {
        return call("direct:paypro", "create", payout(payoutId, canonical));
    }

    private Exchange status(String payoutId) {
        return status("direct:paypro", payoutId);
    }

    private Exchange status(String endpoint, String payoutId) {
        return call(endpoint, "status", payout(payoutId, Payouts.seed("paypro", "100000", "IDR", "11223344")));
    }

    @Test
    void aPayOutIsSignedOverTheTextSentWithTheMerchantNoHeaderOnly() {
        long before = System.currentTimeMillis();
        Exchange reply = call("direct:paypro", "create",
                payout("PAYPRO-1", Payouts.seed("paypro", "100000", "IDR", "11223344")),
                Map.of("Authorization", "Bearer merchant-token"));
        long after = System.currentTimeMillis();

        JsonNode outcome = outcome(reply);
        assertEquals("PROCESSING", outcome.path("status").asText());
        assertEquals("PF-PAYPRO-1", outcome.path("providerReference").asText());
        assertNothingLeftBehind(reply);

        StubProvider.Request request = paypro.requests(PAY_OUT).get(0);
        assertSigned(request);
        Map<String, String> fields = fields(request);
        assertEquals("PAYPRO-1", fields.get("tradeNo"));
        assertEquals("100000", fields.get("amount"));
        assertTrue(request.body().contains("\"amount\":100000,"), "a JSON integer: " + request.body());
        assertEquals("Test account", fields.get("customerName"));
        assertEquals("6281245907765", fields.get("mobile"));
        assertEquals("customer@test.com", fields.get("email"));
        assertEquals("11223344", fields.get("bankAccountNo"));
        assertEquals("BNK_000", fields.get("bankCode"));
        assertEquals("http://merchant.example/callbacks/paypro", fields.get("notifyUrl"));
        assertEquals("Payout for order 1234", fields.get("remark"));
        long timestamp = Long.parseLong(fields.get("timestamp"));
        assertTrue(timestamp >= before && timestamp <= after, "milliseconds of the call: " + timestamp);
        assertEquals("8729248847", request.header("merchantNo"));
        assertEquals(Set.of(), Set.copyOf(request.headers().keySet().stream().filter(h -> !Set.of("merchantno",
                "accept", "content-type", "content-length", "host", "connection", "user-agent", "accept-encoding")
                .contains(h)).toList()), "unexpected headers reached paypro");
    }

    @Test
    void theQueryIsASignedPostOfTradeNoAndTimestamp() {
        paypro.answer(QUERY, request -> Reply.json(200, answer(request, "0000", "0000")));

        Exchange reply = status("PAYPRO-2");

        assertEquals("SUCCEEDED", outcome(reply).path("status").asText());
        StubProvider.Request request = paypro.requests(QUERY).get(0);
        assertSigned(request);
        assertEquals(Set.of("tradeNo", "timestamp", "sign"), fields(request).keySet());
        assertEquals("PAYPRO-2", fields(request).get("tradeNo"));
        assertEquals("8729248847", request.header("merchantNo"));
        assertNothingLeftBehind(reply);
    }

    /** What a payOut answer says, line by line of paypro's code tables (null data.status: the call was refused). */
    @ParameterizedTest(name = "code {0}, data.status {1}: {2} {3}")
    @CsvSource({
        "0000, 0000,    ANSWERED,  SUCCEEDED,",
        "0000, 0015,    ANSWERED,  PROCESSING,",
        "0000, 0100019, ANSWERED,  FAILED,     0100019",
        "0000, 00032,   NO_ANSWER, ,",
        "5000, ,        NO_ANSWER, ,",
        "1006, ,        ANSWERED,  FAILED,     1006"})
    void everyLineOfTheCodeTableOnAPayOut(String code, String status, String kind, String canonical,
                                          String providerCode) {
        paypro.answer(PAY_OUT, request -> Reply.json(200, answer(request, code, status)));

        JsonNode outcome = outcome(create("CODE-" + code + "-" + status, Payouts.seed("paypro", "100000", "IDR", "1")));

        assertEquals(kind, outcome.path("outcome").asText(), outcome.toString());
        assertEquals(canonical, outcome.path("status").asText(null));
        assertEquals(providerCode, outcome.path("failure").path("providerCode").asText(null));
        assertEquals(1, paypro.requests(PAY_OUT).size());
    }

    @Test
    void aQueryAnsweredWithAnUnknownErrorOrNotInTimeTeachesNothing() {
        paypro.answer(QUERY, request -> fields(request).get("tradeNo").equals("STAYS-00032")
                ? Reply.json(200, answer(request, "0000", "00032")) : Reply.hold());

        assertEquals("NO_ANSWER", outcome(status("STAYS-00032")).path("outcome").asText());
        assertEquals("NO_ANSWER", outcome(status("direct:impatient", "SLOW-QUERY")).path("outcome").asText());
    }

    @Test
    void aPayOutThatTimesOutOrFailsOnTheServerHasNoAnswer() {
        paypro.once(PAY_OUT, Reply.hold());
        paypro.once(PAY_OUT, Reply.json(500, "<html>busy</html>"));

        Exchange timedOut = call("direct:impatient", "create", payout("SLOW-1", Payouts.seed("paypro", "100000", "IDR", "1")));
        Exchange serverError = create("FIVE-HUNDRED-1", Payouts.seed("paypro", "100000", "IDR", "1"));

        assertEquals("NO_ANSWER", outcome(timedOut).path("outcome").asText());
        assertEquals("NO_ANSWER", outcome(serverError).path("outcome").asText());
        assertEquals(2, paypro.requests(PAY_OUT).size(), "each sent once, never again");
        assertNothingLeftBehind(timedOut);
    }

    @Test
    void aPayOutAnswered503IsSentOnceTheHttpClientNeverResendsIt() {
        paypro.answer(PAY_OUT, 503, "<html>busy</html>");

        assertEquals("NO_ANSWER", outcome(create("BUSY-1", Payouts.seed("paypro", "100000", "IDR", "1")))
                .path("outcome").asText());
        assertEquals(1, paypro.requests(PAY_OUT).size(), "a resent payOut could pay twice");
    }

    @Test
    void aFractionOfARupiahIsNeverSentNorRounded() {
        Exchange reply = create("FRACTION-1", Payouts.seed("paypro", "100000.50", "IDR", "1"));

        assertEquals("NOT_SENT", outcome(reply).path("outcome").asText());
        assertEquals(List.of(), paypro.requests());
        assertNothingLeftBehind(reply);
    }

    @Test
    void aRefusedConnectionMeansThePayoutNeverLeft() {
        Exchange reply = call("direct:unreachable", "create",
                payout("DOWN-1", Payouts.seed("paypro", "100000", "IDR", "1")));

        assertEquals("NOT_SENT", outcome(reply).path("outcome").asText());
        assertNothingLeftBehind(reply);
    }
}
