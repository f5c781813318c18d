package payoutroutes.provider.aopay;

import java.util.ArrayList;
import java.util.List;
import payoutroutes.payout.PayoutRequest;
import payoutroutes.provider.ProviderFamily;
import payoutroutes.provider.ProviderSettings;

/**
 * The aopay white-label platform (aopay, echelonpay, komopay and any other brand of it): amounts in
 * major units, a JWT per payout from {@code POST /auth-tokens}, and unsigned notifications.
 * Its parts, in the order a payout meets them: {@link AopayRequests}, {@link AopayTokens},
 * {@link AopayStatusMapping}, {@link AopayReplies}.
 */
public class AopayFamily implements ProviderFamily {

    public static final String NAME = "aopay-family";

    @Override
    public List<String> cannotTake(PayoutRequest request, ProviderSettings settings) {
        List<String> reasons = new ArrayList<>();
        if (AopayRequests.methodCode(request.method(), settings) == null) {
            reasons.add("method " + request.method() + " is not configured (payouts.providers." + settings.id()
                    + ".method." + request.method() + ")");
        }
        return reasons;
    }
}
