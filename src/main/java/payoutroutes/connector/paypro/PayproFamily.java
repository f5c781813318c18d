package payoutroutes.connector.paypro;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import payoutroutes.model.CurrencyExponents;
import payoutroutes.model.PayoutRequest;
import payoutroutes.model.PayoutStatus;
import payoutroutes.connector.Notification;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.connector.ProviderFamily;
import payoutroutes.model.ProviderOutcome;
import payoutroutes.connector.ProviderSettings;

/**
 * paypro (docs.paypro.tech, Indonesia): whole rupiah, a beneficiary with an Indonesian mobile number
 * and an email, every body signed with the app secret, answers in two layers, and signed notifications
 * answered with the plain text {@code OK}. Its parts, in the order a payout meets them:
 * {@link PayproRequests}, {@link PayproSigner}, {@link PayproStatusMapping}, {@link PayproReplies}.
 */
public class PayproFamily implements ProviderFamily {

    public static final String NAME = "paypro";
    public static final String IDR = "IDR";

    /**
     * What paypro's payOut needs beyond the canonical schema. IDR and whole amounts are the protocol's own
     * limits, said here only when the provider's configured currencies and exponents did not already.
     */
    @Override
    public List<String> cannotTake(PayoutRequest request, ProviderSettings settings) {
        List<String> reasons = new ArrayList<>();
        String currency = request.amount().currency();
        if (!IDR.equals(currency)) {
            if (settings.currencies().isEmpty() || settings.currencies().contains(currency)) {
                reasons.add("amount.currency: paypro pays out IDR only, not " + currency);
            }
        } else if (request.amount().decimals() > 0
                && request.amount().decimals() <= CurrencyExponents.exponent(IDR, settings.currencyExponents())) {
            reasons.add("amount.value: paypro pays whole rupiah only; " + request.amount() + " is never rounded");
        }
        if (!"BANK_TRANSFER".equals(request.method())) {
            reasons.add("method " + request.method() + " is not supported by paypro");
        }
        String phone = request.beneficiary().phone();
        if (phone == null) {
            reasons.add("beneficiary.phone is required by paypro");
        } else if (!PayproRequests.isMobile(phone)) {
            reasons.add("beneficiary.phone must be an Indonesian mobile number for paypro: 08... or 628..., "
                    + "10 to 13 digits");
        }
        if (request.beneficiary().email() == null) {
            reasons.add("beneficiary.email is required by paypro");
        }
        return reasons;
    }

    /**
     * Believes a notification only when its {@code sign}, recomputed over every other field as its text
     * in the JSON, matches (compared in constant time). The payout is its tradeNo; what it says is mapped
     * like a query's data.status, and 00032 (unknown error) is only a reason to ask paypro again.
     */
    @Override
    public Notification verifyNotification(ProviderSettings settings, Map<String, Object> headers, byte[] body) {
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
        String expected = PayproSigner.sign(fields, settings.require("app-secret"), PayproSigner.position(settings));
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
            case UNKNOWN -> Notification.wakeUpFor(tradeNo);
            case FAILED -> new Notification(tradeNo, ProviderOutcome.answered(canonical, reference, null,
                    PayproStatusMapping.failure(status, fields.get("message"))));
            default -> new Notification(tradeNo, ProviderOutcome.answered(canonical, reference, null, null));
        };
    }

    @Override
    public String notificationAnswer() {
        return "OK";
    }
}
