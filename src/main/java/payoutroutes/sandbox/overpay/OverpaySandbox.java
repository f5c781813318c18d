package payoutroutes.sandbox.overpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Json;
import payoutroutes.sandbox.ProviderSandbox;
import payoutroutes.sandbox.SandboxSettings;

/**
 * A sandbox of overpay, beGateway's APM API, under {@code /sandbox/overpay}. Strict like the real one: HTTP Basic
 * with the shop's id and secret key, the payout body's rules answered with beGateway's own 422 shape
 * ({@code {"message":"Unprocessable entity","errors":{"request":{"amount":["is missing"]}}}}), a tracking_id taken
 * only once. Some seconds after a create it settles the payout and posts the transaction JSON to the
 * notification_url, with the shop's Basic credentials and a {@code Content-Signature} (base64 RSA-SHA256 over the
 * raw body). Its key pair is made at start unless {@code payouts.sandbox.overpay.private-key} is set; the public
 * half, which the back office would hand out, is logged and served at {@code GET /sandbox/overpay/public-key}.
 *
 * <p>Account numbers that steer it, as in the aopay sandbox: {@code 9001...} the create's answer comes too late
 * (after {@code slow-reply-ms}) but the payout is taken; {@code 9002...} taken, but the answer is a 500;
 * {@code 9003...} settles failed; {@code 9004...} every answer about the payout comes too late; and beyond those,
 * {@code 9005...} settles expired; {@code 9006...} the answer is a 500 and the payout is not kept.
 */
public class OverpaySandbox implements ProviderSandbox {

    public static final String ROOT = "/sandbox/overpay";
    private static final String BRAND = "overpay";
    private static final Logger LOG = LoggerFactory.getLogger(OverpaySandbox.class);

    /** A notification the sandbox sent, and the status code it was answered with (-1: no answer). */
    public record Notified(String url, int answer) {
    }

    /** A payout as the sandbox keeps it: the transaction JSON it answers with. */
    private static final class Held {
        final ObjectNode transaction;
        final String notificationUrl;
        final boolean slow;

        Held(ObjectNode transaction, String notificationUrl, boolean slow) {
            this.transaction = transaction;
            this.notificationUrl = notificationUrl;
            this.slow = slow;
        }

        synchronized ObjectNode snapshot() {
            return transaction.deepCopy();
        }
    }

