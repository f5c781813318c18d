package payoutroutes.sandbox.paypro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * A sandbox of paypro (Indonesia) under {@code /sandbox/paypro}: {@code POST /v1/paypro/payOut} and
 * {@code POST /v1/paypro/queryPayOutResult}. Strict like the real one: the {@code merchantNo} header, the
 * sign (app secret appended, as the research notes expect of the real one), the field rules of
 * payout.html, a unique tradeNo; it answers in the two layers. Some time after a create it settles the
 * payout and posts a signed notification to the notifyUrl, again on its retry schedule until the answer
 * is the plain text {@code OK}, and then no more.
 *
 * <p>Outer codes: {@code 0000} and {@code 5000} are paypro's. Its other codes are not published, so these
 * are the sandbox's own: {@code 1001} unknown merchantNo, {@code 1002} wrong or missing sign, {@code 1003}
 * a field breaks the rules, {@code 1004} tradeNo already used, {@code 1005} no such order, {@code 1006}
 * refused (see 9006).
 *
 * <p>Account numbers that steer its outcomes: {@code 9003...} settles as data.status 00029 (rejected);
 * {@code 9005...} taken, answered with outer code 5000; {@code 9006...} refused with outer code 1006 (not
 * taken); {@code 9007...} paid at once (data.status 0000); {@code 9008...} answered with data.status 00032
 * (unknown error), then settles as paid; {@code 9009...} accepted (0015), then stays at 00032 for good;
 * {@code 9010...} refused at once with data.status 0100019. The faults every family shares are in
 * {@link payoutroutes.sandbox.fault.AccountHints}.
 */
public class PayproSandbox implements ProviderSandbox {

    public static final String ROOT = "/sandbox/paypro";
    public static final String MERCHANT_UNKNOWN = "1001";
    public static final String SIGN_INVALID = "1002";
    public static final String PARAMETER_INVALID = "1003";
    public static final String TRADE_NO_USED = "1004";
    public static final String NO_SUCH_ORDER = "1005";
    public static final String REFUSED = "1006";

    /** The real schedule (paymentNotify.html): 2s, 5s, 10s, 30s, 1h, 3h, 3h, 3h after the first attempt. */
    static final List<Long> REAL_RETRY_MS = List.of(2_000L, 5_000L, 10_000L, 30_000L, 3_600_000L, 10_800_000L,
            10_800_000L, 10_800_000L);

    private static final String PROVIDER = "paypro";
    private static final Reply SERVER_ERROR = new Reply(500, "text/html", "<h1>Internal Server Error</h1>");

    /** What reached the sandbox with a payOut (tests look at it; it is never logged). */
    public record Received(Map<String, String> fields, Set<String> headerNames) {
    }

    /** One attempt to deliver a notification: its body, and the HTTP status it got (0: none). */
    public record Delivery(String tradeNo, String url, String body, int attempt, int httpStatus, boolean accepted) {
    }

    private final SecureRandom random = new SecureRandom();
    private final PayoutWindow<Received> received = new PayoutWindow<>(RecentList.KEPT);
    private final RecentList<Delivery> deliveries = new RecentList<>();
    private PayoutWindow<PayproPayout> payouts;
    private SandboxRuntime runtime;
    private ProviderStats stats;
    private Optional<String> merchantNo;
    private Optional<String> appSecret;
    private NotificationStyle style;

