package payoutroutes.service.store;

/** The store could not do what was asked; the request fails without a half-written state. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
