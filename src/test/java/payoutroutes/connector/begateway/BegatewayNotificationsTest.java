package payoutroutes.connector.begateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import payoutroutes.connector.NotificationAction.Notification;
import payoutroutes.connector.NotificationAction;
import payoutroutes.connector.NotificationRefused;

/** overpay's notifications: Basic credentials always, and the RSA Content-Signature once a public key is set. */
class BegatewayNotificationsTest {

    private static KeyPair shopKey;
    private static KeyPair otherKey;
    private static final String BASIC = "Basic MToxMjNuZXc="; // shop 1, secret key 123new
    private static final byte[] BODY = ("{\"transaction\":" + BegatewayConnectorTest.transaction("successful",
            "Payout is successful") + "}").getBytes(StandardCharsets.UTF_8);


    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        shopKey = generator.generateKeyPair();
        otherKey = generator.generateKeyPair();
    }

    /** The Kamelet's bean as its parameters make it: the worked example's shop, and this public key (or none). */
    private static BegatewayNotificationAction action(String publicKey) {
        BegatewayNotificationAction action = new BegatewayNotificationAction();
        action.setShopId("1");
        action.setSecretKey("123new");
        action.setPublicKey(publicKey);
        return action;
    }

    private static BegatewayNotificationAction withPublicKey(KeyPair keys) {
        return action(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
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
        Notification notification = withPublicKey(shopKey).verify(headers(BASIC, sign(shopKey, BODY)), BODY);

        assertEquals("TST-223344", notification.payoutId());
        assertEquals(PayoutStatus.SUCCEEDED, notification.outcome().status());
        assertEquals("8f1c1a2e-0000-4000-8000-000000000001", notification.outcome().providerReference());
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        String signature = sign(shopKey, BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("\"amount\":10000", "\"amount\":99999")
                .getBytes(StandardCharsets.UTF_8);

        assertThrows(NotificationRefused.class, () -> withPublicKey(shopKey).verify(headers(BASIC, signature), tampered));
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        assertThrows(NotificationRefused.class, () -> withPublicKey(shopKey).verify(headers(BASIC, sign(otherKey, BODY)), BODY));
    }

    @Test
    void aMissingOrGarbledSignatureIsRefusedOnceAKeyIsSet() {
        assertThrows(NotificationRefused.class, () -> withPublicKey(shopKey).verify(headers(BASIC, null), BODY));
        assertThrows(NotificationRefused.class, () -> withPublicKey(shopKey).verify(headers(BASIC, "not base64 %%%"), BODY));
        assertThrows(NotificationRefused.class, () -> withPublicKey(shopKey).verify(headers(BASIC, ""), BODY));
    }

    @Test
    void wrongOrMissingBasicCredentialsAreRefusedEvenWithAValidSignature() throws Exception {
        String signature = sign(shopKey, BODY);
        String wrongSecret = "Basic " + Base64.getEncoder().encodeToString("1:guess".getBytes(StandardCharsets.UTF_8));

        assertThrows(NotificationRefused.class, () -> withPublicKey(shopKey).verify(headers(wrongSecret, signature), BODY));
        assertThrows(NotificationRefused.class, () -> withPublicKey(shopKey).verify(headers(null, signature), BODY));
    }

    @Test
    void withoutAPublicKeyTheBasicCredentialsOnlyWakeUs() {
        BegatewayNotificationAction basicOnly = action(null);

        NotificationAction.Notification notification = basicOnly.verify(headers(BASIC, null), BODY);
        assertEquals("TST-223344", notification.payoutId());
        assertTrue(notification.isWakeUp(), "nothing in the body is believed");
        assertTrue(action("").verify(headers(BASIC, null), BODY).isWakeUp());
        assertThrows(NotificationRefused.class, () -> basicOnly.verify(headers("Basic MToxMjNuZXd4", null), BODY));
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCaseAndListsAreRead() throws Exception {
        Map<String, Object> headers = new HashMap<>();
        headers.put("authorization", List.of(BASIC));
        headers.put("content-signature", sign(shopKey, BODY));

        assertEquals("TST-223344", withPublicKey(shopKey).verify(headers, BODY).payoutId());
    }

    @Test
    void aPemWrappedPublicKeyIsTakenToo() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(shopKey.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        BegatewayNotificationAction settings = action(pem);

        assertEquals("TST-223344", settings.verify(headers(BASIC, sign(shopKey, BODY)), BODY)
                .payoutId());
    }

    @Test
    void anUnusablePublicKeyRefusesRatherThanBelieves() throws Exception {
        BegatewayNotificationAction broken = action("bm90IGEga2V5");

        assertThrows(NotificationRefused.class, () -> broken.verify(headers(BASIC, sign(shopKey, BODY)), BODY));
    }

    @Test
    void aVerifiedBodyThatNamesNoPayoutIsRefused() throws Exception {
        byte[] noTracking = "{\"transaction\":{\"uid\":\"u\",\"status\":\"successful\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "status=successful".getBytes(StandardCharsets.UTF_8);

        assertThrows(NotificationRefused.class, () -> withPublicKey(shopKey).verify(headers(BASIC, sign(shopKey, noTracking)), noTracking));
        assertThrows(NotificationRefused.class, () -> withPublicKey(shopKey).verify(headers(BASIC, sign(shopKey, notJson)), notJson));
    }

    @Test
    void aFailedPayoutsNotificationCarriesTheProvidersMessage() throws Exception {
        byte[] failed = ("{\"transaction\":" + BegatewayConnectorTest.transaction("failed", "Account closed") + "}")
                .getBytes(StandardCharsets.UTF_8);

        Notification notification = withPublicKey(shopKey).verify(headers(BASIC, sign(shopKey, failed)), failed);

        assertEquals(PayoutStatus.FAILED, notification.outcome().status());
        assertEquals("Account closed", notification.outcome().failure().message());
    }
}
