package payoutroutes.sandbox.aopay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import payoutroutes.sandbox.HeldPayout;
import payoutroutes.sandbox.SandboxJson;
import payoutroutes.sandbox.fault.Faults;

/** A payout as the aopay sandbox keeps it (a few fields), and the platform's JSON about it. */
final class AopayPayout extends HeldPayout {

    static final String BANK_TRANSFER = "BANK_TRANSFER";
    static final String PENDING = "PENDING";
    private static final BigDecimal FEE = new BigDecimal("0.1");

    private final BigDecimal amount;
    private final String currency;
    private final String callbackUrl;
    private final long createdAt = System.currentTimeMillis();
    private volatile String status = PENDING;
    private volatile long processedAt;

    AopayPayout(String idPayout, BigDecimal amount, String currency, String callbackUrl, Faults faults) {
        super(idPayout, faults);
        this.amount = amount;
        this.currency = currency;
        this.callbackUrl = callbackUrl;
    }

    /** Where its notification goes; null: nowhere. */
    String callbackUrl() {
        return callbackUrl;
    }

    String status() {
        return status;
    }

    void settle(String finalStatus) {
        processedAt = System.currentTimeMillis();
        status = finalStatus;
    }

    /** The answer to its create: the money asked for and the idPayout. */
    ObjectNode created() {
        ObjectNode reply = SandboxJson.object();
        reply.putObject("paymentRequested").set("money", money());
        reply.putObject("paymentMethodResponse").put("paymentMethodCode", BANK_TRANSFER).put("idPayout", id());
        return reply;
    }

    /** {@code GET /payouts/{id}} as it stands, also the body of its notification. */
    ObjectNode detail() {
        return detail(status, processedAt);
    }

    /** The detail as it was before settling (the older notification of the out-of-order fault). */
    ObjectNode pendingDetail() {
        return detail(PENDING, 0);
    }

    private ObjectNode detail(String status, long processedAt) {
        ObjectNode reply = SandboxJson.object();
        reply.putObject("paymentRequested").set("money", money());
        reply.putObject("process").put("status", status).put("createdAt", Instant.ofEpochMilli(createdAt).toString())
                .put("processedAt", processedAt == 0 ? null : Instant.ofEpochMilli(processedAt).toString())
                .put("isTest", true);
        reply.putObject("fee").put("amount", FEE).put("currencyCode", "USD");
        reply.putObject("paymentMethodResponse").put("paymentMethodCode", BANK_TRANSFER).put("idPayout", id());
        return reply;
    }

    private ObjectNode money() {
        return SandboxJson.object().put("amount", amount).put("currencyCode", currency);
    }
}
