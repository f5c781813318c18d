package payoutroutes.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A merchant event (contract section 6), as the outbox keeps it: its body is fixed when the status
 * changes, so every delivery attempt sends the same bytes.
 */
public record PayoutEvent(String eventId, String payoutId, String body, String callbackUrl, Instant occurredAt) {

    public static final String STATUS_CHANGED = "payout.status_changed";

    public static PayoutEvent statusChanged(Payout previous, Payout next) {
        String eventId = UUID.randomUUID().toString();
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("eventId", eventId);
        json.put("type", STATUS_CHANGED);
        json.put("occurredAt", PayoutResource.timestamp(next.updatedAt()));
        json.put("previousStatus", previous.status().name());
        json.set("payout", PayoutResource.of(next));
        try {
            return new PayoutEvent(eventId, next.payoutId(), Json.MAPPER.writeValueAsString(json), next.callbackUrl(),
                    next.updatedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
