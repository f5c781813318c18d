package payoutroutes.connector.aopay;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import payoutroutes.connector.Parameters;
import payoutroutes.connector.ProviderFamily;
import payoutroutes.model.PayoutRequest;

/**
 * The aopay white-label platform (aopay, echelonpay, komopay and any other brand of it): amounts in
 * major units, a JWT per payout from {@code POST /auth-tokens}, and unsigned notifications. Its parts,
 * in the order a payout meets them: {@link AopayRequests}, {@link AopayTokens}, {@link AopayStatusMapping},
 * {@link AopayReplies}; its Kamelets' beans {@link AopayPayoutAction} and {@link AopayNotificationAction}.
 */
public class AopayFamily implements ProviderFamily {

    public static final String NAME = "aopay-family";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> cannotTake(PayoutRequest request, Function<String, Optional<String>> setting) {
        List<String> reasons = new ArrayList<>();
        String methodCodes = setting.apply("method-codes").orElse(AopaySettings.DEFAULT_METHOD_CODES);
        if (!Parameters.pairs(methodCodes).containsKey(request.method())) {
            reasons.add("method " + request.method() + " has no paymentMethodCode (method-codes)");
        }
        return reasons;
    }
}
