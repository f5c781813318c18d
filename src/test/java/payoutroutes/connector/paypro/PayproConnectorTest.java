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
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import payoutroutes.Payouts;
import payoutroutes.model.Json;
import payoutroutes.service.api.PayoutRequestReader;
import payoutroutes.model.PayoutRequest;
import payoutroutes.model.PayoutStatus;
import payoutroutes.connector.Notification;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.connector.PayoutNotSent;
import payoutroutes.model.ProviderOutcome;
import payoutroutes.connector.ProviderSettings;
import payoutroutes.connector.paypro.PayproSigner.SecretPosition;

/** paypro's connector parts: the request it builds and signs, its two layers of codes, its notifications. */
class PayproConnectorTest {

    private static final long NOW = 1732985021335L;

    /** As application.properties configures paypro, with the research notes' synthetic secret. */
    private final ProviderSettings configured = settings(Map.of(
            "payouts.providers.paypro.merchant-no", "8729248847",
            "payouts.providers.paypro.app-secret", "TESTSECRET",
            "payouts.providers.paypro.currencies", "IDR",
            "payouts.providers.paypro.currency-exponents", "IDR:0"));
    /** paypro with neither currencies nor exponents configured: the family's own checks must hold. */
    private final ProviderSettings bare = settings(Map.of("payouts.providers.paypro.app-secret", "TESTSECRET"));
    private final PayproFamily family = new PayproFamily();

    private static ProviderSettings settings(Map<String, String> values) {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.putAll(values);
        context.getPropertiesComponent().setInitialProperties(properties);
        return new ProviderSettings("paypro", context);
    }

    private static PayoutRequest request(String json) {
        return new PayoutRequestReader().read("TST-223344", json.getBytes(StandardCharsets.UTF_8));
    }

    private static PayoutRequest seed(String amount) {
        return request(Payouts.seed("paypro", amount, "IDR", "11223344"));
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
    void theCreateIsASignedPostWithTheMerchantNoHeaderOnly() throws Exception {
        Exchange exchange = exchange("create");
        exchange.setProperty("request", seed("100000"));
        new PayproRequests(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)).request(exchange);
        new PayproSigner().sign(exchange);

        var message = exchange.getMessage();
        assertEquals("POST", message.getHeader(Exchange.HTTP_METHOD));
        assertEquals("/v1/paypro/payOut", message.getHeader(Exchange.HTTP_PATH));
        assertEquals("8729248847", message.getHeader("merchantNo"));
        assertEquals("application/json", message.getHeader(Exchange.CONTENT_TYPE));
        String body = message.getBody(String.class);
        JsonNode json = Json.MAPPER.readTree(body);
        assertTrue(json.get("amount").isIntegralNumber(), body);
        Map<String, String> fields = PayproSigner.fieldTexts(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(PayproSigner.sign(fields, "TESTSECRET", SecretPosition.APPEND), json.get("sign").asText());
    }

    @Test
    void theQueryIsASignedPostOfTradeNoAndTimestamp() throws Exception {
        Exchange exchange = exchange("status");
        exchange.setProperty("payoutId", "test_00000002");
        new PayproRequests(Clock.fixed(Instant.ofEpochMilli(1728613320708L), ZoneOffset.UTC)).request(exchange);
        new PayproSigner().sign(exchange);

        assertEquals("/v1/paypro/queryPayOutResult", exchange.getMessage().getHeader(Exchange.HTTP_PATH));
        assertEquals("{\"tradeNo\":\"test_00000002\",\"timestamp\":\"1728613320708\","
                + "\"sign\":\"97d8b2b6b81942d1ed0359930c10bda1\"}", exchange.getMessage().getBody(String.class));
    }

    @Test
    void thePrependedSecretIsUsedWhenConfigured() {
        Exchange exchange = exchange("status", settings(Map.of("payouts.providers.paypro.app-secret", "TESTSECRET",
                "payouts.providers.paypro.secret-position", "prepend")));
        exchange.getMessage().setBody(PayproRequests.queryBody("test_00000002", 1728613320708L));
        new PayproSigner().sign(exchange);
        String expected = PayproSigner.sign(Map.of("timestamp", "1728613320708", "tradeNo", "test_00000002"),
                "TESTSECRET", SecretPosition.PREPEND);
        assertTrue(exchange.getMessage().getBody(String.class).contains(expected));
    }

    @Test
    void withoutItsSecretNothingIsSent() {
        Exchange exchange = exchange("status", settings(Map.of("payouts.providers.paypro.merchant-no", "8729248847")));
        exchange.getMessage().setBody(PayproRequests.queryBody("T", NOW));
        assertThrows(PayoutNotSent.class, () -> new PayproSigner().sign(exchange));
    }

    private Exchange exchange(String operation) {
        return exchange(operation, configured);
    }

    private static Exchange exchange(String operation, ProviderSettings settings) {
        Exchange exchange = new DefaultExchange(settings.context());
        exchange.setProperty("provider", "paypro");
        exchange.setProperty("payoutId", "TST-223344");
        exchange.setProperty("operation", operation);
        return exchange;
    }

    // ------------------------------------------------------------------ what paypro can take

    @ParameterizedTest
    @ValueSource(strings = {"081245907765", "6281245907765", "0812345678", "6281234567", "0812345678901"})
    void indonesianMobileNumbersAreTaken(String phone) {
        assertEquals(List.of(), family.cannotTake(request(Payouts.seed("paypro").replace("6281245907765", phone)),
                configured));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0712345678", "081234567", "62812345678901", "08123456789012", "6212345678",
        "+6281245907765", "6281245907765123"})
    void otherPhoneNumbersAreRefusedNamingTheField(String phone) {
        List<String> reasons = family.cannotTake(request(Payouts.seed("paypro").replace("6281245907765", phone)),
                configured);
        assertEquals(1, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("beneficiary.phone "), reasons.toString());
    }

