package payoutroutes.sandbox.overpay;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The key overpay signs its notifications with ({@code Content-Signature}: base64 RSA-SHA256, PKCS#1 v1.5, over
 * the raw body): configured as base64 PKCS#8 DER, or made at start. Its public half is what the back office
 * hands the shop.
 */
final class OverpaySigningKey {

    private final KeyPair keys;

    private OverpaySigningKey(KeyPair keys) {
        this.keys = keys;
    }

    static OverpaySigningKey generated() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new OverpaySigningKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A configured private key (base64 PKCS#8 DER), with the public half derived from it. */
    static OverpaySigningKey of(String base64Pkcs8) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(base64Pkcs8.replaceAll("\\s", ""))));
            return new OverpaySigningKey(new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(),
                    key.getPublicExponent())), key));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("payouts.sandbox.overpay.private-key is not a base64 PKCS#8 RSA key", e);
        }
    }

    /** The public half, base64 DER SubjectPublicKeyInfo. */
    String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The Content-Signature of these bytes. */
    String sign(byte[] body) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(body);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
