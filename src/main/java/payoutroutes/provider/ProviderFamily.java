package payoutroutes.provider;

import java.util.List;
import payoutroutes.payout.PayoutRequest;

/**
 * The Java half of a connector that several providers may share. Its routes carry the family's name as
 * their Camel route group, which is how a provider id finds its family.
 */
public interface ProviderFamily {

    /** Why this provider can't take the request (each reason becomes part of a 422), empty when it can. */
    List<String> cannotTake(PayoutRequest request, ProviderSettings settings);
}