    @Override
    public void mount(SandboxRuntime runtime, Router router) {
        this.runtime = runtime;
        this.stats = runtime.stats(PROVIDER);
        this.payouts = runtime.payoutWindow();
        stats.holding(payouts::size);
        this.merchantNo = runtime.settings().get(PROVIDER + ".merchant-no");
        this.appSecret = runtime.settings().get(PROVIDER + ".app-secret");
        List<String> configuredRetries = runtime.settings().list(PROVIDER + ".notify-retry-ms", "");
        List<Long> retryMs = configuredRetries.isEmpty() ? REAL_RETRY_MS
                : configuredRetries.stream().map(Long::valueOf).toList();
        this.style = new NotificationStyle() {
            @Override
            public List<Long> retryMs() {
                return retryMs;
            }

            @Override
            public boolean accepted(int status, String body) {
                return status / 100 == 2 && "OK".equals(body.trim());
            }

            @Override
            public void attempted(Attempt attempt) {
                deliveries.add(new Delivery(attempt.payoutId(), attempt.notice().url(),
                        new String(attempt.notice().body(), StandardCharsets.UTF_8), attempt.number(), attempt.status(),
                        attempt.accepted()));
            }
        };
        router.post(ROOT + "/v1/paypro/payOut").handler(this::payOut);
        router.post(ROOT + "/v1/paypro/queryPayOutResult").handler(this::query);
    }

    /** How many payOut calls named this tradeNo and passed the merchant and sign checks. */
    public int payOutCalls(String tradeNo) {
        return stats.creates(tradeNo);
    }

    /** How many payOut calls reached the sandbox at all (tests check that a refused payout sent nothing). */
    public int allPayOutCalls() {
        return (int) stats.creates();
    }

    public int queryCalls(String tradeNo) {
        return stats.statusQueries(tradeNo);
    }

    /** The last payOut taken for this tradeNo, as it came (among the last {@value RecentList#KEPT}). */
    public Optional<Received> received(String tradeNo) {
        return Optional.ofNullable(received.get(tradeNo));
    }

    /** The platform's number of a payout it holds. */
    public Optional<String> platFormTradeNo(String tradeNo) {
        return Optional.ofNullable(payouts.get(tradeNo)).map(PayproPayout::platFormTradeNo);
    }

    /** Every attempt to notify about this tradeNo so far, in order (among the last {@value RecentList#KEPT}). */
    public List<Delivery> deliveries(String tradeNo) {
        return deliveries.items().stream().filter(d -> d.tradeNo().equals(tradeNo)).toList();
    }

    private void payOut(RoutingContext ctx) {
        stats.createReceived();
        Map<String, String> fields = authenticated(ctx);
        if (fields == null) {
            return;
        }
        String tradeNo = fields.get("tradeNo");
        if (tradeNo != null) {
            stats.createNamed(tradeNo);
        }
        Faults requested = runtime.faults().requested(ctx, PROVIDER, Stage.values());
        if (requested == null) {
            return;
        }
        JsonNode amount = SandboxJson.readOrNull(ctx.body().asString()).get("amount");
        List<String> errors = PayproRules.payOut(fields, amount);
        if (!errors.isEmpty()) {
            answer(ctx, envelope(PARAMETER_INVALID, String.join("; ", errors), null));
            return;
        }
        String account = fields.get("bankAccountNo");
        if (account.startsWith("9006")) {
            answer(ctx, envelope(REFUSED, "Insufficient merchant balance", null));
            return;
        }
        String firstStatus = account.startsWith("9007") ? PayproPayout.PAID : account.startsWith("9008") ? "00032"
                : account.startsWith("9010") ? "0100019" : PayproPayout.IN_PROGRESS;
        PayproPayout payout = new PayproPayout(tradeNo, platFormTradeNo(), amount.bigIntegerValue(),
                fields.get("notifyUrl"), firstStatus, runtime.faults().forPayout(PROVIDER, account, requested));
        if (payouts.putIfAbsent(tradeNo, payout) != null) {
            answer(ctx, envelope(TRADE_NO_USED, "tradeNo " + tradeNo + " already exists", null));
            return;
        }
        stats.payoutTaken();
        received.put(tradeNo, new Received(Collections.unmodifiableMap(new LinkedHashMap<>(fields)),
                Set.copyOf(ctx.request().headers().names())));
        String finalStatus = account.startsWith("9003") ? "00029" : account.startsWith("9009") ? "00032"
                : account.startsWith("9010") ? "0100019" : PayproPayout.PAID;
        Reply reply = account.startsWith("9005") ? reply(envelope("5000", "System operation exception", null))
                : reply(envelope("0000", "success", payout.created(fields.get("remark"))));
        runtime.settle(payout, stats, () -> settle(payout, finalStatus)).onComplete(settled ->
                runtime.faults().answer(ctx, stats, tradeNo, Stage.CREATE, payout.faults(), reply, SERVER_ERROR));
    }

