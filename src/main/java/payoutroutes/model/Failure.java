package payoutroutes.model;

/** Why a payout failed (contract section 9.6). providerCode is the provider's own code, when it gave one. */
public record Failure(String code, String message, String providerCode) {

    public static final String PROVIDER_REJECTED = "PROVIDER_REJECTED";
    public static final String PROVIDER_AUTHENTICATION = "PROVIDER_AUTHENTICATION";
    public static final String PROVIDER_UNAVAILABLE = "PROVIDER_UNAVAILABLE";
    public static final String NOT_RECEIVED_BY_PROVIDER = "NOT_RECEIVED_BY_PROVIDER";
    public static final String EXPIRED = "EXPIRED";

    public static Failure rejected(String message, String providerCode) {
        return new Failure(PROVIDER_REJECTED, message, providerCode);
    }
}
