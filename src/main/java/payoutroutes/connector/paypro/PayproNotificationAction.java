package payoutroutes.connector.paypro;

import java.util.Map;
import payoutroutes.connector.NotificationAction;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.model.PayoutStatus;
import payoutroutes.model.ProviderOutcome;

/** The bean of the {@code paypro-notification-action} Kamelet: a notification is believed on its sign alone. */
public class PayproNotificationAction extends NotificationAction {

    private String appSecret;
    private String secretPosition = "append";

    /**
     * Believes a notification only when its {@code sign}, recomputed over every other field as its text
     * in the JSON, matches (compared in constant time). The payout is its tradeNo; what it says is mapped
     * like a query's data.status, and 00032 (unknown error) is only a reason to ask paypro again.
     */
    @Override
    protected Notification verify(Map<String, Object> headers, byte[] body) {
        Map<String, String> fields;
        try {
            fields = PayproSigner.fieldTexts(body);
        } catch (IllegalArgumentException e) {
            throw new NotificationRefused("the notification is not one flat JSON object: " + e.getMessage());
        }
        String sign = fields.get(PayproSigner.SIGN);
        if (sign == null || sign.isEmpty()) {
            throw new NotificationRefused("the notification carries no sign");
        }
        String expected = PayproSigner.sign(fields, required(appSecret), secretPosition());
        if (!PayproSigner.matches(expected, sign)) {
            throw new NotificationRefused("the notification's sign does not match");
        }
        String tradeNo = fields.get("tradeNo");
        String status = fields.get("status");
        if (tradeNo == null || tradeNo.isEmpty() || status == null || status.isEmpty()) {
            throw new NotificationRefused("the notification names no tradeNo or no status");
        }
        String reference = fields.get("platFormTradeNo") == null || fields.get("platFormTradeNo").isEmpty()
                ? null : fields.get("platFormTradeNo");
        PayoutStatus canonical = PayproStatusMapping.orderStatus(status);
        return switch (canonical) {
            case UNKNOWN -> Notification.wakeUp(tradeNo);
            case FAILED -> new Notification(tradeNo, ProviderOutcome.answered(canonical, reference, null,
                    PayproStatusMapping.failure(status, fields.get("message"))));
            default -> new Notification(tradeNo, ProviderOutcome.answered(canonical, reference, null, null));
        };
    }

    /** Without the app secret no notification can be proven: each is refused, never believed. */
    private static String required(String appSecret) {
        if (appSecret == null || appSecret.isBlank()) {
            throw new NotificationRefused("no appSecret is configured to check the sign with");
        }
        return appSecret;
    }

    private PayproSigner.SecretPosition secretPosition() {
        return PayproSigner.SecretPosition.of(secretPosition);
    }

    public void setAppSecret(String appSecret) {
        this.appSecret = appSecret;
    }

    public void setSecretPosition(String secretPosition) {
        this.secretPosition = secretPosition;
    }
}
