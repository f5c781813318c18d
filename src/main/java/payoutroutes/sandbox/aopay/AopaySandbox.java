package payoutroutes.sandbox.aopay;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
 * A sandbox of the aopay white-label platform, one brand per path ({@code /sandbox/aopay/...}), each brand a
 * provider of its own (its payouts, its stats). Strict like the real one: its own signed JWTs scoped to
 * operations, {@code X-API-Version: 2}, validated bodies, unique idPayout. Some seconds after a create it
 * settles the payout and posts its detail, unsigned as the platform's are, to the callbackUrl it was given.
 *
 * <p>Account numbers {@code 9003...} settle REJECTED; the faults every family shares (9001 slow create, 9002
 * 500, 9004 every answer slow, ...) are in {@link payoutroutes.sandbox.fault.AccountHints}.
 */
public class AopaySandbox implements ProviderSandbox {

    private static final Reply SERVER_ERROR = error(500, "INTERNAL_ERROR", "Something went wrong");

    /** One brand of the platform: its merchant and what it holds. */
    private record Brand(String id, Optional<String> merchantCode, Optional<String> secret,
                         PayoutWindow<AopayPayout> payouts, ProviderStats stats, AtomicInteger tokenCalls) {
    }

    private final AopayTokens tokens = new AopayTokens();
    private final Map<String, Brand> brands = new LinkedHashMap<>();
    private final RecentList<String> notifications = new RecentList<>();
    private final NotificationStyle style = new NotificationStyle() {
        @Override
        public void attempted(Attempt attempt) {
            notifications.add(attempt.notice().url());
        }
    };
    private SandboxRuntime runtime;

    @Override
    public void mount(SandboxRuntime runtime, Router router) {
        this.runtime = runtime;
        for (String id : runtime.settings().aopayBrands()) {
            PayoutWindow<AopayPayout> payouts = runtime.payoutWindow();
            Brand brand = new Brand(id, runtime.settings().get(id + ".merchant-code"),
                    runtime.settings().get(id + ".secret"), payouts, runtime.stats(id), new AtomicInteger());
            brand.stats().holding(payouts::size);
            brands.put(id, brand);
            String root = "/sandbox/" + id;
            router.post(root + "/auth-tokens").handler(ctx -> token(ctx, brand));
            router.post(root + "/payouts/:idPayout").handler(ctx -> create(ctx, brand));
            router.get(root + "/payouts/:idPayout").handler(ctx -> status(ctx, brand));
        }
    }

    /** Signs new tokens with a new key: every token issued so far is refused from now on (401). */
    public void rotateSigningKey() {
        tokens.rotate();
    }

    /** How many times {@code POST /payouts/{id}} reached this brand for that id with a valid token (tests count resends). */
    public int createCalls(String brand, String idPayout) {
        return brands.get(brand).stats().creates(idPayout);
    }

    public int tokenCalls(String brand) {
        return brands.get(brand).tokenCalls().get();
    }

    /** Callback URLs this sandbox notified, in order (the last {@value RecentList#KEPT}). */
    public List<String> notifications() {
        return notifications.items();
    }

    private void token(RoutingContext ctx, Brand brand) {
        brand.tokenCalls().incrementAndGet();
        if (!apiVersionOk(ctx)) {
            return;
        }
        JsonNode body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        String merchant = body.path("merchantCode").asText("");
        boolean known = brand.merchantCode().map(merchant::equals).orElse(false)
                && brand.secret().map(body.path("secret").asText("")::equals).orElse(false);
        if (!known) {
            error(401, "INVALID_CREDENTIALS", "Unknown merchantCode or wrong secret").send(ctx);
            return;
        }
        int validity = body.path("validitySecs").asInt(0);
        JsonNode operations = body.path("operations");
        if (validity < 1 || validity > 3600 || !operations.isArray() || operations.isEmpty()) {
            error(400, "VALIDATION_ERROR", "validitySecs must be 1..3600 and operations a non-empty list").send(ctx);
            return;
        }
        List<String> granted = new ArrayList<>();
        operations.forEach(op -> granted.add(op.asText()));
        Reply.json(200, SandboxJson.object().put("token", tokens.issue(brand.id(), merchant, granted, validity)))
                .send(ctx);
    }

