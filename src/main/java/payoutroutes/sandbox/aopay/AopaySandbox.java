package payoutroutes.sandbox.aopay;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Json;
import payoutroutes.sandbox.ProviderSandbox;
import payoutroutes.sandbox.SandboxSettings;

/**
 * A sandbox of the aopay white-label platform, one brand per path ({@code /sandbox/aopay/...}).
 * Strict like the real one: its own signed JWTs scoped to operations, {@code X-API-Version: 2},
 * validated bodies, unique idPayout. Some seconds after a create it settles the payout and posts a
 * notification to the callbackUrl it was given.
 *
 * <p>Account numbers that steer it, for trying the unhappy paths: {@code 9001...} the answer to the
 * create comes too late (after {@code slow-reply-ms}) but the payout is taken; {@code 9002...} the
 * payout is taken but the answer is a 500; {@code 9003...} the payout settles REJECTED; {@code 9004...}
 * every answer about the payout, the create's and the status queries', comes too late.
 */
public class AopaySandbox implements ProviderSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(AopaySandbox.class);

    /** A payout as the sandbox keeps it. */
    private static final class Held {
        final ObjectNode money;
        final String methodCode;
        final String callbackUrl;
        final boolean slow;
        final String createdAt = Instant.now().toString();
        volatile String status = "PENDING";
        volatile String processedAt;

        Held(ObjectNode money, String methodCode, String callbackUrl, boolean slow) {
            this.slow = slow;
            this.money = money;
            this.methodCode = methodCode;
            this.callbackUrl = callbackUrl;
        }
    }

    private Vertx vertx;
    private HttpClient notifier;
    private SandboxSettings settings;
    private volatile Algorithm signing;
    private final Map<String, Held> payouts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> createCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> tokenCalls = new ConcurrentHashMap<>();
    private final List<String> notifications = java.util.Collections.synchronizedList(new ArrayList<>());

    public AopaySandbox() {
        rotateSigningKey();
    }

    /** Signs new tokens with a new key: every token issued so far is refused from now on (401). */
    public void rotateSigningKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.signing = Algorithm.HMAC256(key);
    }

    @Override
    public void mount(Vertx vertx, Router router, SandboxSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.notifier = vertx.createHttpClient();
        for (String brand : settings.aopayBrands()) {
            String root = "/sandbox/" + brand;
            router.post(root + "/auth-tokens").handler(ctx -> token(ctx, brand));
            router.post(root + "/payouts/:idPayout").handler(ctx -> create(ctx, brand));
            router.get(root + "/payouts/:idPayout").handler(ctx -> status(ctx, brand));
        }
    }

    /** How many times {@code POST /payouts/{id}} reached this brand for that id (tests count resends). */
    public int createCalls(String brand, String idPayout) {
        return createCalls.getOrDefault(brand + "/" + idPayout, new AtomicInteger()).get();
    }

    public int tokenCalls(String brand) {
        return tokenCalls.getOrDefault(brand, new AtomicInteger()).get();
    }

    /** Callback URLs this sandbox notified, in order. */
    public List<String> notifications() {
        return List.copyOf(notifications);
    }

    private void token(RoutingContext ctx, String brand) {
        tokenCalls.computeIfAbsent(brand, b -> new AtomicInteger()).incrementAndGet();
        if (!apiVersionOk(ctx)) {
            return;
        }
        JsonNode body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        String merchant = body.path("merchantCode").asText("");
        boolean known = settings.brand(brand, "merchant-code").map(merchant::equals).orElse(false)
                && settings.brand(brand, "secret").map(body.path("secret").asText("")::equals).orElse(false);
        if (!known) {
            error(ctx, 401, "INVALID_CREDENTIALS", "Unknown merchantCode or wrong secret");
            return;
        }
        int validity = body.path("validitySecs").asInt(0);
        JsonNode operations = body.path("operations");
        if (validity < 1 || validity > 3600 || !operations.isArray() || operations.isEmpty()) {
            error(ctx, 400, "VALIDATION_ERROR", "validitySecs must be 1..3600 and operations a non-empty list");
            return;
        }
        List<String> granted = new ArrayList<>();
        operations.forEach(op -> granted.add(op.asText()));
        Instant now = Instant.now();
        String token = JWT.create().withIssuer(brand).withSubject(merchant).withClaim("operations", granted)
                .withIssuedAt(now).withExpiresAt(now.plusSeconds(validity)).withJWTId(UUID.randomUUID().toString())
                .sign(signing);
        json(ctx, 200, Json.MAPPER.createObjectNode().put("token", token));
    }

    private void create(RoutingContext ctx, String brand) {
        String id = ctx.pathParam("idPayout");
        if (!apiVersionOk(ctx) || !authorized(ctx, brand, "POST /payouts/" + id)) {
            return;
        }
        createCalls.computeIfAbsent(brand + "/" + id, k -> new AtomicInteger()).incrementAndGet();
        JsonNode body = jsonBody(ctx);
        if (body == null) {
            return;
        }
        List<String> errors = validate(body);
        if (!errors.isEmpty()) {
            ObjectNode reply = Json.MAPPER.createObjectNode().put("code", "VALIDATION_ERROR")
                    .put("message", String.join("; ", errors));
            json(ctx, 400, reply);
            return;
        }
        ObjectNode money = (ObjectNode) body.path("paymentRequested").path("money");
        String methodCode = body.path("paymentMethod").path("paymentMethodCode").asText();
        String account = body.path("paymentMethod").path("account").path("accountNumber").asText();
        Held held = new Held(money.deepCopy(), methodCode, body.path("callbackUrl").asText(null),
                account.startsWith("9004"));
        if (payouts.putIfAbsent(brand + "/" + id, held) != null) {
            error(ctx, 409, "DUPLICATE_PAYOUT", "idPayout " + id + " already exists");
            return;
        }
        vertx.setTimer(settings.settleAfterMs(), t -> settle(brand, id, held, account.startsWith("9003") ? "REJECTED" : "SUCCESS"));
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.putObject("paymentRequested").set("money", held.money);
        reply.putObject("paymentMethodResponse").put("paymentMethodCode", methodCode).put("idPayout", id);
        if (account.startsWith("9001") || account.startsWith("9004")) {
            vertx.setTimer(settings.slowReplyMs(), t -> json(ctx, 200, reply));
        } else if (account.startsWith("9002")) {
            error(ctx, 500, "INTERNAL_ERROR", "Something went wrong");
        } else {
            json(ctx, 200, reply);
        }
    }

    private void status(RoutingContext ctx, String brand) {
        String id = ctx.pathParam("idPayout");
        if (!apiVersionOk(ctx) || !authorized(ctx, brand, "GET /payouts/" + id)) {
            return;
        }
        Held held = payouts.get(brand + "/" + id);
        if (held == null) {
            error(ctx, 404, "NOT_FOUND", "No payout " + id);
            return;
        }
        if (held.slow) {
            vertx.setTimer(settings.slowReplyMs(), t -> json(ctx, 200, detail(id, held)));
        } else {
            json(ctx, 200, detail(id, held));
        }
    }

    private ObjectNode detail(String id, Held held) {
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.putObject("paymentRequested").set("money", held.money);
        ObjectNode process = reply.putObject("process");
        process.put("status", held.status).put("createdAt", held.createdAt).put("processedAt", held.processedAt)
                .put("isTest", true);
        reply.putObject("fee").put("amount", new BigDecimal("0.1")).put("currencyCode", "USD");
        reply.putObject("paymentMethodResponse").put("paymentMethodCode", held.methodCode).put("idPayout", id);
        return reply;
    }

    private void settle(String brand, String id, Held held, String status) {
        held.status = status;
        held.processedAt = Instant.now().toString();
        if (held.callbackUrl == null) {
            return;
        }
        String body = detail(id, held).toString();
        notifications.add(held.callbackUrl);
        notifier.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(held.callbackUrl)
                        .putHeader("Content-Type", "application/json"))
                .compose(request -> request.send(body))
                .onSuccess(response -> LOG.info("sandbox {} notified payout={} status={} answer={}", brand, id, status,
                        response.statusCode()))
                .onFailure(e -> LOG.info("sandbox {} could not notify payout={}: {}", brand, id, e.getMessage()));
    }

    private boolean authorized(RoutingContext ctx, String brand, String operation) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            error(ctx, 401, "UNAUTHORIZED", "Bearer token required");
            return false;
        }
        DecodedJWT jwt;
        try {
            jwt = JWT.require(signing).withIssuer(brand).build().verify(header.substring(7));
        } catch (JWTVerificationException e) {
            error(ctx, 401, "UNAUTHORIZED", "Invalid or expired token");
            return false;
        }
        List<String> operations = jwt.getClaim("operations").asList(String.class);
        if (operations == null || !operations.contains(operation)) {
            error(ctx, 403, "FORBIDDEN", "The token does not grant " + operation);
            return false;
        }
        return true;
    }

    private static List<String> validate(JsonNode body) {
        List<String> errors = new ArrayList<>();
        JsonNode money = body.path("paymentRequested").path("money");
        JsonNode amount = money.path("amount");
        String currency = money.path("currencyCode").asText("");
        if (!amount.isNumber() || amount.decimalValue().signum() <= 0) {
            errors.add("paymentRequested.money.amount must be a positive number");
        }
        int exponent;
        try {
            exponent = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            exponent = -1;
            errors.add("paymentRequested.money.currencyCode is unknown");
        }
        if (amount.isNumber() && exponent >= 0 && amount.decimalValue().stripTrailingZeros().scale() > exponent) {
            errors.add("paymentRequested.money.amount has too many decimals for " + currency);
        }
        JsonNode method = body.path("paymentMethod");
        if (!"BANK_TRANSFER".equals(method.path("paymentMethodCode").asText())) {
            errors.add("paymentMethod.paymentMethodCode must be BANK_TRANSFER");
        }
        for (String field : List.of("accountName", "accountNumber")) {
            if (method.path("account").path(field).asText("").isBlank()) {
                errors.add("paymentMethod.account." + field + " is required");
            }
        }
        if (method.path("paymentOperatorCode").asText("").isBlank()) {
            errors.add("paymentMethod.paymentOperatorCode is required");
        }
        String callback = body.path("callbackUrl").asText("");
        if (!callback.isEmpty() && !callback.matches("https?://.+")) {
            errors.add("callbackUrl must be an absolute http(s) URL");
        }
        return errors;
    }

    private static boolean apiVersionOk(RoutingContext ctx) {
        if (!"2".equals(ctx.request().getHeader("X-API-Version"))) {
            error(ctx, 400, "UNSUPPORTED_API_VERSION", "X-API-Version: 2 is required");
            return false;
        }
        return true;
    }

    private static JsonNode jsonBody(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            error(ctx, 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
            return null;
        }
        try {
            JsonNode body = Json.MAPPER.readTree(ctx.body().asString());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (java.io.IOException | RuntimeException e) {
            // answered below
        }
        error(ctx, 400, "MALFORMED_JSON", "The body is not a JSON object");
        return null;
    }

    private static void error(RoutingContext ctx, int status, String code, String message) {
        json(ctx, status, Json.MAPPER.createObjectNode().put("code", code).put("message", message));
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
