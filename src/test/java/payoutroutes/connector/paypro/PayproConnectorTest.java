package payoutroutes.connector.paypro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import payoutroutes.Payouts;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutJson;
import payoutroutes.model.PayoutRequest;
import payoutroutes.model.PayoutStatus;
import payoutroutes.connector.NotificationAction.Notification;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.model.ProviderOutcome;
import payoutroutes.connector.paypro.PayproSigner.SecretPosition;

/** paypro's connector parts: the request it builds and signs, its two layers of codes, its notifications. */
class PayproConnectorTest {

    private static final long NOW = 1732985021335L;

    /** As application.properties configures paypro, with the research notes' synthetic secret. */
    private final PayproSettings configured = action("append", "http://localhost:8080/callbacks/paypro", NOW).settings();
    /** paypro's provider settings for the service's 422 check: as configured, and with nothing configured. */
    private static final Map<String, String> CONFIGURED = Map.of("currencies", "IDR", "currency-exponents", "IDR:0");
    private static final Map<String, String> BARE = Map.of();
    private final PayproFamily family = new PayproFamily();
    private final PayproNotificationAction notifications = notificationAction();

    private static PayproNotificationAction notificationAction() {
        PayproNotificationAction action = new PayproNotificationAction();
        action.setAppSecret("TESTSECRET");
        return action;
    }

