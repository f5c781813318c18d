package payoutroutes.model;


/**
 * What a call to a provider taught us, in canonical terms. Every connector's reply mapping ends here,
 * so that one ledger applies the answers of every provider alike.
 */
public record ProviderOutcome(Kind kind, PayoutStatus status, String providerReference, Money fee, Failure failure,
                              String detail) {

    public enum Kind {
        /** The provider answered with a status of the payout. */
        ANSWERED,
        /** The provider answered that it does not have the payout. */
        NOT_FOUND,
        /** The request may have reached the provider but we can't tell what it did (timeout, 5xx, garbage). */
        NO_ANSWER,
        /** The payout provably never reached the provider (connection refused, no token). */
        NOT_SENT
    }

    public static ProviderOutcome answered(PayoutStatus status, String providerReference, Money fee, Failure failure) {
        return new ProviderOutcome(Kind.ANSWERED, status, providerReference, fee, failure, status.name());
    }

    public static ProviderOutcome notFound(String detail) {
        return new ProviderOutcome(Kind.NOT_FOUND, null, null, null, null, detail);
    }

    public static ProviderOutcome noAnswer(String detail) {
        return new ProviderOutcome(Kind.NO_ANSWER, null, null, null, null, detail);
    }

    public static ProviderOutcome notSent(String detail) {
        return new ProviderOutcome(Kind.NOT_SENT, null, null, null, null, detail);
    }
}
