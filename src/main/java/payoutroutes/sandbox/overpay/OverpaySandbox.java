package payoutroutes.sandbox.overpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.sandbox.Notice;
import payoutroutes.sandbox.NotificationStyle;
import payoutroutes.sandbox.PayoutWindow;
import payoutroutes.sandbox.ProviderSandbox;
import payoutroutes.sandbox.ProviderStats;
import payoutroutes.sandbox.RecentList;
import payoutroutes.sandbox.Reply;
import payoutroutes.sandbox.SandboxJson;
import payoutroutes.sandbox.SandboxRuntime;
import payoutroutes.sandbox.fault.Fault.Stage;
import payoutroutes.sandbox.fault.Faults;

/**
 * A sandbox of overpay, beGateway's APM API, under {@code /sandbox/overpay}. Strict like the real one: HTTP Basic
 * with the shop's id and secret key, the payout body's rules answered with beGateway's own 422 shape
 * ({@code {"message":"Unprocessable entity","errors":{"request":{"amount":["is missing"]}}}}), a tracking_id taken
 * only once. Some seconds after a create it settles the payout and posts the transaction JSON to the
 * notification_url, with the shop's Basic credentials and a {@code Content-Signature} (base64 RSA-SHA256 over the
 * raw body). Its key pair is made at start unless {@code payouts.sandbox.overpay.private-key} is set; the public
 * half, which the back office would hand out, is logged and served at {@code GET /sandbox/overpay/public-key}.
 *
 * <p>Account numbers {@code 9003...} settle failed, {@code 9005...} settle expired, {@code 9006...} are answered
 * 500 and not kept; the faults every family shares are in {@link payoutroutes.sandbox.fault.AccountHints}.
 */
public class OverpaySandbox implements ProviderSandbox {

    public static final String ROOT = "/sandbox/overpay";
    private static final String PROVIDER = "overpay";
    private static final Logger LOG = LoggerFactory.getLogger(OverpaySandbox.class);
    private static final Reply SERVER_ERROR = Reply.json(500, SandboxJson.object().put("message", "Internal server error"));

    /** A notification the sandbox sent, and the status code it was answered with (-1: no answer). */
    public record Notified(String url, int answer) {
    }

    private final Map<String, OverpayPayout> byTrackingId = new ConcurrentHashMap<>();
    private final PayoutWindow<Set<String>> createHeaders = new PayoutWindow<>(RecentList.KEPT);
    private final RecentList<Notified> notifications = new RecentList<>();
    private final NotificationStyle style = new NotificationStyle() {
        @Override
        public void attempted(Attempt attempt) {
            notifications.add(new Notified(attempt.notice().url(), attempt.status() == 0 ? -1 : attempt.status()));
        }
    };
    private PayoutWindow<OverpayPayout> byUid;
    private SandboxRuntime runtime;
    private ProviderStats stats;
    private OverpaySigningKey key;
    private String basic;
    private Set<String> methodTypes;

    @Override
    public void mount(SandboxRuntime runtime, Router router) {
        this.runtime = runtime;
        this.stats = runtime.stats(PROVIDER);
        this.byUid = runtime.payoutWindow(payout -> {
            if (payout.trackingId() != null) {
                byTrackingId.remove(payout.trackingId(), payout);
            }
        });
        stats.holding(byUid::size);
        this.key = runtime.settings().get(PROVIDER + ".private-key").map(OverpaySigningKey::of)
                .orElseGet(OverpaySigningKey::generated);
        this.basic = basic(runtime.settings().get(PROVIDER + ".shop-id"), runtime.settings().get(PROVIDER + ".secret-key"));
        this.methodTypes = Set.copyOf(runtime.settings().list(PROVIDER + ".method-types", "bank_transfer"));
        LOG.info("sandbox overpay signs its notifications; its public key (payouts.providers.overpay.public-key): {}",
                publicKey());
        router.post(ROOT + "/transactions/payouts").handler(this::create);
        router.get(ROOT + "/transactions/tracking_id/:trackingId").handler(this::byTrackingId);
        router.get(ROOT + "/transactions/:uid").handler(this::byUid);
        router.get(ROOT + "/public-key").handler(ctx -> Reply.text(200, publicKey()).send(ctx));
    }

    /** The public half of the signing key, base64 DER SubjectPublicKeyInfo, as a back office hands it out. */
    public String publicKey() {
        return key.publicKey();
    }

    /** How many creates reached the sandbox naming this tracking_id, refused ones included (tests count sends). */
    public int createCalls(String trackingId) {
        return stats.creates(trackingId);
    }

    /** The names of the HTTP headers the last create naming this tracking_id came with, lower case. */
    public Set<String> createHeaders(String trackingId) {
        Set<String> names = createHeaders.get(trackingId);
        return names == null ? Set.of() : names;
    }

    /** How many status queries by tracking_id asked about it. */
    public int trackingQueries(String trackingId) {
        return stats.statusQueries(trackingId);
    }

    /** The transaction the sandbox keeps under this tracking_id, as it would answer it. */
    public Optional<JsonNode> transaction(String trackingId) {
        return Optional.ofNullable(byTrackingId.get(trackingId)).map(OverpayPayout::transaction);
    }

    /** The notifications sent so far, in order (the last {@value RecentList#KEPT}). */
    public List<Notified> notifications() {
        return notifications.items();
    }

