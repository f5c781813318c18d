package payoutroutes.sandbox.merchant;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Json;
import payoutroutes.service.events.EventSigner;
import payoutroutes.sandbox.ProviderSandbox;
import payoutroutes.sandbox.SandboxSettings;

/**
 * A merchant's event endpoint, for trying the events out: {@code POST /sandbox/merchant/events} verifies
 * {@code X-Payout-Signature} the way a merchant should (HMAC over {@code <t>.<body>}, constant-time
 * compare, at most five minutes old), logs each verified event and answers 200; a forged one gets 401.
 * {@code ?fail=N} makes it answer 500 to the first N attempts of each event, to watch the retries.
 */
public class MerchantSandbox implements ProviderSandbox {

    /** One delivery attempt as the merchant saw it. */
    public record Received(String eventId, String signature, byte[] body, boolean verified, int answer) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(MerchantSandbox.class);
    private static final long TOLERANCE_SECONDS = 300;

    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private String secret;

    @Override
    public void mount(Vertx vertx, Router router, SandboxSettings settings) {
        this.secret = settings.merchantSigningSecret();
        router.post("/sandbox/merchant/events").handler(this::event);
    }

    /** Every attempt that reached the merchant, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void event(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String eventId = ctx.request().getHeader("X-Payout-Event-Id");
        String signature = ctx.request().getHeader("X-Payout-Signature");
        boolean verified = verify(signature, body);
        int answer;
        if (!verified) {
            answer = 401;
        } else {
            int attempt = attempts.computeIfAbsent(String.valueOf(eventId), id -> new AtomicInteger()).incrementAndGet();
            String fail = ctx.request().getParam("fail");
            answer = fail != null && attempt <= Integer.parseInt(fail) ? 500 : 200;
        }
        received.add(new Received(eventId, signature, body, verified, answer));
        if (verified) {
            JsonNode event = Json.MAPPER.createObjectNode();
            try {
                event = Json.MAPPER.readTree(body);
            } catch (java.io.IOException e) {
                // logged as it is below
            }
            LOG.info("merchant sandbox: verified event {} payout={} {} -> {} (answering {})", eventId,
                    event.at("/payout/payoutId").asText(), event.path("previousStatus").asText(),
                    event.at("/payout/status").asText(), answer);
        } else {
            LOG.warn("merchant sandbox: event {} with a bad signature refused", eventId);
        }
        ctx.response().setStatusCode(answer).end();
    }

    /** What a merchant does with X-Payout-Signature: t=<unix seconds>,v1=<hex>. */
    boolean verify(String header, byte[] body) {
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
        long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t));
        String expected = EventSigner.hmacHex(secret, Long.parseLong(t), body);
        return age <= TOLERANCE_SECONDS && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                v1.getBytes(StandardCharsets.US_ASCII));
    }
}
