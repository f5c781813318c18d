package payoutroutes.sandbox.merchant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.sandbox.PayoutWindow;
import payoutroutes.sandbox.ProviderSandbox;
import payoutroutes.sandbox.RecentList;
import payoutroutes.sandbox.Reply;
import payoutroutes.sandbox.SandboxJson;
import payoutroutes.sandbox.SandboxRuntime;

/**
 * A merchant's event endpoint, for trying the events out: {@code POST /sandbox/merchant/events} verifies
 * {@code X-Payout-Signature} the way a merchant should (HMAC over {@code <t>.<body>}, constant-time compare, at
 * most five minutes old), logs each verified event and answers 200; a forged one gets 401. {@code ?fail=N}
 * makes it answer 500 to the first N attempts of each event, to watch the retries.
 *
 * <p>It counts what it got, for tests in another process: {@code GET /sandbox/merchant/events?payoutId=...}
 * lists a payout's verified events and its last status taken, and {@code GET /sandbox/_stats} has the totals
 * and how many payouts ended at each last status. Both for the last max-payouts payouts. It also measures how late
 * each event arrives ({@link EventLag}), for the benchmark.
 */
public class MerchantSandbox implements ProviderSandbox {

    public static final String EVENTS = "/sandbox/merchant/events";

    /** One delivery attempt as the merchant saw it. */
    public record Received(String eventId, String signature, byte[] body, boolean verified, int answer) {
        public JsonNode json() {
            JsonNode json = SandboxJson.readOrNull(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            return json == null ? SandboxJson.MAPPER.missingNode() : json;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(MerchantSandbox.class);

    private final RecentList<Received> received = new RecentList<>();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final EventLag lag = new EventLag();
    private PayoutWindow<AtomicInteger> attempts;
    private PayoutWindow<MerchantPayoutEvents> payouts;
    private EventSignatureCheck signatures;

    @Override
    public void mount(SandboxRuntime runtime, Router router) {
        this.signatures = new EventSignatureCheck(runtime.settings().merchantSigningSecret().orElse(null));
        int window = runtime.settings().maxPayouts();
        this.attempts = new PayoutWindow<>(window);
        this.payouts = new PayoutWindow<>(window);
        router.post(EVENTS).handler(this::event);
        router.get(EVENTS).handler(this::events);
    }

    /** Every attempt that reached the merchant, in order (the last {@value RecentList#KEPT}). */
    public List<Received> received() {
        return received.items();
    }

    @Override
    public void report(ObjectNode stats) {
        Map<String, Integer> lastStatuses = new TreeMap<>();
        for (MerchantPayoutEvents events : payouts.values()) {
            String last = events.lastStatus();
            if (last != null) {
                lastStatuses.merge(last, 1, Integer::sum);
            }
        }
        ObjectNode merchant = stats.putObject("merchant");
        merchant.put("verified", verified.get()).put("refused", refused.get()).put("payouts", payouts.size());
        ObjectNode statuses = merchant.putObject("lastStatuses");
        lastStatuses.forEach(statuses::put);
        merchant.set("eventLag", lag.toJson());
    }

    private void event(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String eventId = ctx.request().getHeader("X-Payout-Event-Id");
        String signature = ctx.request().getHeader("X-Payout-Signature");
        if (!signatures.verifies(signature, body, System.currentTimeMillis() / 1000)) {
            refused.incrementAndGet();
            received.add(new Received(eventId, signature, body, false, 401));
            LOG.warn("merchant sandbox: event {} with a bad signature refused", eventId);
            Reply.text(401, "").send(ctx);
            return;
        }
        verified.incrementAndGet();
        int attempt = attempts.computeIfAbsent(String.valueOf(eventId), id -> new AtomicInteger()).incrementAndGet();
        String fail = ctx.request().getParam("fail");
        int answer = fail != null && fail.matches("[0-9]{1,6}") && attempt <= Integer.parseInt(fail) ? 500 : 200;
        Received attemptSeen = new Received(eventId, signature, body, true, answer);
        received.add(attemptSeen);
        JsonNode json = attemptSeen.json();
        if (attempt == 1) {
            lag.record(lagMs(json));
        }
        String payoutId = json.at("/payout/payoutId").asText();
        String previous = json.path("previousStatus").asText();
        String status = json.at("/payout/status").asText();
        payouts.computeIfAbsent(payoutId, id -> new MerchantPayoutEvents()).add(eventId, previous, status, answer);
        LOG.info("merchant sandbox: verified event {} payout={} {} -> {} (answering {})", eventId, payoutId, previous,
                status, answer);
        ctx.response().setStatusCode(answer).end();
    }

    /** From the change the event reports to now; 0 when it names no time (a forged body would not verify). */
    private static long lagMs(JsonNode event) {
        try {
            return System.currentTimeMillis() - Instant.parse(event.path("occurredAt").asText()).toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private void events(RoutingContext ctx) {
        String payoutId = ctx.request().getParam("payoutId");
        if (payoutId == null || payoutId.isBlank()) {
            Reply.text(400, "payoutId is required\n").send(ctx);
            return;
        }
        MerchantPayoutEvents events = payouts.get(payoutId);
        Reply.json(200, (events == null ? new MerchantPayoutEvents() : events).toJson(payoutId)).send(ctx);
    }
}