    @Test
    void phoneAndEmailAreRequired() {
        String seed = Payouts.seed("paypro");
        assertEquals(List.of("beneficiary.phone is required by paypro"),
                family.cannotTake(request(seed.replace("\"phone\": \"6281245907765\",", "")), configured));
        assertEquals(List.of("beneficiary.email is required by paypro"),
                family.cannotTake(request(seed.replace("\"email\": \"customer@test.com\",", "")), configured));
    }

    @Test
    void rupiahAndWholeAmountsHoldEvenWithoutConfiguration() {
        PayoutRequest dollars = request(Payouts.seed("paypro", "100", "USD", "11223344"));
        PayoutRequest fraction = seed("100000.50");
        assertTrue(family.cannotTake(dollars, bare).get(0).startsWith("amount.currency"));
        assertTrue(family.cannotTake(fraction, bare).get(0).startsWith("amount.value"));
        // configured, the common checks say it already: not twice
        assertEquals(List.of(), family.cannotTake(dollars, configured));
        assertEquals(List.of(), family.cannotTake(fraction, configured));
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
        Notification notification = family.verifyNotification(configured, Map.of(), signed(PAID, "TESTSECRET"));
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
        Notification notification = family.verifyNotification(configured, Map.of(),
                withNumber.getBytes(StandardCharsets.UTF_8));
        assertEquals(PayoutStatus.SUCCEEDED, notification.outcome().status());
    }

    @Test
    void aTamperedOrUnsignedNotificationIsRefused() {
        String good = new String(signed(PAID, "TESTSECRET"), StandardCharsets.UTF_8);
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(configured, Map.of(),
                good.replace("\"amount\":\"30000\"", "\"amount\":\"300000\"").getBytes(StandardCharsets.UTF_8)));
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(configured, Map.of(),
                good.replace("\"status\":\"0000\"", "\"status\":\"00029\"").getBytes(StandardCharsets.UTF_8)));
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(configured, Map.of(),
                PAID.getBytes(StandardCharsets.UTF_8)), "no sign");
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(configured, Map.of(),
                PAID.replaceFirst("\\{", "{\"sign\":\"\",").getBytes(StandardCharsets.UTF_8)), "empty sign");
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(configured, Map.of(),
                signed(PAID, "ANOTHERSECRET")), "signed with another secret");
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(configured, Map.of(),
                "not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(configured, Map.of(),
                signed(PAID.replace("\"tradeNo\":\"TST-223344\",", ""), "TESTSECRET")), "names no payout");
    }

    @Test
    void aNotificationSaysWhatTheOrderStatusSays() {
        Notification failed = family.verifyNotification(configured, Map.of(), signed(PAID
                .replace("\"0000\",\"message\":\"Success\"", "\"00029\",\"message\":\"REJECTED_TRANSACTION\""), "TESTSECRET"));
        assertEquals(PayoutStatus.FAILED, failed.outcome().status());
        assertEquals("00029", failed.outcome().failure().providerCode());

        Notification processing = family.verifyNotification(configured, Map.of(),
                signed(PAID.replace("\"status\":\"0000\"", "\"status\":\"0015\""), "TESTSECRET"));
        assertEquals(PayoutStatus.PROCESSING, processing.outcome().status());

        // unknown error: believed as far as it goes, which is "ask paypro"
        Notification unknown = family.verifyNotification(configured, Map.of(),
                signed(PAID.replace("\"status\":\"0000\"", "\"status\":\"00032\""), "TESTSECRET"));
        assertTrue(unknown.isWakeUp());
        assertEquals("TST-223344", unknown.payoutId());
    }
}
