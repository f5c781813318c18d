package payoutroutes.model;

import java.time.Instant;

/** A payout as the store keeps it and the API shows it (contract section 4). */
public record Payout(String payoutId, String provider, String providerReference, PayoutStatus status, Money amount,
                     Money fee, Failure failure, String callbackUrl, Instant createdAt, Instant updatedAt) {

    public static Payout received(PayoutRequest request, String provider, Instant now) {
        return new Payout(request.payoutId(), provider, null, PayoutStatus.RECEIVED, request.amount(), null, null,
                request.callbackUrl(), now, now);
    }

    /** This RECEIVED payout, to be sent to another provider instead (the routing rule's fallback). */
    public Payout movedTo(String newProvider, Instant now) {
        return new Payout(payoutId, newProvider, providerReference, status, amount, fee, failure, callbackUrl, createdAt,
                now);
    }

    /** This payout as the provider's answer leaves it; what the answer does not say is kept. */
    public Payout with(PayoutStatus newStatus, String newReference, Money newFee, Failure newFailure, Instant now) {
        return new Payout(payoutId, provider, newReference != null ? newReference : providerReference, newStatus, amount,
                newFee != null ? newFee : fee, newFailure != null ? newFailure : failure, callbackUrl, createdAt, now);
    }
}