    private void create(RoutingContext ctx, Brand brand) {
        brand.stats().createReceived();
        String id = ctx.pathParam("idPayout");
        if (!apiVersionOk(ctx) || !authorized(ctx, brand, "POST /payouts/" + id)) {
            return;
        }
        brand.stats().createNamed(id);
        Faults requested = runtime.faults().requested(ctx, brand.id(), Stage.values());
        JsonNode body = requested == null ? null : jsonBody(ctx);
        if (body == null) {
            return;
        }
        List<String> errors = AopayRules.broken(body);
        if (!errors.isEmpty()) {
            error(400, "VALIDATION_ERROR", String.join("; ", errors)).send(ctx);
            return;
        }
        JsonNode money = body.path("paymentRequested").path("money");
        String account = body.path("paymentMethod").path("account").path("accountNumber").asText();
        AopayPayout payout = new AopayPayout(id, money.path("amount").decimalValue(),
                Currency.getInstance(money.path("currencyCode").asText()).getCurrencyCode(),
                body.path("callbackUrl").asText(null), runtime.faults().forPayout(brand.id(), account, requested));
        if (brand.payouts().putIfAbsent(id, payout) != null) {
            error(409, "DUPLICATE_PAYOUT", "idPayout " + id + " already exists").send(ctx);
            return;
        }
        brand.stats().payoutTaken();
        String outcome = account.startsWith("9003") ? "REJECTED" : "SUCCESS";
        runtime.settle(payout, brand.stats(), () -> settle(brand, payout, outcome)).onComplete(settled ->
                runtime.faults().answer(ctx, brand.stats(), id, Stage.CREATE, payout.faults(),
                        Reply.json(200, payout.created()), SERVER_ERROR));
    }

    private void status(RoutingContext ctx, Brand brand) {
        String id = ctx.pathParam("idPayout");
        brand.stats().statusQueryReceived();
        if (!apiVersionOk(ctx) || !authorized(ctx, brand, "GET /payouts/" + id)) {
            return;
        }
        brand.stats().statusQueryNamed(id);
        Faults requested = runtime.faults().requested(ctx, brand.id(), Stage.STATUS);
        if (requested == null) {
            return;
        }
        AopayPayout payout = brand.payouts().get(id);
        Reply reply = payout == null ? error(404, "NOT_FOUND", "No payout " + id) : Reply.json(200, payout.detail());
        runtime.faults().answer(ctx, brand.stats(), id, Stage.STATUS,
                runtime.faults().forStatus(brand.id(), payout, requested), reply, SERVER_ERROR);
    }

    private Future<Void> settle(Brand brand, AopayPayout payout, String status) {
        payout.settle(status);
        if (payout.callbackUrl() == null) {
            return Future.succeededFuture();
        }
        return runtime.notifier().deliver(payout, brand.stats(), style,
                () -> notice(payout, payout.status(), payout.detail()),
                () -> notice(payout, AopayPayout.PENDING, payout.pendingDetail()));
    }

    private static Notice notice(AopayPayout payout, String status, JsonNode body) {
        return new Notice(payout.callbackUrl(), status, Map.of("Content-Type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private boolean authorized(RoutingContext ctx, Brand brand, String operation) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            error(401, "UNAUTHORIZED", "Bearer token required").send(ctx);
            return false;
        }
        switch (tokens.check(brand.id(), header.substring(7), operation)) {
            case INVALID -> error(401, "UNAUTHORIZED", "Invalid or expired token").send(ctx);
            case NOT_GRANTED -> error(403, "FORBIDDEN", "The token does not grant " + operation).send(ctx);
            case GRANTED -> {
                return true;
            }
        }
        return false;
    }

    private static boolean apiVersionOk(RoutingContext ctx) {
        if (!"2".equals(ctx.request().getHeader("X-API-Version"))) {
            error(400, "UNSUPPORTED_API_VERSION", "X-API-Version: 2 is required").send(ctx);
            return false;
        }
        return true;
    }

    private static JsonNode jsonBody(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            error(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json").send(ctx);
            return null;
        }
        JsonNode body = SandboxJson.readOrNull(ctx.body().asString());
        if (body == null || !body.isObject()) {
            error(400, "MALFORMED_JSON", "The body is not a JSON object").send(ctx);
            return null;
        }
        return body;
    }

    private static Reply error(int status, String code, String message) {
        return Reply.json(status, SandboxJson.object().put("code", code).put("message", message));
    }
}
