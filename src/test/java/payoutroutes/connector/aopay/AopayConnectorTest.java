package payoutroutes.connector.aopay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import payoutroutes.Payouts;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutJson;
import payoutroutes.model.PayoutRequest;
import payoutroutes.model.PayoutStatus;
import payoutroutes.model.ProviderOutcome;

/** The aopay family's mapping parts, against the platform's documented shapes. */
class AopayConnectorTest {

    private final AopaySettings settings = settings();

    /** As the service's aopay route makes it: the Kamelet's defaults and the service's notification URL. */
    private static AopaySettings settings() {
        AopayPayoutAction action = new AopayPayoutAction();
        action.setBaseUrl("http://provider");
        action.setMerchantCode("YOUR_MERCHANT_CODE");
        action.setSecret("secret");
        action.setNotificationUrl("http://localhost:8080/callbacks/aopay");
        return action.settings();
    }

    @Test
    void theCanonicalSeedBecomesThePlatformsPayoutRequest() {
        var request = request("TST-223344", Payouts.seed("aopay"));
        ObjectNode body = AopayRequests.payoutBody(request, settings);

        assertEquals("""
                {"paymentRequested":{"money":{"amount":10000,"currencyCode":"IDR"}},\
                "paymentMethod":{"paymentMethodCode":"BANK_TRANSFER","account":{"accountName":"Test account",\
                "accountNumber":"11223344"},"paymentOperatorCode":"BNK_000","emailAddress":"customer@test.com"},\
                "callbackUrl":"http://localhost:8080/callbacks/aopay?payoutId=TST-223344"}""", body.toString());
    }

    @Test
    void amountsStayInMajorUnitsExactly() {
        var request = request("P", Payouts.seed("aopay", "\"42.05\"", "USD", "1"));
        assertEquals("42.05", AopayRequests.payoutBody(request, settings).at("/paymentRequested/money/amount").toString());
    }

    @ParameterizedTest
    @CsvSource({
        "SUCCESS, SUCCEEDED", "success, SUCCEEDED", "PENDING, PROCESSING", "PROCESSING, PROCESSING",
        "IN_PROGRESS, PROCESSING", "SOMETHING_NEW, PROCESSING", "FAILED, FAILED", "REJECTED, FAILED",
        "DECLINED, FAILED", "ERROR, FAILED", "EXPIRED, FAILED", "CANCELLED, CANCELLED", "CANCELED, CANCELLED"})
    void processStatusMapsToCanonical(String providerStatus, PayoutStatus canonical) {
        assertEquals(canonical, AopayStatusMapping.status(providerStatus, settings));
    }

    @Test
    void anExpiredPayoutSaysSo() {
        assertEquals("EXPIRED", AopayStatusMapping.failure("EXPIRED", settings).code());
        assertEquals("PROVIDER_REJECTED", AopayStatusMapping.failure("REJECTED", settings).code());
        assertNull(AopayStatusMapping.failure("SUCCESS", settings));
    }

    @Test
    void createRepliesMapToOutcomes() {
        String echo = """
                {"paymentRequested":{"money":{"amount":10000,"currencyCode":"IDR"}},
                 "paymentMethodResponse":{"paymentMethodCode":"BANK_TRANSFER","idPayout":"TST-223344"}}""";
        ProviderOutcome accepted = AopayReplies.createOutcome(200, echo, "TST-223344", settings);
        assertEquals(PayoutStatus.PROCESSING, accepted.status());
        assertEquals("TST-223344", accepted.providerReference());

        assertEquals(ProviderOutcome.Kind.NO_ANSWER, AopayReplies.createOutcome(200, "<html>", "X", settings).kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, AopayReplies.createOutcome(502, "", "X", settings).kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, AopayReplies.createOutcome(409, "{}", "X", settings).kind());

        ProviderOutcome refused = AopayReplies.createOutcome(400,
                "{\"code\":\"VALIDATION_ERROR\",\"message\":\"bad bank\"}", "X", settings);
        assertEquals(PayoutStatus.FAILED, refused.status());
        assertEquals("PROVIDER_REJECTED", refused.failure().code());
        assertEquals("VALIDATION_ERROR", refused.failure().providerCode());
        assertEquals("bad bank", refused.failure().message());
    }

    @Test
    void statusRepliesMapToOutcomes() {
        String settled = """
                {"paymentRequested":{"money":{"amount":10000,"currencyCode":"IDR"}},
                 "process":{"status":"SUCCESS","createdAt":"2026-11-21T10:57:28Z","processedAt":"2026-11-21T10:58:28Z","isTest":true},
                 "fee":{"amount":0.1,"currencyCode":"USD"},
                 "paymentMethodResponse":{"paymentMethodCode":"BANK_TRANSFER","idPayout":"TST-223344"}}""";
        ProviderOutcome outcome = AopayReplies.statusOutcome(200, settled, settings);
        assertEquals(PayoutStatus.SUCCEEDED, outcome.status());
        assertEquals("0.1 USD", outcome.fee().toString());
        assertEquals(ProviderOutcome.Kind.NOT_FOUND, AopayReplies.statusOutcome(404, "{}", settings).kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, AopayReplies.statusOutcome(200, "{}", settings).kind());
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, AopayReplies.statusOutcome(503, "", settings).kind());
    }

    private static PayoutRequest request(String payoutId, String json) {
        try {
            return PayoutJson.request(Json.MAPPER.readTree(json), payoutId, null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
