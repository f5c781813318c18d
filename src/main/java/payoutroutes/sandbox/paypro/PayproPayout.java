package payoutroutes.sandbox.paypro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import payoutroutes.sandbox.HeldPayout;
import payoutroutes.sandbox.SandboxJson;
import payoutroutes.sandbox.fault.Faults;

/** A payout as the paypro sandbox keeps it (a few fields), and paypro's JSON about it. */
final class PayproPayout extends HeldPayout {

    static final String PAID = "0000";
    static final String IN_PROGRESS = "0015";
    /** The words paypro puts beside its status codes. */
    static final Map<String, String> STATUS_WORDS = Map.of(PAID, "Success", IN_PROGRESS, "CREDIT_INPROGRESS",
            "00029", "REJECTED_TRANSACTION", "00032", "UNKNOWN_ERROR", "0100019", "PAYEE_DAILY_CUMULATIVE_AMT_REACHED");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    private final String platFormTradeNo;
    private final BigInteger amount;
    private final String notifyUrl;
    private final String firstStatus;
    private volatile String status;
    private volatile String successTime;

    PayproPayout(String tradeNo, String platFormTradeNo, BigInteger amount, String notifyUrl, String firstStatus,
                 Faults faults) {
        super(tradeNo, faults);
        this.platFormTradeNo = platFormTradeNo;
        this.amount = amount;
        this.notifyUrl = notifyUrl;
        this.firstStatus = firstStatus;
        this.status = firstStatus;
    }

    String platFormTradeNo() {
        return platFormTradeNo;
    }

    String notifyUrl() {
        return notifyUrl;
    }

    String status() {
        return status;
    }

    void settle(String finalStatus) {
        if (PAID.equals(finalStatus) && successTime == null) {
            successTime = LocalDateTime.now(JAKARTA).format(LOCAL_TIME);
        }
        status = finalStatus;
    }

    /** The payOut answer's data. */
    ObjectNode created(String remark) {
        ObjectNode data = SandboxJson.object().put("tradeNo", id()).put("platFormTradeNo", platFormTradeNo)
                .put("status", firstStatus)
                .put("desc", IN_PROGRESS.equals(firstStatus) ? "Paying" : STATUS_WORDS.get(firstStatus));
        if (remark != null) {
            data.put("remark", remark);
        }
        return data;
    }

    /** The queryPayOutResult answer's data, as it stands. */
    ObjectNode queried() {
        String now = status;
        return SandboxJson.object().put("tradeNo", id()).put("platFormTradeNo", platFormTradeNo)
                .put("orderAmount", amount).put("payAmount", PAID.equals(now) ? amount : BigInteger.ZERO)
                .put("status", now).put("message", STATUS_WORDS.get(now)).put("successTime", successTime);
    }

    /** The notification of this status, unsigned: a new timestamp each time. */
    ObjectNode notification(String ofStatus) {
        ObjectNode note = SandboxJson.object().put("status", ofStatus)
                .put("message", STATUS_WORDS.getOrDefault(ofStatus, ofStatus))
                .put("platFormTradeNo", platFormTradeNo).put("tradeNo", id())
                .put("amount", amount.toString()).put("timestamp", String.valueOf(System.currentTimeMillis()));
        if (successTime != null && PAID.equals(ofStatus)) {
            note.put("successTime", successTime);
        }
        return note;
    }

    /** The status it had before settling (the older notification of the out-of-order fault). */
    String firstStatus() {
        return firstStatus;
    }
}
