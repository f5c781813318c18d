package payoutroutes.model;

import java.util.Map;

/**
 * A canonical payout request that passed validation. {@code fingerprint} identifies its content
 * (equal after parsing) so that a replay and a conflict can be told apart.
 */
public record PayoutRequest(String payoutId, String provider, Money amount, String method, Beneficiary beneficiary,
                            String description, String callbackUrl, boolean test, Map<String, Object> metadata,
                            String fingerprint) {

    /** The description a provider that needs one is given (contract 9.4). */
    public String descriptionOrDefault() {
        return description != null && !description.isBlank() ? description : "Payout " + payoutId;
    }
}
