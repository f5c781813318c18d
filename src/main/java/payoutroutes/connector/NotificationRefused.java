package payoutroutes.connector;

/** A notification that failed its provider's verification: answered 401, and nothing changes. */
public class NotificationRefused extends RuntimeException {
    public NotificationRefused(String reason) {
        super(reason, null, false, false);
    }
}