    private Vertx vertx;
    private HttpClient notifier;
    private SandboxSettings settings;
    private KeyPair keys;
    private final Map<String, Held> byUid = new ConcurrentHashMap<>();
    private final Map<String, Held> byTrackingId = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> createCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> trackingQueries = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> createHeaders = new ConcurrentHashMap<>();
    private final List<Notified> notifications = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void mount(Vertx vertx, Router router, SandboxSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.notifier = vertx.createHttpClient();
        this.keys = settings.brand(BRAND, "private-key").map(OverpaySandbox::keyPair).orElseGet(OverpaySandbox::newKeyPair);
        LOG.info("sandbox overpay signs its notifications; its public key (payouts.providers.overpay.public-key): {}",
                publicKey());
        router.post(ROOT + "/transactions/payouts").handler(this::create);
        router.get(ROOT + "/transactions/tracking_id/:trackingId").handler(this::byTrackingId);
        router.get(ROOT + "/transactions/:uid").handler(this::byUid);
        router.get(ROOT + "/public-key").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain")
                .end(publicKey()));
    }

    /** The public half of the signing key, base64 DER SubjectPublicKeyInfo, as a back office hands it out. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** How many creates reached the sandbox naming this tracking_id, refused ones included (tests count sends). */
    public int createCalls(String trackingId) {
        return createCalls.getOrDefault(trackingId, new AtomicInteger()).get();
    }

    /** The names of the HTTP headers the last create naming this tracking_id came with, lower case. */
    public Set<String> createHeaders(String trackingId) {
        return createHeaders.getOrDefault(trackingId, Set.of());
    }

    /** How many status queries by tracking_id asked about it. */
    public int trackingQueries(String trackingId) {
        return trackingQueries.getOrDefault(trackingId, new AtomicInteger()).get();
    }

    /** The transaction the sandbox keeps under this tracking_id, as it would answer it. */
    public Optional<JsonNode> transaction(String trackingId) {
        return Optional.ofNullable(byTrackingId.get(trackingId)).map(Held::snapshot);
    }

    /** The notifications sent so far, in order. */
    public List<Notified> notifications() {
        return List.copyOf(notifications);
    }

    private void create(RoutingContext ctx) {
        JsonNode body = parse(ctx);
        JsonNode request = body == null ? Json.MAPPER.missingNode() : body.path("request");
        String trackingId = request.path("tracking_id").isTextual() ? request.path("tracking_id").asText() : null;
        if (trackingId != null) {
            createCalls.computeIfAbsent(trackingId, k -> new AtomicInteger()).incrementAndGet();
            createHeaders.put(trackingId, ctx.request().headers().names().stream()
                    .map(n -> n.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
        }
        if (!authorized(ctx)) {
            return;
        }
        if (!request.isObject()) {
            unprocessable(ctx, Json.MAPPER.createObjectNode().set("request",
                    Json.MAPPER.createArrayNode().add("is missing")));
            return;
        }
        ObjectNode errors = validate(request);
        if (!errors.isEmpty()) {
            unprocessable(ctx, Json.MAPPER.createObjectNode().set("request", errors));
            return;
        }
        String account = request.path("method").path("account_number").asText("");
        ObjectNode transaction = transaction(request);
        Held held = new Held(transaction, request.path("notification_url").asText(null), account.startsWith("9004"));
        if (trackingId != null && byTrackingId.putIfAbsent(trackingId, held) != null) {
            ObjectNode taken = Json.MAPPER.createObjectNode();
            taken.putObject("request").putArray("tracking_id").add("has already been taken");
            unprocessable(ctx, taken);
            return;
        }
        if (account.startsWith("9006")) {
            if (trackingId != null) {
                byTrackingId.remove(trackingId);
            }
            json(ctx, 500, Json.MAPPER.createObjectNode().put("message", "Internal server error"));
            return;
        }
        byUid.put(transaction.path("uid").asText(), held);
        vertx.setTimer(settings.settleAfterMs(), t -> {
            if (account.startsWith("9003")) {
                settle(held, "failed", "Payout declined by the beneficiary's bank");
            } else if (account.startsWith("9005")) {
                settle(held, "expired", "Payout was not completed in time");
            } else {
                settle(held, "successful", "Payout is successful");
            }
        });
        ObjectNode reply = Json.MAPPER.createObjectNode().set("transaction", held.snapshot());
        if (account.startsWith("9001") || account.startsWith("9004")) {
            vertx.setTimer(settings.slowReplyMs(), t -> json(ctx, 200, reply));
        } else if (account.startsWith("9002")) {
            json(ctx, 500, Json.MAPPER.createObjectNode().put("message", "Internal server error"));
        } else {
            json(ctx, 200, reply);
        }
    }

    private void byTrackingId(RoutingContext ctx) {
        String trackingId = ctx.pathParam("trackingId");
        trackingQueries.computeIfAbsent(trackingId, k -> new AtomicInteger()).incrementAndGet();
        if (!authorized(ctx)) {
            return;
        }
        Held held = byTrackingId.get(trackingId);
        ObjectNode reply = Json.MAPPER.createObjectNode();
        var transactions = reply.putArray("transactions");
        if (held != null) {
            transactions.add(held.snapshot());
        }
        answer(ctx, held, reply);
    }

    private void byUid(RoutingContext ctx) {
        if (!authorized(ctx)) {
            return;
        }
        Held held = byUid.get(ctx.pathParam("uid"));
        if (held == null) {
            json(ctx, 404, Json.MAPPER.createObjectNode().put("message", "Record not found").set("errors",
                    Json.MAPPER.createObjectNode()));
            return;
        }
        answer(ctx, held, Json.MAPPER.createObjectNode().set("transaction", held.snapshot()));
    }

    private void answer(RoutingContext ctx, Held held, ObjectNode reply) {
        if (held != null && held.slow) {
            vertx.setTimer(settings.slowReplyMs(), t -> json(ctx, 200, reply));
        } else {
            json(ctx, 200, reply);
        }
    }

    /** The transaction JSON as the docs show it; the account number masked, as a gateway answers it. */
    private static ObjectNode transaction(JsonNode request) {
        String now = now();
        String methodType = request.path("method").path("type").asText();
        String message = "Payout is pending";
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("uid", UUID.randomUUID().toString());
        t.put("type", "payout");
        t.put("status", "pending");
        t.set("amount", request.path("amount"));
        t.put("currency", request.path("currency").asText());
        t.put("description", request.path("description").asText());
        t.put("created_at", now);
        t.put("updated_at", now);
        t.put("method_type", methodType);
        t.putObject("payout").put("status", "pending").put("gateway_id", 1).putNull("ref_id").put("message", message);
        ObjectNode method = request.path("method").deepCopy();
        String account = method.path("account_number").asText("");
        if (!account.isEmpty()) {
            method.put("account_number", "*".repeat(Math.max(0, account.length() - 4))
                    + account.substring(Math.max(0, account.length() - 4)));
        }
        t.set(methodType, method);
        t.set("customer", request.path("customer").isObject() ? request.path("customer") : Json.MAPPER.createObjectNode());
        t.put("tracking_id", request.path("tracking_id").asText(null));
        t.put("message", message);
        t.put("test", request.path("test").asBoolean(false));
        return t;
    }

    private void settle(Held held, String status, String message) {
        byte[] body;
        synchronized (held) {
            held.transaction.put("status", status);
            held.transaction.put("message", message);
            held.transaction.put("updated_at", now());
            ((ObjectNode) held.transaction.path("payout")).put("status", status).put("message", message)
                    .put("ref_id", "SBX-" + held.transaction.path("uid").asText().substring(0, 8));
            body = Json.MAPPER.createObjectNode().set("transaction", held.transaction.deepCopy()).toString()
                    .getBytes(StandardCharsets.UTF_8);
        }
        String trackingId = held.transaction.path("tracking_id").asText(null);
        String url = held.notificationUrl;
        if (url == null || url.isBlank()) {
            return;
        }
        String signature;
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(body);
            signature = Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        notifier.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                        .putHeader("Content-Type", "application/json").putHeader("Authorization", basic())
                        .putHeader("Content-Signature", signature))
                .compose(request -> request.send(Buffer.buffer(body)))
                .onSuccess(response -> {
                    notifications.add(new Notified(url, response.statusCode()));
                    LOG.info("sandbox overpay notified payout={} status={} answer={}", trackingId, status,
                            response.statusCode());
                })
                .onFailure(e -> {
                    notifications.add(new Notified(url, -1));
                    LOG.info("sandbox overpay could not notify payout={}: {}", trackingId, e.getMessage());
                });
    }

    /** The payout request's rules, each broken one named where beGateway names it. */
    private ObjectNode validate(JsonNode request) {
        ObjectNode errors = Json.MAPPER.createObjectNode();
        JsonNode amount = request.path("amount");
        if (amount.isMissingNode() || amount.isNull()) {
            error(errors, "is missing", "amount");
        } else if (!amount.isIntegralNumber()) {
            error(errors, "must be an integer", "amount");
        } else if (amount.bigIntegerValue().signum() <= 0) {
            error(errors, "must be greater than 0", "amount");
        }
        String currency = request.path("currency").asText("");
        if (currency.isEmpty()) {
            error(errors, "is missing", "currency");
        } else if (!isCurrency(currency)) {
            error(errors, "is invalid", "currency");
        }
        String description = request.path("description").asText("");
        if (description.isBlank()) {
            error(errors, "is missing", "description");
        } else if (description.codePointCount(0, description.length()) > 255) {
            error(errors, "is too long (maximum is 255 characters)", "description");
        }
        JsonNode trackingId = request.path("tracking_id");
        if (!trackingId.isMissingNode() && (!trackingId.isTextual() || trackingId.asText().length() > 255)) {
            error(errors, "is invalid", "tracking_id");
        }
        JsonNode notificationUrl = request.path("notification_url");
        if (!notificationUrl.isMissingNode() && !notificationUrl.asText("").matches("https?://\\S+")) {
            error(errors, "is invalid", "notification_url");
        }
        if (!request.path("test").isMissingNode() && !request.path("test").isBoolean()) {
            error(errors, "must be a boolean", "test");
        }
        JsonNode customer = request.path("customer");
        if (!customer.isMissingNode() && !customer.isObject()) {
            error(errors, "is invalid", "customer");
        }
        if (customer.has("email") && !customer.path("email").asText("").matches("[^@\\s]+@[^@\\s]+")) {
            error(errors, "is invalid", "customer", "email");
        }
        if (customer.has("country") && !customer.path("country").asText("").matches("[A-Z]{2}")) {
            error(errors, "is invalid", "customer", "country");
        }
        JsonNode method = request.path("method");
        String type = method.path("type").asText("");
        if (!method.isObject()) {
            error(errors, "is missing", "method");
        } else if (type.isEmpty()) {
            error(errors, "is missing", "method", "type");
        } else if (!methodTypes().contains(type)) {
            error(errors, "is not supported", "method", "type");
        } else if ("bank_transfer".equals(type)) {
            // a bank transfer needs the account, and who and where the beneficiary is
            for (String field : List.of("account_number", "bank_code")) {
                if (method.path(field).asText("").isBlank()) {
                    error(errors, "is missing", "method", field);
                }
            }
            for (String field : List.of("first_name", "country")) {
                if (customer.path(field).asText("").isBlank()) {
                    error(errors, "is missing", "customer", field);
                }
            }
        }
        return errors;
    }

    private Set<String> methodTypes() {
        return java.util.Arrays.stream(settings.brand(BRAND, "method-types").orElse("bank_transfer").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static void error(ObjectNode errors, String message, String... path) {
        ObjectNode node = errors;
        for (int i = 0; i < path.length - 1; i++) {
            node = node.has(path[i]) && node.get(path[i]).isObject() ? (ObjectNode) node.get(path[i]) : node.putObject(path[i]);
        }
        String last = path[path.length - 1];
        (node.has(last) && node.get(last).isArray() ? (com.fasterxml.jackson.databind.node.ArrayNode) node.get(last)
                : node.putArray(last)).add(message);
    }

    private boolean authorized(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String expected = basic();
        if (header == null || expected == null || !MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            json(ctx, 401, Json.MAPPER.createObjectNode().put("message", "Invalid shop_id/secret_key.")
                    .set("errors", Json.MAPPER.createObjectNode()));
            return false;
        }
        return true;
    }

    private String basic() {
        Optional<String> shop = settings.brand(BRAND, "shop-id");
        Optional<String> secret = settings.brand(BRAND, "secret-key");
        if (shop.isEmpty() || secret.isEmpty()) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString((shop.get() + ":" + secret.get())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isCurrency(String code) {
        try {
            return Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode parse(RoutingContext ctx) {
        try {
            String text = ctx.body() == null ? null : ctx.body().asString();
            return text == null || text.isBlank() ? null : Json.MAPPER.readTree(text);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static void unprocessable(RoutingContext ctx, ObjectNode errors) {
        json(ctx, 422, Json.MAPPER.createObjectNode().put("message", "Unprocessable entity").set("errors", errors));
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A configured private key (base64 PKCS#8 DER), with the public half derived from it. */
    private static KeyPair keyPair(String base64Pkcs8) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(base64Pkcs8.replaceAll("\\s", ""))));
            return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())), key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("payouts.sandbox.overpay.private-key is not a base64 PKCS#8 RSA key", e);
        }
    }
}
