package payoutroutes.connector.begateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import payoutroutes.model.PayoutStatus;
import payoutroutes.connector.Notification;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.connector.ProviderSettings;

/** overpay's notifications: Basic credentials always, and the RSA Content-Signature once a public key is set. */
class OverpayNotificationsTest {

    private static KeyPair shopKey;
    private static KeyPair otherKey;
    private static final String BASIC = "Basic MToxMjNuZXc="; // shop 1, secret key 123new
    private static final byte[] BODY = ("{\"transaction\":" + OverpayConnectorTest.transaction("successful",
            "Payout is successful") + "}").getBytes(StandardCharsets.UTF_8);

    private final OverpayFamily family = new OverpayFamily();

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        shopKey = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
    }

    private static ProviderSettings withPublicKey(KeyPair keys) {
        return OverpayConnectorTest.settings(Map.of("payouts.providers.overpay.public-key",
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())));
    }

    private static String sign(KeyPair keys, byte[] body) throws Exception {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(keys.getPrivate());
        signer.update(body);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    private static Map<String, Object> headers(String authorization, String signature) {
        Map<String, Object> headers = new HashMap<>();
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (signature != null) {
            headers.put("Content-Signature", signature);
        }
        headers.put("Content-Type", "application/json");
        return headers;
    }

    @Test
    void aSignedNotificationWithTheShopsCredentialsIsBelieved() throws Exception {
        Notification notification = family.verifyNotification(withPublicKey(shopKey),
                headers(BASIC, sign(shopKey, BODY)), BODY);

        assertEquals("TST-223344", notification.payoutId());
        assertEquals(PayoutStatus.SUCCEEDED, notification.outcome().status());
        assertEquals("8f1c1a2e-0000-4000-8000-000000000001", notification.outcome().providerReference());
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        String signature = sign(shopKey, BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("\"amount\":10000", "\"amount\":99999")
                .getBytes(StandardCharsets.UTF_8);

        assertThrows(NotificationRefused.class, () -> family.verifyNotification(withPublicKey(shopKey),
                headers(BASIC, signature), tampered));
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(withPublicKey(shopKey),
                headers(BASIC, sign(otherKey, BODY)), BODY));
    }

    @Test
    void aMissingOrGarbledSignatureIsRefusedOnceAKeyIsSet() {
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(withPublicKey(shopKey),
                headers(BASIC, null), BODY));
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(withPublicKey(shopKey),
                headers(BASIC, "not base64 %%%"), BODY));
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(withPublicKey(shopKey),
                headers(BASIC, ""), BODY));
    }

    @Test
    void wrongOrMissingBasicCredentialsAreRefusedEvenWithAValidSignature() throws Exception {
        String signature = sign(shopKey, BODY);
        String wrongSecret = "Basic " + Base64.getEncoder().encodeToString("1:guess".getBytes(StandardCharsets.UTF_8));

        assertThrows(NotificationRefused.class, () -> family.verifyNotification(withPublicKey(shopKey),
                headers(wrongSecret, signature), BODY));
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(withPublicKey(shopKey),
                headers(null, signature), BODY));
    }

    @Test
    void withoutAPublicKeyTheBasicCredentialsDecide() {
        ProviderSettings basicOnly = OverpayConnectorTest.settings(Map.of());

        assertEquals("TST-223344", family.verifyNotification(basicOnly, headers(BASIC, null), BODY).payoutId());
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(basicOnly,
                headers("Basic MToxMjNuZXd4", null), BODY));
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCaseAndListsAreRead() throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("authorization", List.of(BASIC));
        headers.put("content-signature", sign(shopKey, BODY));

        assertEquals("TST-223344", family.verifyNotification(withPublicKey(shopKey), headers, BODY).payoutId());
    }

    @Test
    void aPemWrappedPublicKeyIsTakenToo() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(shopKey.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        ProviderSettings settings = OverpayConnectorTest.settings(Map.of("payouts.providers.overpay.public-key", pem));

        assertEquals("TST-223344", family.verifyNotification(settings, headers(BASIC, sign(shopKey, BODY)), BODY)
                .payoutId());
    }

    @Test
    void anUnusablePublicKeyRefusesRatherThanBelieves() throws Exception {
        ProviderSettings broken = OverpayConnectorTest.settings(Map.of("payouts.providers.overpay.public-key",
                "bm90IGEga2V5"));

        assertThrows(NotificationRefused.class, () -> family.verifyNotification(broken,
                headers(BASIC, sign(shopKey, BODY)), BODY));
    }

    @Test
    void aVerifiedBodyThatNamesNoPayoutIsRefused() throws Exception {
        byte[] noTracking = "{\"transaction\":{\"uid\":\"u\",\"status\":\"successful\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "status=successful".getBytes(StandardCharsets.UTF_8);

        assertThrows(NotificationRefused.class, () -> family.verifyNotification(withPublicKey(shopKey),
                headers(BASIC, sign(shopKey, noTracking)), noTracking));
        assertThrows(NotificationRefused.class, () -> family.verifyNotification(withPublicKey(shopKey),
                headers(BASIC, sign(shopKey, notJson)), notJson));
    }

    @Test
    void aFailedPayoutsNotificationCarriesTheProvidersMessage() throws Exception {
        byte[] failed = ("{\"transaction\":" + OverpayConnectorTest.transaction("failed", "Account closed") + "}")
                .getBytes(StandardCharsets.UTF_8);

        Notification notification = family.verifyNotification(withPublicKey(shopKey),
                headers(BASIC, sign(shopKey, failed)), failed);

        assertEquals(PayoutStatus.FAILED, notification.outcome().status());
        assertEquals("Account closed", notification.outcome().failure().message());
    }
}
