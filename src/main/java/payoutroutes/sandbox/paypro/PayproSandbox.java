package payoutroutes.sandbox.paypro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Json;
import payoutroutes.connector.paypro.PayproSigner;
import payoutroutes.connector.paypro.PayproSigner.SecretPosition;
import payoutroutes.sandbox.ProviderSandbox;
import payoutroutes.sandbox.SandboxSettings;

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
 * <p>Account numbers that steer it: {@code 9001...} the answer to the payOut comes too late (after
 * {@code slow-reply-ms}) but the payout is taken; {@code 9002...} taken, answered with an HTTP 500;
 * {@code 9003...} settles as data.status 00029 (rejected); {@code 9004...} every answer about it comes too
 * late; {@code 9005...} taken, answered with outer code 5000; {@code 9006...} refused with outer code
 * 1006 (not taken); {@code 9007...} paid at once (data.status 0000); {@code 9008...} answered with
 * data.status 00032 (unknown error), then settles as paid; {@code 9009...} accepted (0015), then stays at
 * 00032 for good; {@code 9010...} refused at once with data.status 0100019.
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

    private static final Logger LOG = LoggerFactory.getLogger(PayproSandbox.class);
    private static final Set<String> PAY_OUT_FIELDS = Set.of("sign", "timestamp", "tradeNo", "amount",
            "customerName", "mobile", "email", "bankAccountNo", "bankCode", "notifyUrl", "remark");
    private static final Set<String> QUERY_FIELDS = Set.of("sign", "timestamp", "tradeNo");
    private static final Pattern MILLIS = Pattern.compile("[0-9]{13}");
    private static final Pattern MOBILE = Pattern.compile("(?=[0-9]{10,13}$)(08|628)[0-9]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern URL = Pattern.compile("https?://\\S+");
    private static final Map<String, String> STATUS_WORDS = Map.of("0000", "Success", "0015", "CREDIT_INPROGRESS",
            "00029", "REJECTED_TRANSACTION", "00032", "UNKNOWN_ERROR", "0100019", "PAYEE_DAILY_CUMULATIVE_AMT_REACHED");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int KEPT_DELIVERIES = 1_000;

    /** What reached the sandbox with a payOut (tests look at it; it is never logged). */
    public record Received(Map<String, String> fields, Set<String> headerNames) {
    }

    /** One attempt to deliver a notification: its body, and the HTTP status it got (0: none). */
    public record Delivery(String tradeNo, String url, String body, int attempt, int httpStatus, boolean accepted) {
    }

    /** A payout as the sandbox keeps it. */
    private static final class Held {
        final String tradeNo;
        final String platFormTradeNo;
        final BigInteger amount;
        final String notifyUrl;
        final String account;
        volatile String status;
        volatile String successTime;

        Held(String tradeNo, String platFormTradeNo, BigInteger amount, String notifyUrl, String account,
             String status) {
            this.tradeNo = tradeNo;
            this.platFormTradeNo = platFormTradeNo;
            this.amount = amount;
            this.notifyUrl = notifyUrl;
            this.account = account;
            this.status = status;
        }

        boolean hinted(String prefix) {
            return account.startsWith(prefix);
        }

        void settle(String finalStatus) {
            status = finalStatus;
            if ("0000".equals(finalStatus) && successTime == null) {
                successTime = LocalDateTime.now(ZoneId.of("Asia/Jakarta")).format(LOCAL_TIME);
            }
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Held> payouts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> payOutCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queryCalls = new ConcurrentHashMap<>();
    private final AtomicInteger allPayOutCalls = new AtomicInteger();
    private final Map<String, Received> received = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private Vertx vertx;
    private HttpClient notifier;
    private SandboxSettings settings;
    private List<Long> retrySchedule;

    @Override
    public void mount(Vertx vertx, Router router, SandboxSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.notifier = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000));
        this.retrySchedule = settings.brand("paypro", "notify-retry-ms")
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Long::valueOf)
                        .toList())
                .orElse(REAL_RETRY_MS);
        router.post(ROOT + "/v1/paypro/payOut").handler(this::payOut);
        router.post(ROOT + "/v1/paypro/queryPayOutResult").handler(this::query);
    }

    /** How many payOut calls named this tradeNo. */
    public int payOutCalls(String tradeNo) {
        return payOutCalls.getOrDefault(tradeNo, new AtomicInteger()).get();
    }

    /** How many payOut calls reached the sandbox at all (tests check that a refused payout sent nothing). */
    public int allPayOutCalls() {
        return allPayOutCalls.get();
    }

    public int queryCalls(String tradeNo) {
        return queryCalls.getOrDefault(tradeNo, new AtomicInteger()).get();
    }

    /** The last payOut taken for this tradeNo, as it came. */
    public Optional<Received> received(String tradeNo) {
        return Optional.ofNullable(received.get(tradeNo));
    }

    /** The platform's number of a payout it holds. */
    public Optional<String> platFormTradeNo(String tradeNo) {
        return Optional.ofNullable(payouts.get(tradeNo)).map(h -> h.platFormTradeNo);
    }

    /** Every attempt to notify about this tradeNo so far, in order. */
    public List<Delivery> deliveries(String tradeNo) {
        synchronized (deliveries) {
            return deliveries.stream().filter(d -> d.tradeNo().equals(tradeNo)).toList();
        }
    }

    private void payOut(RoutingContext ctx) {
        allPayOutCalls.incrementAndGet();
        Map<String, String> fields = authenticated(ctx);
        if (fields == null) {
            return;
        }
        String tradeNo = fields.get("tradeNo");
        if (tradeNo != null) {
            payOutCalls.computeIfAbsent(tradeNo, k -> new AtomicInteger()).incrementAndGet();
        }
        JsonNode amount = jsonOf(ctx).get("amount");
        List<String> errors = payOutErrors(fields, amount);
        if (!errors.isEmpty()) {
            answer(ctx, envelope(PARAMETER_INVALID, String.join("; ", errors), null));
            return;
        }
        String account = fields.get("bankAccountNo");
        if (account.startsWith("9006")) {
            answer(ctx, envelope(REFUSED, "Insufficient merchant balance", null));
            return;
        }
        String firstStatus = account.startsWith("9007") ? "0000" : account.startsWith("9008") ? "00032"
                : account.startsWith("9010") ? "0100019" : "0015";
        Held held = new Held(tradeNo, platFormTradeNo(), amount.bigIntegerValue(), fields.get("notifyUrl"), account,
                firstStatus);
        if (payouts.putIfAbsent(tradeNo, held) != null) {
            answer(ctx, envelope(TRADE_NO_USED, "tradeNo " + tradeNo + " already exists", null));
            return;
        }
        received.put(tradeNo, new Received(Collections.unmodifiableMap(new LinkedHashMap<>(fields)),
                Set.copyOf(new LinkedHashSet<>(ctx.request().headers().names()))));
        vertx.setTimer(settings.settleAfterMs(), t -> {
            held.settle(account.startsWith("9003") ? "00029" : account.startsWith("9009") ? "00032"
                    : account.startsWith("9010") ? "0100019" : "0000");
            deliver(held, 0);
        });
        ObjectNode data = Json.MAPPER.createObjectNode().put("tradeNo", tradeNo)
                .put("platFormTradeNo", held.platFormTradeNo).put("status", firstStatus)
                .put("desc", "0015".equals(firstStatus) ? "Paying" : STATUS_WORDS.get(firstStatus));
        if (fields.get("remark") != null) {
            data.put("remark", fields.get("remark"));
        }
        if (account.startsWith("9002")) {
            ctx.response().setStatusCode(500).putHeader("Content-Type", "text/html").end("<h1>Internal Server Error</h1>");
        } else if (account.startsWith("9005")) {
            answer(ctx, envelope("5000", "System operation exception", null));
        } else if (account.startsWith("9001") || account.startsWith("9004")) {
            vertx.setTimer(settings.slowReplyMs(), t -> answer(ctx, envelope("0000", "success", data)));
        } else {
            answer(ctx, envelope("0000", "success", data));
        }
    }

    private void query(RoutingContext ctx) {
        Map<String, String> fields = authenticated(ctx);
        if (fields == null) {
            return;
        }
        String tradeNo = fields.get("tradeNo");
        if (tradeNo != null) {
            queryCalls.computeIfAbsent(tradeNo, k -> new AtomicInteger()).incrementAndGet();
        }
        List<String> errors = new ArrayList<>(unknownOrMissing(fields, QUERY_FIELDS, QUERY_FIELDS));
        if (fields.get("timestamp") != null && !MILLIS.matcher(fields.get("timestamp")).matches()) {
            errors.add("timestamp must be in milliseconds");
        }
        if (!errors.isEmpty()) {
            answer(ctx, envelope(PARAMETER_INVALID, String.join("; ", errors), null));
            return;
        }
        Held held = payouts.get(tradeNo);
        if (held == null) {
            answer(ctx, envelope(NO_SUCH_ORDER, "order does not exist", null));
            return;
        }
        String status = held.status;
        ObjectNode data = Json.MAPPER.createObjectNode().put("tradeNo", tradeNo)
                .put("platFormTradeNo", held.platFormTradeNo).put("orderAmount", held.amount)
                .put("payAmount", "0000".equals(status) ? held.amount : BigInteger.ZERO).put("status", status)
                .put("message", STATUS_WORDS.get(status)).put("successTime", held.successTime);
        if (held.hinted("9004")) {
            vertx.setTimer(settings.slowReplyMs(), t -> answer(ctx, envelope("0000", "success", data)));
        } else {
            answer(ctx, envelope("0000", "success", data));
        }
    }

    /** The merchantNo header and the sign, before anything else; the body's fields, or null when answered. */
    private Map<String, String> authenticated(RoutingContext ctx) {
        Optional<String> merchant = settings.brand("paypro", "merchant-no");
        if (merchant.isEmpty() || !merchant.get().equals(ctx.request().getHeader("merchantNo"))) {
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
            fields = PayproSigner.fieldTexts(ctx.body().asString().getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            answer(ctx, envelope(PARAMETER_INVALID, "the body must be a flat JSON object", null));
            return null;
        }
        Optional<String> secret = settings.brand("paypro", "app-secret");
        String sign = fields.get(PayproSigner.SIGN);
        if (secret.isEmpty() || sign == null
                || !PayproSigner.matches(PayproSigner.sign(fields, secret.get(), SecretPosition.APPEND), sign)) {
            answer(ctx, envelope(SIGN_INVALID, "sign verification failed", null));
            return null;
        }
        return fields;
    }

    private static List<String> payOutErrors(Map<String, String> fields, JsonNode amount) {
        Set<String> required = new LinkedHashSet<>(PAY_OUT_FIELDS);
        required.remove("remark");
        List<String> errors = new ArrayList<>(unknownOrMissing(fields, PAY_OUT_FIELDS, required));
        check(errors, fields, "timestamp", MILLIS, "timestamp must be in milliseconds");
        check(errors, fields, "mobile", MOBILE, "mobile must start with 08 or 628 and have 10 to 13 digits");
        check(errors, fields, "email", EMAIL, "email is not an email address");
        check(errors, fields, "notifyUrl", URL, "notifyUrl must be an http(s) URL");
        if (amount != null && !(amount.isIntegralNumber() && amount.bigIntegerValue().signum() > 0)) {
            errors.add("amount must be a whole number greater than 0 (decimals are not supported)");
        }
        if (fields.get("tradeNo") != null && fields.get("tradeNo").length() > 64) {
            errors.add("tradeNo is longer than 64 characters");
        }
        return errors;
    }

    private static List<String> unknownOrMissing(Map<String, String> fields, Set<String> known, Set<String> required) {
        List<String> errors = new ArrayList<>();
        fields.keySet().stream().filter(f -> !known.contains(f)).sorted().forEach(f -> errors.add(f + " is not a field"));
        required.stream().sorted().filter(f -> fields.get(f) == null || fields.get(f).isBlank())
                .forEach(f -> errors.add(f + " is required"));
        return errors;
    }

    private static void check(List<String> errors, Map<String, String> fields, String field, Pattern rule,
                              String message) {
        String value = fields.get(field);
        if (value != null && !value.isBlank() && !rule.matcher(value).matches()) {
            errors.add(message);
        }
    }

    /** Posts the signed notification; anything but a 2xx with the text OK is tried again on the schedule. */
    private void deliver(Held held, int attempt) {
        ObjectNode note = Json.MAPPER.createObjectNode().put("status", held.status)
                .put("message", STATUS_WORDS.getOrDefault(held.status, held.status))
                .put("platFormTradeNo", held.platFormTradeNo).put("tradeNo", held.tradeNo)
                .put("amount", held.amount.toString()).put("timestamp", String.valueOf(System.currentTimeMillis()));
        if (held.successTime != null) {
            note.put("successTime", held.successTime);
        }
        String secret = settings.brand("paypro", "app-secret").orElse("");
        note.put(PayproSigner.SIGN, PayproSigner.sign(PayproSigner.fieldTexts(note.toString()
                .getBytes(StandardCharsets.UTF_8)), secret, SecretPosition.APPEND));
        String body = note.toString();
        Future<int[]> sent;
        try {
            sent = notifier.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(held.notifyUrl)
                            .putHeader("Content-Type", "application/json").setIdleTimeout(10_000))
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().map(answer -> new int[] {response.statusCode(),
                            response.statusCode() / 100 == 2 && "OK".equals(answer.toString().trim()) ? 1 : 0}));
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(result -> {
            int status = result.succeeded() ? result.result()[0] : 0;
            boolean accepted = result.succeeded() && result.result()[1] == 1;
            record(new Delivery(held.tradeNo, held.notifyUrl, body, attempt + 1, status, accepted));
            if (accepted) {
                LOG.info("sandbox paypro notified payout={} status={} attempt={}", held.tradeNo, held.status,
                        attempt + 1);
            } else if (attempt < retrySchedule.size()) {
                LOG.debug("sandbox paypro notification payout={} attempt={} not accepted (HTTP {}), next in {} ms",
                        held.tradeNo, attempt + 1, status, retrySchedule.get(attempt));
                vertx.setTimer(retrySchedule.get(attempt), t -> deliver(held, attempt + 1));
            } else {
                LOG.info("sandbox paypro gave up notifying payout={} status={} after {} attempts (last HTTP {})",
                        held.tradeNo, held.status, attempt + 1, status);
            }
        });
    }

    private void record(Delivery delivery) {
        synchronized (deliveries) {
            if (deliveries.size() >= KEPT_DELIVERIES) {
                deliveries.remove(0);
            }
            deliveries.add(delivery);
        }
    }

    private String platFormTradeNo() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** The body as a tree, for the types the signed texts do not tell (it parsed as fields already). */
    private static JsonNode jsonOf(RoutingContext ctx) {
        try {
            return Json.MAPPER.readTree(ctx.body().asString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode envelope(String code, String msg, ObjectNode data) {
        ObjectNode reply = Json.MAPPER.createObjectNode().put("msg", msg).put("code", code)
                .put("timestamp", System.currentTimeMillis()).put("success", "0000".equals(code));
        reply.set("data", data);
        return reply;
    }

    private static void answer(RoutingContext ctx, ObjectNode body) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