    private static PayproPayoutAction action(String secretPosition, String notifyUrl, long now) {
        PayproPayoutAction action = new PayproPayoutAction(Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
        action.setMerchantNo("8729248847");
        action.setAppSecret("TESTSECRET");
        action.setSecretPosition(secretPosition);
        action.setNotificationUrl(notifyUrl);
        return action;
    }

    private static List<String> cannotTake(PayproFamily family, PayoutRequest request, Map<String, String> settings) {
        return family.cannotTake(request, key -> java.util.Optional.ofNullable(settings.get(key)));
    }

    private static PayoutRequest request(String json) {
        try {
            return PayoutJson.request(Json.MAPPER.readTree(json), "TST-223344", null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PayoutRequest seed(String amount) {
        return request(Payouts.seed("paypro", amount, "IDR", "11223344"));
    }

    /** The payout of the research notes' worked example (section C), as a canonical payout. */
    private static final String WORKED_EXAMPLE = """
            {"payoutId": "39fa354542824ee789faf526f27c024f", "provider": "paypro",
             "amount": {"value": 100000, "currency": "IDR"}, "method": "BANK_TRANSFER",
             "beneficiary": {"name": "kevin", "accountNumber": "5464438554636", "bankCode": "0002",
                             "email": "kevin@example.com", "phone": "6281245907765"},
             "description": "remark"}""";

    /** Runs the Kamelet's request and sign steps on a canonical payout, as the route does. */
    private static Exchange signedRequest(PayproPayoutAction action, String operation, String canonicalJson) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("PayoutOperation", operation);
        exchange.getMessage().setBody(canonicalJson);
        action.request(exchange);
        action.sign(exchange);
        return exchange;
    }

    // ------------------------------------------------------------------ request

    @Test
    void theCanonicalSeedBecomesThePayOutBody() {
        assertEquals("""
                {"timestamp":1732985021335,"tradeNo":"TST-223344","amount":100000,"customerName":"Test account",\
                "mobile":"6281245907765","email":"customer@test.com","bankAccountNo":"11223344","bankCode":"BNK_000",\
                "notifyUrl":"http://localhost:8080/callbacks/paypro","remark":"Payout for order 1234"}""",
                PayproRequests.payOutBody(seed("100000"), configured, NOW).toString());
    }

    @Test
    void theAmountIsAJsonIntegerHoweverTheMerchantWroteIt() {
        assertEquals("100000", PayproRequests.payOutBody(seed("\"100000.00\""), configured, NOW).get("amount").toString());
        assertEquals("100000", PayproRequests.payOutBody(seed("1E+5"), configured, NOW).get("amount").toString());
        assertThrows(IllegalArgumentException.class, () -> PayproRequests.payOutBody(seed("100000.50"), configured, NOW));
    }

    @Test
    void withoutADescriptionThereIsNoRemark() {
        PayoutRequest quiet = request(Payouts.seed("paypro").replace("\"description\": \"Payout for order 1234\",", ""));
        assertTrue(PayproRequests.payOutBody(quiet, configured, NOW).path("remark").isMissingNode());
    }

    @Test
    void theCreateIsAPostSignedAsTheWorkedExampleWithTheMerchantNoHeaderOnly() throws Exception {
        Exchange exchange = signedRequest(action("append", "https://google.com", NOW), "create", WORKED_EXAMPLE);

        var message = exchange.getMessage();
        assertEquals("POST", message.getHeader(Exchange.HTTP_METHOD));
        assertEquals("/v1/paypro/payOut", message.getHeader(Exchange.HTTP_PATH));
        assertEquals("8729248847", message.getHeader("merchantNo"));
        assertEquals("application/json", message.getHeader(Exchange.CONTENT_TYPE));
        JsonNode json = Json.MAPPER.readTree(message.getBody(String.class));
        assertTrue(json.get("amount").isIntegralNumber(), json.toString());
        // md5(S + secret) of the research notes' worked example
        assertEquals("278d2f5c8c37f2f8d6814382773b2291", json.get("sign").asText());
    }

    @Test
    void theQueryIsASignedPostOfTradeNoAndTimestamp() {
        Exchange exchange = signedRequest(action("append", null, 1728613320708L), "status",
                "{\"payoutId\": \"test_00000002\", \"provider\": \"paypro\"}");

        assertEquals("/v1/paypro/queryPayOutResult", exchange.getMessage().getHeader(Exchange.HTTP_PATH));
        assertEquals("{\"tradeNo\":\"test_00000002\",\"timestamp\":\"1728613320708\","
                + "\"sign\":\"97d8b2b6b81942d1ed0359930c10bda1\"}", exchange.getMessage().getBody(String.class));
    }

    @Test
    void thePrependedSecretIsUsedWhenConfigured() throws Exception {
        Exchange exchange = signedRequest(action("prepend", "https://google.com", NOW), "create", WORKED_EXAMPLE);
        // md5(secret + S), the prepend variant of the worked example
        assertEquals("3fcf97fd950bc399a26cae048982bd2b",
                Json.MAPPER.readTree(exchange.getMessage().getBody(String.class)).get("sign").asText());
    }

    @Test
    void withoutItsSecretNothingIsSigned() {
        PayproPayoutAction noSecret = action("append", null, NOW);
        noSecret.setAppSecret(null);
        assertThrows(RuntimeException.class, () -> signedRequest(noSecret, "status",
                "{\"payoutId\": \"T\", \"provider\": \"paypro\"}"));
    }

    // ------------------------------------------------------------------ what paypro can take

    @ParameterizedTest
    @ValueSource(strings = {"081245907765", "6281245907765", "0812345678", "6281234567", "0812345678901"})
    void indonesianMobileNumbersAreTaken(String phone) {
        assertEquals(List.of(), cannotTake(family, request(Payouts.seed("paypro").replace("6281245907765", phone)), CONFIGURED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0712345678", "081234567", "62812345678901", "08123456789012", "6212345678",
        "+6281245907765", "6281245907765123"})
    void otherPhoneNumbersAreRefusedNamingTheField(String phone) {
        List<String> reasons = cannotTake(family, request(Payouts.seed("paypro").replace("6281245907765", phone)), CONFIGURED);
        assertEquals(1, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("beneficiary.phone "), reasons.toString());
    }

    @Test
    void phoneAndEmailAreRequired() {
        String seed = Payouts.seed("paypro");
        assertEquals(List.of("beneficiary.phone is required by paypro"),
                cannotTake(family, request(seed.replace("\"phone\": \"6281245907765\",", "")), CONFIGURED));
        assertEquals(List.of("beneficiary.email is required by paypro"),
                cannotTake(family, request(seed.replace("\"email\": \"customer@test.com\",", "")), CONFIGURED));
    }

    @Test
    void rupiahAndWholeAmountsHoldEvenWithoutConfiguration() {
        PayoutRequest dollars = request(Payouts.seed("paypro", "100", "USD", "11223344"));
        PayoutRequest fraction = seed("100000.50");
        assertTrue(cannotTake(family, dollars, BARE).get(0).startsWith("amount.currency"));
        assertTrue(cannotTake(family, fraction, BARE).get(0).startsWith("amount.value"));
        // configured, the common checks say it already: not twice
        assertEquals(List.of(), cannotTake(family, dollars, CONFIGURED));
        assertEquals(List.of(), cannotTake(family, fraction, CONFIGURED));
    }

    // ------------------------------------------------------------------ the two layers

    @ParameterizedTest
    @CsvSource({"0000, SUCCEEDED", "0015, PROCESSING", "00032, UNKNOWN", "00029, FAILED", "0100019, FAILED",
        "0001, FAILED", "9999, FAILED", "'', FAILED"})
    void orderStatusesMapToCanonical(String status, PayoutStatus canonical) {
        assertEquals(canonical, PayproStatusMapping.orderStatus(status));
    }

    @ParameterizedTest
    @CsvSource({"5000, UNKNOWN", "1002, FAILED", "1003, FAILED", "0001, FAILED"})
    void payOutCallsNotTakenMapToCanonical(String code, PayoutStatus canonical) {
        assertTrue(!PayproStatusMapping.callTaken(code));
        assertEquals(canonical, PayproStatusMapping.refusedCall(code));
    }

    private static String reply(String code, String msg, String data) {
        return "{\"msg\":\"" + msg + "\",\"code\":\"" + code + "\",\"timestamp\":1728609277476,\"success\":"
                + "0000".equals(code) + ",\"data\":" + data + "}";
    }

    private static String data(String status, String desc) {
        return "{\"tradeNo\":\"TST-223344\",\"platFormTradeNo\":\"c167o1itir0fypid\",\"status\":\"" + status
                + "\",\"desc\":\"" + desc + "\",\"remark\":\"11111\"}";
    }

    @Test
    void everyLineOfTheCodeTableOnAPayOut() {
        ProviderOutcome processing = PayproReplies.createOutcome(200, reply("0000", "success", data("0015", "Paying")), "TST-223344");
        assertEquals(PayoutStatus.PROCESSING, processing.status());
        assertEquals("c167o1itir0fypid", processing.providerReference());
        assertNull(processing.failure());

        ProviderOutcome paid = PayproReplies.createOutcome(200, reply("0000", "success", data("0000", "Success")), "TST-223344");
        assertEquals(PayoutStatus.SUCCEEDED, paid.status());
        assertEquals("c167o1itir0fypid", paid.providerReference());

        ProviderOutcome unknownError = PayproReplies.createOutcome(200,
                reply("0000", "success", data("00032", "UNKNOWN_ERROR")), "TST-223344");
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, unknownError.kind());

        ProviderOutcome rejected = PayproReplies.createOutcome(200,
                reply("0000", "success", data("0100019", "PAYEE_DAILY_CUMULATIVE_AMT_REACHED")), "TST-223344");
        assertEquals(PayoutStatus.FAILED, rejected.status());
        assertEquals("PROVIDER_REJECTED", rejected.failure().code());
        assertEquals("0100019", rejected.failure().providerCode());
        assertEquals("PAYEE_DAILY_CUMULATIVE_AMT_REACHED", rejected.failure().message());

        ProviderOutcome systemException = PayproReplies.createOutcome(200,
                reply("5000", "System operation exception", "null"), "TST-223344");
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, systemException.kind());

        ProviderOutcome refused = PayproReplies.createOutcome(200, reply("1002", "sign verification failed", "null"),
                "TST-223344");
        assertEquals(PayoutStatus.FAILED, refused.status());
        assertEquals("1002", refused.failure().providerCode());
        assertEquals("sign verification failed", refused.failure().message());
        assertNull(refused.providerReference());
    }

    @Test
    void aTradeNoPayproHasAlreadyLeavesTheCreateUnknownNeverFailed() {
        String taken = reply("1004", "tradeNo TST-223344 already exists", "null");
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.createOutcome(200, taken, "TST-223344").kind(),
                "paypro has the payout: a query must tell what became of it");
        ProviderOutcome otherCode = PayproReplies.createOutcome(200, reply("1004", "taken", "null"), "TST-223344",
                PayproCodes.of("7777", ""));
        assertEquals(PayoutStatus.FAILED, otherCode.status(), "only the codes configured as 'taken' mean taken");
    }

    @Test
    void aQueryForAnOrderPayproDoesNotHaveIsNotFoundOnlyByAConfiguredCode() {
        String none = reply("1005", "order does not exist", "null");
        assertEquals(ProviderOutcome.Kind.NOT_FOUND,
                PayproReplies.statusOutcome(200, none, "TST-223344", PayproCodes.of("1004", "1005")).kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.statusOutcome(200, none, "TST-223344").kind(),
                "without a code for it, paypro never says not found");
    }

    @Test
    void anAnswerThatIsNotTheTwoLayersLeavesTheCreateUnknown() {
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.createOutcome(500, "<h1>error</h1>", "X").kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER,
                PayproReplies.createOutcome(502, reply("1002", "bad gateway", "null"), "X").kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.createOutcome(200, "", "X").kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.createOutcome(200, "{\"msg\":\"?\"}", "X").kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER,
                PayproReplies.createOutcome(200, reply("0000", "success", "{}"), "X").kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.createOutcome(200,
                reply("0000", "success", data("0000", "Success")), "ANOTHER-PAYOUT").kind(), "about another order");
    }

