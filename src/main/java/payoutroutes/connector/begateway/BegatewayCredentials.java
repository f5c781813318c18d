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
import org.apache.camel.Message;

/**
 * The shop's credentials, used both ways: HTTP Basic {@code shop-id:secret-key} on our calls and on the
 * provider's notifications, and the shop's RSA public key that checks a notification's
 * {@code Content-Signature} (base64 RSA-SHA256, PKCS#1 v1.5, over the raw body).
 */
final class BegatewayCredentials {

    private BegatewayCredentials() {
    }

    /** Sets the Authorization header of a call. */
    static void authorize(Message message, BegatewaySettings settings) {
        message.setHeader("Authorization", basic(settings.shopId(), settings.secretKey()));
    }

    static String basic(String shopId, String secretKey) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword(shopId, secretKey));
    }

    /** Whether an Authorization header carries this shop's id and key; compared in constant time. */
    static boolean isShop(String authorization, String shopId, String secretKey) {
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
        return MessageDigest.isEqual(given, userPassword(shopId, secretKey));
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

    private static byte[] userPassword(String shopId, String secretKey) {
        return (shopId + ":" + secretKey).getBytes(StandardCharsets.UTF_8);
    }
}
