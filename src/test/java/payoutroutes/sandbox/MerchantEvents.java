package payoutroutes.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Posts payout events to the sandbox's merchant endpoint, signed as the service signs them (or not), and reads them back. */
final class MerchantEvents {

    private MerchantEvents() {
    }

    /** {@code GET /sandbox/merchant/events?payoutId=...}: the payout's verified events and its last status taken. */
    static JsonNode of(SandboxUnderTest sandbox, String payoutId) {
        return SandboxUnderTest.json(SandboxUnderTest.send(HttpRequest.newBuilder(URI.create(
                sandbox.url("/sandbox/merchant/events?payoutId=" + payoutId))).GET().build()));
    }

    static HttpResponse<String> post(SandboxUnderTest sandbox, String query, String payoutId, String previous,
                                     String status, String secret) {
        String body = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"payout.status_changed\",\"previousStatus\":\""
                + previous + "\",\"payout\":{\"payoutId\":\"" + payoutId + "\",\"status\":\"" + status + "\"}}";
        return postSigned(sandbox, query, UUID.randomUUID().toString(), body, secret);
    }

    static HttpResponse<String> postSigned(SandboxUnderTest sandbox, String query, String eventId, String body,
                                           String secret) {
        long t = System.currentTimeMillis() / 1000;
        return SandboxUnderTest.send(HttpRequest.newBuilder(URI.create(sandbox.url("/sandbox/merchant/events" + query)))
                .header("Content-Type", "application/json").header("X-Payout-Event-Id", eventId)
                .header("X-Payout-Signature", "t=" + t + ",v1=" + hmac(secret, t + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