    @Test
    void aQueryMovesThePayoutOnlyByTheOrdersStatus() {
        String settled = reply("0000", "success", """
                {"tradeNo":"TST-223344","platFormTradeNo":"c167o1itir0fypid","orderAmount":100000,
                 "payAmount":100000,"status":"0000","message":"Success","successTime":"2026-11-21 17:58:28"}""");
        ProviderOutcome paid = PayproReplies.statusOutcome(200, settled, "TST-223344");
        assertEquals(PayoutStatus.SUCCEEDED, paid.status());
        assertEquals("c167o1itir0fypid", paid.providerReference());

        assertEquals(PayoutStatus.PROCESSING, PayproReplies.statusOutcome(200,
                reply("0000", "success", data("0015", "Paying")), "TST-223344").status());
        ProviderOutcome failed = PayproReplies.statusOutcome(200, settled.replace("\"0000\",\"message\":\"Success\"",
                "\"00029\",\"message\":\"REJECTED_TRANSACTION\""), "TST-223344");
        assertEquals(PayoutStatus.FAILED, failed.status());
        assertEquals("00029", failed.failure().providerCode());
        assertEquals("REJECTED_TRANSACTION", failed.failure().message());

        // 00032 never fails a payout and never makes a PROCESSING one UNKNOWN: it leaves it as it is
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.statusOutcome(200,
                reply("0000", "success", data("00032", "UNKNOWN_ERROR")), "TST-223344").kind());
        // an outer code on a query is about the query, not the payout
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.statusOutcome(200,
                reply("1005", "order does not exist", "null"), "TST-223344").kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.statusOutcome(200,
                reply("5000", "System operation exception", "null"), "TST-223344").kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, PayproReplies.statusOutcome(503, "", "TST-223344").kind());
    }

    // ------------------------------------------------------------------ notifications

    private static byte[] signed(String unsigned, String secret) {
        String sign = PayproSigner.sign(PayproSigner.fieldTexts(unsigned.getBytes(StandardCharsets.UTF_8)), secret,
                SecretPosition.APPEND);
        return unsigned.replaceFirst("\\{", "{\"sign\":\"" + sign + "\",").getBytes(StandardCharsets.UTF_8);
    }

    private static final String PAID = """
            {"platFormTradeNo":"5286e98841194687a95d25b5f3be346d","tradeNo":"TST-223344","amount":"30000",
             "status":"0000","message":"Success","successTime":"2026-11-21 17:58:28","timestamp":"1728613320708"}""";

    @Test
    void aSignedNotificationIsBelieved() {
        Notification notification = notifications.verify(Map.of(), signed(PAID, "TESTSECRET"));
        assertEquals("TST-223344", notification.payoutId());
        assertEquals(PayoutStatus.SUCCEEDED, notification.outcome().status());
        assertEquals("5286e98841194687a95d25b5f3be346d", notification.outcome().providerReference());
        assertEquals("OK", family.notificationAnswer());
    }

    @Test
    void anAmountAsANumberSignsAsTheSameText() {
        // signed by paypro over "30000", delivered with the amount as a JSON number
        String withNumber = new String(signed(PAID, "TESTSECRET"), StandardCharsets.UTF_8)
                .replace("\"amount\":\"30000\"", "\"amount\":30000");
        assertTrue(withNumber.contains("\"amount\":30000,"), withNumber);
        Notification notification = notifications.verify(Map.of(),
                withNumber.getBytes(StandardCharsets.UTF_8));
        assertEquals(PayoutStatus.SUCCEEDED, notification.outcome().status());
    }

    @Test
    void aTamperedOrUnsignedNotificationIsRefused() {
        String good = new String(signed(PAID, "TESTSECRET"), StandardCharsets.UTF_8);
        assertThrows(NotificationRefused.class, () -> notifications.verify(Map.of(),
                good.replace("\"amount\":\"30000\"", "\"amount\":\"300000\"").getBytes(StandardCharsets.UTF_8)));
        assertThrows(NotificationRefused.class, () -> notifications.verify(Map.of(),
                good.replace("\"status\":\"0000\"", "\"status\":\"00029\"").getBytes(StandardCharsets.UTF_8)));
        assertThrows(NotificationRefused.class, () -> notifications.verify(Map.of(),
                PAID.getBytes(StandardCharsets.UTF_8)), "no sign");
        assertThrows(NotificationRefused.class, () -> notifications.verify(Map.of(),
                PAID.replaceFirst("\\{", "{\"sign\":\"\",").getBytes(StandardCharsets.UTF_8)), "empty sign");
        assertThrows(NotificationRefused.class, () -> notifications.verify(Map.of(),
                signed(PAID, "ANOTHERSECRET")), "signed with another secret");
        assertThrows(NotificationRefused.class, () -> notifications.verify(Map.of(),
                "not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(NotificationRefused.class, () -> notifications.verify(Map.of(),
                signed(PAID.replace("\"tradeNo\":\"TST-223344\",", ""), "TESTSECRET")), "names no payout");
    }

    @Test
    void aNotificationSaysWhatTheOrderStatusSays() {
        Notification failed = notifications.verify(Map.of(), signed(PAID
                .replace("\"0000\",\"message\":\"Success\"", "\"00029\",\"message\":\"REJECTED_TRANSACTION\""), "TESTSECRET"));
        assertEquals(PayoutStatus.FAILED, failed.outcome().status());
        assertEquals("00029", failed.outcome().failure().providerCode());

        Notification processing = notifications.verify(Map.of(),
                signed(PAID.replace("\"status\":\"0000\"", "\"status\":\"0015\""), "TESTSECRET"));
        assertEquals(PayoutStatus.PROCESSING, processing.outcome().status());

        // unknown error: believed as far as it goes, which is "ask paypro"
        Notification unknown = notifications.verify(Map.of(),
                signed(PAID.replace("\"status\":\"0000\"", "\"status\":\"00032\""), "TESTSECRET"));
        assertTrue(unknown.isWakeUp());
        assertEquals("TST-223344", unknown.payoutId());
    }
}
