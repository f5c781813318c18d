package payoutroutes.connector;

import payoutroutes.model.PayoutRequest;

/**
 * One call of a payout action, as its steps share it: what was asked ({@code create} or {@code status}),
 * about which payout, and whether the request has started to leave. It lives in an exchange property
 * for the length of the Kamelet and is removed before the Kamelet answers.
 */
public final class ConnectorCall {

    static final String PROPERTY = "PayoutConnectorCall";

    private final boolean create;
    private final PayoutRequest payout;
    private final String providerReference;
    private volatile boolean sending;

    ConnectorCall(boolean create, PayoutRequest payout, String providerReference) {
        this.create = create;
        this.payout = payout;
        this.providerReference = providerReference;
    }

    public boolean isCreate() {
        return create;
    }

    public String payoutId() {
        return payout.payoutId();
    }

    public String provider() {
        return payout.provider();
    }

    /** The canonical payout; for a status call only its payoutId and provider are known. */
    public PayoutRequest payout() {
        return payout;
    }

    /** The provider's own id of the payout, when the caller knows it (a status call after a create's answer). */
    public String providerReference() {
        return providerReference;
    }

    /** Whether the request has started to leave: from then on a failure may have reached the provider. */
    public boolean isSending() {
        return sending;
    }

    void markSending() {
        sending = true;
    }
}
