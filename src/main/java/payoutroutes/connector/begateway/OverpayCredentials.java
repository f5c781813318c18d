package payoutroutes.connector.begateway;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;
import org.apache.camel.Exchange;
import payoutroutes.connector.PayoutNotSent;
import payoutroutes.connector.ProviderSettings;

/**
 * The shop's credentials, used both ways: HTTP Basic {@code shop-id:secret-key} on our calls and on the
 * provider's notifications, and the shop's RSA public key that checks a notification's
 * {@code Content-Signature} (base64 RSA-SHA256, PKCS#1 v1.5, over the raw body).
 */
public class OverpayCredentials {

    /** Sets the Authorization header of this exchange's call. */
    public void authorize(Exchange exchange) {
        try {
            exchange.getMessage().setHeader("Authorization", basic(ProviderSettings.of(exchange)));
        } catch (IllegalStateException e) {
            throw new PayoutNotSent("no credentials for " + exchange.getProperty("provider"), e);
        }
    }

    static String basic(ProviderSettings settings) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword(settings));
    }

    /** Whether an Authorization header carries this shop's id and key; compared in constant time. */
    static boolean isShop(String authorization, ProviderSettings settings) {
        if (authorization == null || authorization.length() < 6
                || !authorization.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, userPassword(settings));
    }

    /** Whether {@code signature} (base64) is the shop key's RSA-SHA256 signature of exactly these bytes. */
    static boolean isSignedBy(String publicKeyBase64Der, String signature, byte[] body) throws GeneralSecurityException {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] signatureBytes;
        try {
            signatureBytes = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey(publicKeyBase64Der));
        verifier.update(body);
        return verifier.verify(signatureBytes);
    }

    /** The back office's base64 DER SubjectPublicKeyInfo; a PEM wrapping of it is taken too. */
    static PublicKey publicKey(String base64Der) throws GeneralSecurityException {
        String bare = base64Der.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(bare)));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the public key is not base64", e);
        }
    }

    private static byte[] userPassword(ProviderSettings settings) {
        return (settings.require("shop-id") + ":" + settings.require("secret-key")).getBytes(StandardCharsets.UTF_8);
    }
}
