package payoutroutes.connector.begateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import payoutroutes.connector.Parameters;
import payoutroutes.connector.ProviderFamily;
import payoutroutes.model.PayoutRequest;

/**
 * beGateway's APM API ("beyag"), of which overpay is a white label: amounts as integers in minor units, HTTP
 * Basic with the shop's id and secret key both ways, and notifications that may also be RSA-signed. Its parts,
 * in the order a payout meets them: {@link BegatewayRequests}, {@link BegatewayCredentials},
 * {@link BegatewayStatusMapping}, {@link BegatewayReplies}; its Kamelets' beans {@link BegatewayPayoutAction}
 * and {@link BegatewayNotificationAction}.
 */
public class BegatewayFamily implements ProviderFamily {

    /** The family's name, and the route group of routes/overpay.yaml: the beGateway family, overpay its instance. */
    public static final String NAME = "begateway-family";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> cannotTake(PayoutRequest request, Function<String, Optional<String>> setting) {
        List<String> reasons = new ArrayList<>();
        String methodTypes = setting.apply("method-types").orElse(BegatewaySettings.DEFAULT_METHOD_TYPES);
        if (!Parameters.pairs(methodTypes).containsKey(request.method())) {
            reasons.add("method " + request.method() + " has no method.type (method-types)");
        }
        return reasons;
    }
}
