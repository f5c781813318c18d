package payoutroutes.sandbox.overpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;
import payoutroutes.sandbox.HeldPayout;
import payoutroutes.sandbox.SandboxJson;
import payoutroutes.sandbox.fault.Faults;

/**
 * A payout as the overpay sandbox keeps it: a few fields, the request's method (its account number masked,
 * as a gateway answers it) and customer kept as compact JSON text, and beGateway's transaction JSON made
 * from them when asked.
 */
final class OverpayPayout extends HeldPayout {

    static final String PENDING = "pending";
    private static final String PENDING_MESSAGE = "Payout is pending";

    private final String uid;
    private final String trackingId;
    private final BigInteger amount;
    private final String currency;
    private final String description;
    private final String methodType;
    private final String method;
    private final String customer;
    private final boolean test;
    private final String notificationUrl;
    private final long createdAt = System.currentTimeMillis();
    private volatile long updatedAt = createdAt;
    private volatile String status = PENDING;
    private volatile String message = PENDING_MESSAGE;

    private OverpayPayout(String uid, String trackingId, JsonNode request, Faults faults) {
        super(trackingId != null ? trackingId : uid, faults);
        this.uid = uid;
        this.trackingId = trackingId;
        this.amount = request.path("amount").bigIntegerValue();
        this.currency = java.util.Currency.getInstance(request.path("currency").asText()).getCurrencyCode();
        this.description = request.path("description").asText();
        this.methodType = request.path("method").path("type").asText();
        this.method = masked(request.path("method")).toString();
        this.customer = (request.path("customer").isObject() ? request.path("customer") : SandboxJson.object()).toString();
        this.test = request.path("test").asBoolean(false);
        this.notificationUrl = request.path("notification_url").asText(null);
    }

    /** A new transaction from a request that broke no rule; held under its tracking_id, or its uid without one. */
    static OverpayPayout of(JsonNode request, Faults faults) {
        JsonNode trackingId = request.path("tracking_id");
        return new OverpayPayout(UUID.randomUUID().toString(), trackingId.isTextual() ? trackingId.asText() : null,
                request, faults);
    }

    /** The transaction's uid, the payout's id at overpay (the tracking_id is ours, and may be absent). */
    String uid() {
        return uid;
    }

    String trackingId() {
        return trackingId;
    }

    String notificationUrl() {
        return notificationUrl;
    }

    String status() {
        return status;
    }

    synchronized void settle(String finalStatus, String finalMessage) {
        updatedAt = System.currentTimeMillis();
        message = finalMessage;
        status = finalStatus;
    }

    /** The transaction as it stands. */
    synchronized ObjectNode transaction() {
        return transaction(status, message, updatedAt);
    }

    /** The transaction as it was before settling (the older notification of the out-of-order fault). */
    ObjectNode pendingTransaction() {
        return transaction(PENDING, PENDING_MESSAGE, createdAt);
    }

    private ObjectNode transaction(String status, String message, long updatedAt) {
        ObjectNode t = SandboxJson.object();
        t.put("uid", uid);
        t.put("type", "payout");
        t.put("status", status);
        t.put("amount", amount);
        t.put("currency", currency);
        t.put("description", description);
        t.put("created_at", Instant.ofEpochMilli(createdAt).toString());
        t.put("updated_at", Instant.ofEpochMilli(updatedAt).toString());
        t.put("method_type", methodType);
        t.putObject("payout").put("status", status).put("gateway_id", 1)
                .put("ref_id", PENDING.equals(status) ? null : "SBX-" + uid.substring(0, 8)).put("message", message);
        t.set(methodType, SandboxJson.readOrNull(method));
        t.set("customer", SandboxJson.readOrNull(customer));
        t.put("tracking_id", trackingId);
        t.put("message", message);
        t.put("test", test);
        return t;
    }

    private static JsonNode masked(JsonNode method) {
        ObjectNode copy = method.deepCopy();
        String account = copy.path("account_number").asText("");
        if (!account.isEmpty()) {
            copy.put("account_number", "*".repeat(Math.max(0, account.length() - 4))
                    + account.substring(Math.max(0, account.length() - 4)));
        }
        return copy;
    }
}
