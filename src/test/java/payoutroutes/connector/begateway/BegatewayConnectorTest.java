package payoutroutes.connector.begateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import payoutroutes.Payouts;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutJson;
import payoutroutes.model.PayoutRequest;
import payoutroutes.model.PayoutStatus;
import payoutroutes.model.ProviderOutcome;
import payoutroutes.model.Payout;

/** The overpay (beGateway APM) connector's parts, against the provider's documented shapes. */
class BegatewayConnectorTest {

    /** The settings the Kamelet's parameters make: the worked example's shop, and these parameters on top. */
    static BegatewaySettings settings(Map<String, String> parameters) {
        BegatewayPayoutAction action = new BegatewayPayoutAction();
        action.setBaseUrl("http://provider");
        action.setShopId("1");
        action.setSecretKey("123new");
        action.setCurrencyExponents(parameters.getOrDefault("currencyExponents", "IDR:0"));
        action.setNotificationUrl("http://localhost:8080/callbacks/overpay");
        action.setMethodTypes(parameters.getOrDefault("methodTypes", "BANK_TRANSFER:bank_transfer"));
        return action.settings();
    }

    private final BegatewaySettings settings = settings(Map.of());

    private static PayoutRequest request(String json) {
        try {
            return PayoutJson.request(Json.MAPPER.readTree(json), "TST-223344", null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode body(String amount, String currency) {
        return BegatewayRequests.payoutBody(request(Payouts.seed("overpay", amount, currency, "11223344")), settings);
    }

    @Test
    void theCanonicalSeedBecomesTheApmPayoutRequest() {
        assertEquals("""
                {"request":{"amount":10000,"currency":"IDR","description":"Payout for order 1234",\
                "tracking_id":"TST-223344","notification_url":"http://localhost:8080/callbacks/overpay","test":false,\
                "customer":{"first_name":"Test","last_name":"Account","email":"customer@test.com","country":"ID",\
                "city":"Jakarta","zip":"10210","address":"Jl. Sudirman 1","phone":"6281245907765"},\
                "method":{"type":"bank_transfer","account_holder":"Test account","account_number":"11223344",\
                "bank_code":"BNK_000"}}}""", BegatewayRequests.payoutBody(request(Payouts.seed("overpay")), settings)
                .toString());
    }

    @Test
    void amountsAreIntegersInMinorUnitsByTheCurrencysExponent() {
        assertEquals("3245", body("32.45", "USD").at("/request/amount").toString());
        assertEquals("4200", body("\"42\"", "USD").at("/request/amount").toString());
        assertEquals("500", body("500", "JPY").at("/request/amount").toString());
        assertEquals("1234", body("1.234", "KWD").at("/request/amount").toString());
        assertEquals("1000", body("1", "KWD").at("/request/amount").toString());
        // IDR whole units for this provider (payouts.providers.overpay.currency-exponents = IDR:0)
        assertEquals("10000", body("10000", "IDR").at("/request/amount").toString());
        assertEquals("1000000", BegatewayRequests.payoutBody(request(Payouts.seed("overpay", "10000", "IDR", "1")),
                settings(Map.of("currencyExponents", ""))).at("/request/amount").toString());
    }

    @Test
    void anAmountTheCurrencyCannotCarryIsNeverRounded() {
        assertThrows(ArithmeticException.class, () -> body("10.001", "USD"));
        assertThrows(ArithmeticException.class, () -> body("10.5", "JPY"));
        assertThrows(ArithmeticException.class, () -> body("10000.5", "IDR"));
    }

    @Test
    void theCustomerNamesComeFromFirstAndLastNameOrTheNameSplitAtItsFirstSpace() {
        String noParts = """
                {"amount":{"value":1,"currency":"USD"},"method":"BANK_TRANSFER",
                 "beneficiary":{"name":"  Maria de la Cruz ","accountNumber":"1","bankCode":"B"}}""";
        ObjectNode split = BegatewayRequests.payoutBody(request(noParts), settings);
        assertEquals("Maria", split.at("/request/customer/first_name").asText());
        assertEquals("de la Cruz", split.at("/request/customer/last_name").asText());
        assertEquals("{\"first_name\":\"Maria\",\"last_name\":\"de la Cruz\"}", split.at("/request/customer").toString(),
                "absent fields are left out, never sent as null");

        ObjectNode single = BegatewayRequests.payoutBody(request(noParts.replace("  Maria de la Cruz ", "Sukarno")),
                settings);
        assertEquals("Sukarno", single.at("/request/customer/first_name").asText());
        assertTrue(single.at("/request/customer/last_name").isMissingNode());

        ObjectNode given = BegatewayRequests.payoutBody(request(noParts.replace("\"name\"",
                "\"firstName\":\"Ana\",\"lastName\":\"Cruz\",\"name\"")), settings);
        assertEquals("Ana", given.at("/request/customer/first_name").asText());
        assertEquals("Cruz", given.at("/request/customer/last_name").asText());
    }

    @Test
    void withoutADescriptionThePayoutNamesItself() {
        String json = Payouts.seed("overpay").replace("\"description\": \"Payout for order 1234\",", "");
        assertEquals("Payout TST-223344", BegatewayRequests.payoutBody(request(json), settings)
                .at("/request/description").asText());
    }

    @Test
    void testFlagAndMethodTypeComeFromTheRequestAndTheConfiguration() {
        String json = Payouts.seed("overpay").replace("\"test\": false", "\"test\": true");
        ObjectNode body = BegatewayRequests.payoutBody(request(json),
                settings(Map.of("methodTypes", "BANK_TRANSFER:sepa")));
        assertTrue(body.at("/request/test").booleanValue());
        assertEquals("sepa", body.at("/request/method/type").asText());
    }

    @Test
    void aMethodWithoutAConfiguredTypeCannotBeTaken() {
        PayoutRequest seed = request(Payouts.seed("overpay"));
        assertEquals(0, new BegatewayFamily().cannotTake(seed, key -> java.util.Optional.empty()).size());
        assertEquals(0, new BegatewayFamily().cannotTake(seed,
                key -> java.util.Optional.of("BANK_TRANSFER:bank_transfer")).size());
        assertEquals(1, new BegatewayFamily().cannotTake(seed, key -> java.util.Optional.of("CARD:card")).size());
    }

    @Test
    void basicCredentialsAreTheShopsIdAndSecretKey() {
        // the worked example of the research notes (beyag-client's spec values)
        assertEquals("Basic MToxMjNuZXc=", BegatewayCredentials.basic("1", "123new"));
        assertTrue(BegatewayCredentials.isShop("Basic MToxMjNuZXc=", "1", "123new"));
        assertTrue(BegatewayCredentials.isShop("basic MToxMjNuZXc=", "1", "123new"));
        assertFalse(BegatewayCredentials.isShop("Basic MToxMjNuZXd4", "1", "123new"));
        assertFalse(BegatewayCredentials.isShop("Bearer MToxMjNuZXc=", "1", "123new"));
        assertFalse(BegatewayCredentials.isShop("Basic %%%", "1", "123new"));
        assertFalse(BegatewayCredentials.isShop(null, "1", "123new"));
    }

    // ------------------------------------------------------------------ status mapping, the whole table

    @ParameterizedTest
    @CsvSource({
        "pending, PROCESSING", "initial, PROCESSING", "incomplete, PROCESSING", "processing, PROCESSING",
        "successful, SUCCEEDED", "failed, FAILED", "error, FAILED", "expired, FAILED", "deleted, CANCELLED",
        "SUCCESSFUL, SUCCEEDED", "' pending ', PROCESSING", "something_new, PROCESSING", "'', PROCESSING"})
    void transactionStatusMapsToCanonical(String providerStatus, PayoutStatus canonical) {
        assertEquals(canonical, BegatewayStatusMapping.status(providerStatus));
    }

    @Test
    void theTableIsExactlyTheDocumentedWords() {
        assertEquals(Set.of("pending", "initial", "incomplete", "processing", "successful", "failed", "error",
                "expired", "deleted"), BegatewayStatusMapping.TABLE.keySet());
        assertFalse(BegatewayStatusMapping.isKnown("something_new"));
        assertEquals(PayoutStatus.PROCESSING, BegatewayStatusMapping.status(null));
    }

    @Test
    void aFailureCarriesTheProvidersMessageAndExpiredSaysSo() {
        var failed = BegatewayStatusMapping.failure("failed", "Insufficient funds");
        assertEquals("PROVIDER_REJECTED", failed.code());
        assertEquals("Insufficient funds", failed.message());
        assertEquals("failed", failed.providerCode());
        assertEquals("PROVIDER_REJECTED", BegatewayStatusMapping.failure("error", "Bank unavailable").code());
        var expired = BegatewayStatusMapping.failure("expired", "Not completed in time");
        assertEquals("EXPIRED", expired.code());
        assertEquals("Not completed in time", expired.message());
        assertEquals("The provider reports the payout as failed", BegatewayStatusMapping.failure("failed", null).message());
        for (String notFailed : new String[] {"pending", "initial", "incomplete", "processing", "successful", "deleted"}) {
            assertNull(BegatewayStatusMapping.failure(notFailed, "whatever"), notFailed);
        }
    }

    // ------------------------------------------------------------------ replies

    static String transaction(String status, String message) {
        return """
                {"uid":"8f1c1a2e-0000-4000-8000-000000000001","type":"payout","status":"%s","amount":10000,
                 "currency":"IDR","description":"Payout for order 1234","created_at":"2026-11-21T10:57:28.313Z",
                 "updated_at":"2026-11-21T10:57:28.313Z","method_type":"bank_transfer",
                 "payout":{"status":"%s","gateway_id":1,"ref_id":null,"message":"%s"},
                 "bank_transfer":{"type":"bank_transfer","account_number":"****3344","bank_code":"BNK_000"},
                 "customer":{"first_name":"Test","last_name":"Account"},"tracking_id":"TST-223344",
                 "message":"%s","test":false}""".formatted(status, status, message, message);
    }

    @Test
    void anAcceptedCreateIsProcessingUnderTheTransactionsUid() {
        ProviderOutcome outcome = BegatewayReplies.createOutcome(200,
                "{\"transaction\":" + transaction("pending", "Payout is pending") + "}");
        assertEquals(ProviderOutcome.Kind.ANSWERED, outcome.kind());
        assertEquals(PayoutStatus.PROCESSING, outcome.status());
        assertEquals("8f1c1a2e-0000-4000-8000-000000000001", outcome.providerReference());
        assertNull(outcome.failure());
    }

    @Test
    void aCreateAnsweredWithStatusErrorFailsWithTheProvidersMessage() {
        ProviderOutcome outcome = BegatewayReplies.createOutcome(200,
                "{\"transaction\":" + transaction("error", "Bank account is closed") + "}");
        assertEquals(PayoutStatus.FAILED, outcome.status());
        assertEquals("PROVIDER_REJECTED", outcome.failure().code());
        assertEquals("Bank account is closed", outcome.failure().message());
        assertEquals("error", outcome.failure().providerCode());
    }

    @Test
    void refusedCredentialsFailThePayout() {
        ProviderOutcome outcome = BegatewayReplies.createOutcome(401,
                "{\"message\":\"Invalid shop_id/secret_key.\",\"errors\":{}}");
        assertEquals(PayoutStatus.FAILED, outcome.status());
        assertEquals("PROVIDER_AUTHENTICATION", outcome.failure().code());
    }

    @Test
    void aRefusedRequestFailsNamingTheProvidersFieldErrors() {
        ProviderOutcome outcome = BegatewayReplies.createOutcome(422, """
                {"message":"Unprocessable entity","errors":{"request":{"amount":["is missing"],
                 "customer":{"country":["is missing","is invalid"]}}}}""");
        assertEquals(PayoutStatus.FAILED, outcome.status());
        assertEquals("PROVIDER_REJECTED", outcome.failure().code());
        assertEquals("422", outcome.failure().providerCode());
        assertEquals("Unprocessable entity: request.amount is missing; request.customer.country is missing; "
                + "request.customer.country is invalid", outcome.failure().message());

        ProviderOutcome v3 = BegatewayReplies.createOutcome(422, """
                {"code":"E.0625","message":"Invalid transaction parameters","errors":[{"type":["is missing"]}]}""");
        assertEquals("E.0625", v3.failure().providerCode());
        assertEquals("Invalid transaction parameters: type is missing", v3.failure().message());
    }

    @Test
    void aTakenTrackingIdIsNotAFailureButAQuestionForTheStatusQuery() {
        ProviderOutcome outcome = BegatewayReplies.createOutcome(422, """
                {"message":"Unprocessable entity","errors":{"request":{"tracking_id":["has already been taken"]}}}""");
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, outcome.kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "500|{\"message\":\"Internal server error\"}", "502|''", "503|<html>busy</html>", "200|<html>",
        "200|{}", "200|{\"transaction\":{}}", "200|{\"transaction\":\"pending\"}", "201|''",
        "408|''", "409|{}", "429|{}", "0|''"})
    void serverErrorsTimeoutsAndGarbageLeaveTheOutcomeUnknown(int code, String body) {
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, BegatewayReplies.createOutcome(code, body).kind());
    }

    @Test
    void theStatusQueryAnswersAnArrayAndAnEmptyOneMeansNotFound() {
        ProviderOutcome settled = BegatewayReplies.statusOutcome(200,
                "{\"transactions\":[" + transaction("successful", "Payout is successful") + "]}", null);
        assertEquals(ProviderOutcome.Kind.ANSWERED, settled.kind());
        assertEquals(PayoutStatus.SUCCEEDED, settled.status());
        assertEquals("8f1c1a2e-0000-4000-8000-000000000001", settled.providerReference());

        assertEquals(ProviderOutcome.Kind.NOT_FOUND, BegatewayReplies.statusOutcome(200, "{\"transactions\":[]}", null).kind());

        ProviderOutcome expired = BegatewayReplies.statusOutcome(200,
                "{\"transactions\":[" + transaction("expired", "Not completed in time") + "]}", null);
        assertEquals(PayoutStatus.FAILED, expired.status());
        assertEquals("EXPIRED", expired.failure().code());
        assertEquals("Not completed in time", expired.failure().message());
    }

    @Test
    void ofSeveralTransactionsTheKnownUidWinsElseTheLatest() {
        String older = transaction("failed", "old").replace("8f1c1a2e-0000-4000-8000-000000000001", "uid-old");
        String newer = transaction("successful", "new").replace("8f1c1a2e-0000-4000-8000-000000000001", "uid-new")
                .replace("\"created_at\":\"2026-11-21T10:57:28.313Z\"", "\"created_at\":\"2026-11-21T11:00:00.000Z\"");
        String both = "{\"transactions\":[" + older + "," + newer + "]}";
        assertEquals("uid-new", BegatewayReplies.statusOutcome(200, both, null).providerReference());
        assertEquals("uid-new", BegatewayReplies.statusOutcome(200, both, "uid-unknown").providerReference());
        assertEquals("uid-old", BegatewayReplies.statusOutcome(200, both, "uid-old").providerReference());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "401|{\"message\":\"Invalid shop_id/secret_key.\",\"errors\":{}}", "404|{\"message\":\"Not found\"}",
        "500|''", "200|<html>", "200|{\"transaction\":{}}", "200|{\"transactions\":{}}",
        "200|{\"transactions\":[{\"uid\":\"x\"}]}"})
    void aStatusQueryWithoutAReadableAnswerTeachesNothing(int code, String body) {
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, BegatewayReplies.statusOutcome(code, body, null).kind());
    }
}
