package payoutroutes.model;

/** The canonical statuses (contract section 4) and the one state machine every source of truth obeys. */
public enum PayoutStatus {
    RECEIVED, PROCESSING, UNKNOWN, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /**
     * A final status never changes and nothing moves backwards. UNKNOWN is only about us: it is
     * entered from RECEIVED alone (a create whose outcome we could not read), never from PROCESSING.
     */
    public boolean canMoveTo(PayoutStatus next) {
        if (isFinal() || next == this || next == RECEIVED) {
            return false;
        }
        return switch (this) {
            case RECEIVED -> true;
            case UNKNOWN, PROCESSING -> next != UNKNOWN;
            default -> false;
        };
    }
}
