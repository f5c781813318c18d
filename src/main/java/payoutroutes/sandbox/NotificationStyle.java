package payoutroutes.sandbox;

import java.util.List;

/** How a provider family delivers its notifications: what counts as delivered, and when it tries again. */
public interface NotificationStyle {

    /** One attempt: which one, what was sent, and the answer's status (0: no answer) and whether it counts. */
    record Attempt(String payoutId, Notice notice, int number, int status, boolean accepted) {
    }

    /** How long after each attempt not accepted the next one waits; empty: one attempt only. */
    default List<Long> retryMs() {
        return List.of();
    }

    /** Whether the merchant's answer is one the provider takes as delivered. */
    default boolean accepted(int status, String body) {
        return status / 100 == 2;
    }

    /** Told of every attempt, as it ends. */
    default void attempted(Attempt attempt) {
    }
}
