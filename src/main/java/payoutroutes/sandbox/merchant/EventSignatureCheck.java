package payoutroutes.sandbox.merchant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a merchant does with {@code X-Payout-Signature: t=<unix seconds>,v1=<hex>} (contract section 6), written
 * here and not borrowed from the service's signer: HMAC-SHA256 keyed with the shared secret over the bytes
 * {@code <t>.<raw body>}, compared in constant time, and refused when {@code t} is more than five minutes away.
 */
final class EventSignatureCheck {

    static final long TOLERANCE_SECONDS = 300;

    private final byte[] secret;

    /** @param secret null: every event is refused */
    EventSignatureCheck(String secret) {
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean verifies(String header, byte[] body, long nowSeconds) {
        if (header == null || secret == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null || !t.matches("[0-9]{1,12}")) {
            return false;
        }
        boolean fresh = Math.abs(nowSeconds - Long.parseLong(t)) <= TOLERANCE_SECONDS;
        return fresh && MessageDigest.isEqual(hmacHex(t, body).getBytes(StandardCharsets.US_ASCII),
                v1.getBytes(StandardCharsets.US_ASCII));
    }

    private String hmacHex(String t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] digest = mac.doFinal(body);
            StringBuilder hex = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
