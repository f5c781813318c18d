package payoutroutes.model;

/**
 * The names of the headers and exchange properties that payout routes share, in one place (as camel-http's
 * {@code HttpConstants}). The YAML routes spell the same names; a rename is made here and there together.
 */
public final class PayoutConstants {

    /**
     * Header, the one input of a connector besides the canonical payout: {@code create} or {@code status}
     * (contract section 13). The service's provider routes also take {@code notification}, for which they
     * call the family's notification Kamelet.
     */
    public static final String OPERATION = "PayoutOperation";

    public static final String CREATE = "create";
    public static final String STATUS = "status";
    public static final String NOTIFICATION = "notification";

    /** Exchange property of the service's routes: the provider id the router chose, or the payout has. */
    public static final String PROVIDER = "provider";

    /**
     * Exchange property the router may set beside {@link #PROVIDER}: the provider a new payout goes to instead when
     * the first one provably never got it (its connection refused, its circuit breaker open).
     */
    public static final String FALLBACK_PROVIDER = "fallbackProvider";

    /** Exchange property: true when a new payout was moved to its fallback provider and is to be sent there. */
    public static final String FALLING_BACK = "fallingBack";

    /** Exchange property: the payoutId the exchange is about (for log lines and problems). */
    public static final String PAYOUT_ID = "payoutId";

    /** Exchange property: the id of the API client that sent the request (contract section 10). */
    public static final String CLIENT = "client";

    /** Exchange property: the validated request of a new payout, kept for its create call. */
    public static final String REQUEST = "request";

    /** Exchange property: the payout as stored before a provider's answer is applied to it. */
    public static final String PAYOUT = "payout";

    /** Exchange property: true when a create repeats an earlier one (answered 200, nothing sent). */
    public static final String REPLAY = "replay";

    /** Exchange property: the HTTP status of the API's answer, 200 unless a route says otherwise. */
    public static final String RESPONSE_CODE = "responseCode";

    /** Exchange property: true when a read payout is not final and its provider still exists (so a refresh may ask). */
    public static final String OPEN = "open";

    /** Exchange property: what taught us a payout's status (created, refreshed, notified, reconciled): for log lines. */
    public static final String STEP = "step";

    private PayoutConstants() {
    }
}
