package payoutroutes.connector;

/** Thrown before the payout itself went out (e.g. no token could be had): nothing reached the provider. */
public class PayoutNotSent extends RuntimeException {
    public PayoutNotSent(String message, Throwable cause) {
        super(message, cause);
    }
}
