package payoutroutes.connector.paypro;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import payoutroutes.model.CurrencyExponents;
import payoutroutes.model.PayoutRequest;
import payoutroutes.connector.ProviderFamily;
import payoutroutes.connector.Parameters;
import java.util.Optional;
import java.util.function.Function;

/**
 * paypro (docs.paypro.tech, Indonesia): whole rupiah, a beneficiary with an Indonesian mobile number
 * and an email, every body signed with the app secret, answers in two layers, and signed notifications
 * answered with the plain text {@code OK}. Its parts, in the order a payout meets them:
 * {@link PayproRequests}, {@link PayproSigner}, {@link PayproStatusMapping}, {@link PayproReplies}; its Kamelets'
 * beans {@link PayproPayoutAction} and {@link PayproNotificationAction}.
 */
public class PayproFamily implements ProviderFamily {

    public static final String NAME = "paypro";
    public static final String IDR = "IDR";

    /**
     * What paypro's payOut needs beyond the canonical schema. IDR and whole amounts are the protocol's own
     * limits, said here only when the provider's configured currencies and exponents did not already.
     */
    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> cannotTake(PayoutRequest request, Function<String, Optional<String>> setting) {
        List<String> reasons = new ArrayList<>();
        String currency = request.amount().currency();
        List<String> currencies = Parameters.list(setting.apply("currencies").orElse(""));
        Map<String, Integer> exponents = Parameters.exponents(setting.apply("currency-exponents").orElse(""));
        if (!IDR.equals(currency)) {
            if (currencies.isEmpty() || currencies.contains(currency)) {
                reasons.add("amount.currency: paypro pays out IDR only, not " + currency);
            }
        } else if (request.amount().decimals() > 0
                && request.amount().decimals() <= CurrencyExponents.exponent(IDR, exponents)) {
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

    @Override
    public String notificationAnswer() {
        return "OK";
    }
}
