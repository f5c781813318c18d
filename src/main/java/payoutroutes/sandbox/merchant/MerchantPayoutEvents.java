package payoutroutes.sandbox.merchant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import payoutroutes.sandbox.SandboxJson;

/**
 * The verified events one payout's merchant got, in the order they came (the last {@value #KEPT} of them), and
 * the status of the last one it took (answered 2xx): what a chaos test in another process asks about.
 */
final class MerchantPayoutEvents {

    static final int KEPT = 20;
    /** The canonical statuses, so that a hundred thousand payouts share six strings. */
    private static final Set<String> STATUSES = Set.of("RECEIVED", "PROCESSING", "UNKNOWN", "SUCCEEDED", "FAILED",
            "CANCELLED");

    private record Event(String eventId, String previousStatus, String status, int answer) {
    }

    private final Deque<Event> events = new ArrayDeque<>(2);
    private String lastStatus;

    synchronized void add(String eventId, String previousStatus, String status, int answer) {
        if (events.size() >= KEPT) {
            events.removeFirst();
        }
        events.addLast(new Event(eventId, canonical(previousStatus), canonical(status), answer));
        if (answer / 100 == 2) {
            lastStatus = canonical(status);
        }
    }

    synchronized String lastStatus() {
        return lastStatus;
    }

    synchronized ObjectNode toJson(String payoutId) {
        ObjectNode json = SandboxJson.object().put("payoutId", payoutId).put("lastStatus", lastStatus);
        ArrayNode list = json.putArray("events");
        events.forEach(e -> list.addObject().put("eventId", e.eventId()).put("previousStatus", e.previousStatus())
                .put("status", e.status()).put("answer", e.answer()));
        return json;
    }

    private static String canonical(String status) {
        for (String known : STATUSES) {
            if (known.equals(status)) {
                return known;
            }
        }
        return status;
    }
}