    private void query(RoutingContext ctx) {
        stats.statusQueryReceived();
        Map<String, String> fields = authenticated(ctx);
        if (fields == null) {
            return;
        }
        String tradeNo = fields.get("tradeNo");
        if (tradeNo != null) {
            stats.statusQueryNamed(tradeNo);
        }
        Faults requested = runtime.faults().requested(ctx, PROVIDER, Stage.STATUS);
        if (requested == null) {
            return;
        }
        List<String> errors = PayproRules.query(fields);
        if (!errors.isEmpty()) {
            answer(ctx, envelope(PARAMETER_INVALID, String.join("; ", errors), null));
            return;
        }
        PayproPayout payout = payouts.get(tradeNo);
        Reply reply = reply(payout == null ? envelope(NO_SUCH_ORDER, "order does not exist", null)
                : envelope("0000", "success", payout.queried()));
        runtime.faults().answer(ctx, stats, tradeNo, Stage.STATUS, runtime.faults().forStatus(PROVIDER, payout,
                requested), reply, SERVER_ERROR);
    }

    /** The merchantNo header and the sign, before anything else; the body's fields, or null when answered. */
    private Map<String, String> authenticated(RoutingContext ctx) {
        if (merchantNo.isEmpty() || !merchantNo.get().equals(ctx.request().getHeader("merchantNo"))) {
            answer(ctx, envelope(MERCHANT_UNKNOWN, "merchantNo does not exist", null));
            return null;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            answer(ctx, envelope(PARAMETER_INVALID, "the body must be application/json", null));
            return null;
        }
        Map<String, String> fields;
        try {
            fields = PayproSign.fields(ctx.body().asString());
        } catch (IllegalArgumentException e) {
            answer(ctx, envelope(PARAMETER_INVALID, "the body must be a flat JSON object", null));
            return null;
        }
        String sign = fields.get(PayproSign.FIELD);
        if (appSecret.isEmpty() || sign == null
                || !PayproSign.matches(PayproSign.of(fields, appSecret.get(), PayproSign.Salt.APPENDED), sign)) {
            answer(ctx, envelope(SIGN_INVALID, "sign verification failed", null));
            return null;
        }
        return fields;
    }

    private Future<Void> settle(PayproPayout payout, String finalStatus) {
        payout.settle(finalStatus);
        return runtime.notifier().deliver(payout, stats, style, () -> notice(payout, payout.status()),
                () -> notice(payout, payout.firstStatus()));
    }

    /** The notification of a status, signed afresh (a new timestamp each attempt). */
    private Notice notice(PayproPayout payout, String status) {
        ObjectNode note = payout.notification(status);
        note.put(PayproSign.FIELD, PayproSign.of(PayproSign.fields(note.toString()), appSecret.orElse(""),
                PayproSign.Salt.APPENDED));
        return new Notice(payout.notifyUrl(), status, Map.of("Content-Type", "application/json"),
                note.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String platFormTradeNo() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static ObjectNode envelope(String code, String msg, ObjectNode data) {
        ObjectNode reply = SandboxJson.object().put("msg", msg).put("code", code)
                .put("timestamp", System.currentTimeMillis()).put("success", "0000".equals(code));
        reply.set("data", data);
        return reply;
    }

    private static Reply reply(ObjectNode body) {
        return Reply.json(200, body);
    }

    private static void answer(RoutingContext ctx, ObjectNode body) {
        reply(body).send(ctx);
    }
}
