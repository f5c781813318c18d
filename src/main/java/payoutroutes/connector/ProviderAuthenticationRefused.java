package payoutroutes.connector;

/** The provider refused our credentials: a configuration error that no retry will mend. */
public class ProviderAuthenticationRefused extends RuntimeException {
    public ProviderAuthenticationRefused(String message) {
        super(message, null, false, false);
    }
}
