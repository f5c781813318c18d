package payoutroutes.connector;
import payoutroutes.model.ProviderOutcome;

/**
 * A provider's notification that passed its provider's verification: the payout it names, and what it
 * says in canonical terms. A null outcome means the notification is only a wake-up (unsigned, as the
 * aopay platform's are): the payout is then looked up at the provider and only that answer counts.
 */
public record Notification(String payoutId, ProviderOutcome outcome) {

    public static Notification wakeUpFor(String payoutId) {
        return new Notification(payoutId, null);
    }

    public boolean isWakeUp() {
        return outcome == null;
    }
}