    private void create(RoutingContext ctx) {
        stats.createReceived();
        JsonNode body = SandboxJson.readOrNull(ctx.body().asString());
        JsonNode request = body == null ? SandboxJson.MAPPER.missingNode() : body.path("request");
        String trackingId = request.path("tracking_id").isTextual() ? request.path("tracking_id").asText() : null;
        if (trackingId != null) {
            stats.createNamed(trackingId);
            createHeaders.put(trackingId, ctx.request().headers().names().stream()
                    .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
        }
        if (!authorized(ctx)) {
            return;
        }
        Faults requested = runtime.faults().requested(ctx, PROVIDER, Stage.values());
        if (requested == null) {
            return;
        }
        if (!request.isObject()) {
            unprocessable(SandboxJson.object().set("request", SandboxJson.MAPPER.createArrayNode().add("is missing")))
                    .send(ctx);
            return;
        }
        ObjectNode errors = OverpayRules.broken(request, methodTypes);
        if (!errors.isEmpty()) {
            unprocessable(SandboxJson.object().set("request", errors)).send(ctx);
            return;
        }
        String account = request.path("method").path("account_number").asText("");
        OverpayPayout payout = OverpayPayout.of(request, runtime.faults().forPayout(PROVIDER, account, requested));
        if (trackingId != null && byTrackingId.putIfAbsent(trackingId, payout) != null) {
            ObjectNode taken = SandboxJson.object();
            taken.putObject("request").putArray("tracking_id").add("has already been taken");
            unprocessable(taken).send(ctx);
            return;
        }
        if (account.startsWith("9006")) {
            if (trackingId != null) {
                byTrackingId.remove(trackingId, payout);
            }
            SERVER_ERROR.send(ctx);
            return;
        }
        byUid.put(payout.uid(), payout);
        stats.payoutTaken();
        runtime.settle(payout, stats, () -> account.startsWith("9003")
                ? settle(payout, "failed", "Payout declined by the beneficiary's bank")
                : account.startsWith("9005") ? settle(payout, "expired", "Payout was not completed in time")
                : settle(payout, "successful", "Payout is successful"))
                .onComplete(settled -> runtime.faults().answer(ctx, stats, payout.id(), Stage.CREATE, payout.faults(),
                        transactionReply(payout), SERVER_ERROR));
    }

    private void byTrackingId(RoutingContext ctx) {
        stats.statusQueryReceived();
        String trackingId = ctx.pathParam("trackingId");
        stats.statusQueryNamed(trackingId);
        Faults requested = authorized(ctx) ? runtime.faults().requested(ctx, PROVIDER, Stage.STATUS) : null;
        if (requested == null) {
            return;
        }
        OverpayPayout payout = byTrackingId.get(trackingId);
        ObjectNode reply = SandboxJson.object();
        var transactions = reply.putArray("transactions");
        if (payout != null) {
            transactions.add(payout.transaction());
        }
        runtime.faults().answer(ctx, stats, trackingId, Stage.STATUS, runtime.faults().forStatus(PROVIDER, payout,
                requested), Reply.json(200, reply), SERVER_ERROR);
    }

    private void byUid(RoutingContext ctx) {
        stats.statusQueryReceived();
        Faults requested = authorized(ctx) ? runtime.faults().requested(ctx, PROVIDER, Stage.STATUS) : null;
        if (requested == null) {
            return;
        }
        String uid = ctx.pathParam("uid");
        OverpayPayout payout = byUid.get(uid);
        Reply reply = payout == null ? Reply.json(404, SandboxJson.object().put("message", "Record not found")
                .set("errors", SandboxJson.object())) : transactionReply(payout);
        runtime.faults().answer(ctx, stats, payout == null ? uid : payout.id(), Stage.STATUS,
                runtime.faults().forStatus(PROVIDER, payout, requested), reply, SERVER_ERROR);
    }

    private static Reply transactionReply(OverpayPayout payout) {
        return Reply.json(200, SandboxJson.object().set("transaction", payout.transaction()));
    }

    private Future<Void> settle(OverpayPayout payout, String status, String message) {
        payout.settle(status, message);
        String url = payout.notificationUrl();
        if (url == null || url.isBlank()) {
            return Future.succeededFuture();
        }
        return runtime.notifier().deliver(payout, stats, style, () -> notice(payout, payout.transaction()),
                () -> notice(payout, payout.pendingTransaction()));
    }

    /** The transaction JSON, signed, with the shop's Basic credentials. */
    private Notice notice(OverpayPayout payout, ObjectNode transaction) {
        byte[] body = SandboxJson.object().set("transaction", transaction).toString().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (basic != null) {
            headers.put("Authorization", basic);
        }
        headers.put("Content-Signature", key.sign(body));
        return new Notice(payout.notificationUrl(), transaction.path("status").asText(), headers, body);
    }

    private boolean authorized(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || basic == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                basic.getBytes(StandardCharsets.UTF_8))) {
            Reply.json(401, SandboxJson.object().put("message", "Invalid shop_id/secret_key.")
                    .set("errors", SandboxJson.object())).send(ctx);
            return false;
        }
        return true;
    }

    private static String basic(Optional<String> shop, Optional<String> secret) {
        if (shop.isEmpty() || secret.isEmpty()) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString((shop.get() + ":" + secret.get())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Reply unprocessable(ObjectNode errors) {
        return Reply.json(422, SandboxJson.object().put("message", "Unprocessable entity").set("errors", errors));
    }
}
