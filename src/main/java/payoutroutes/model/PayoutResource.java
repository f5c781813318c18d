package payoutroutes.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The payout resource as the contract shows it (section 4 and 9.15). */
public final class PayoutResource {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private PayoutResource() {
    }

    public static ObjectNode of(Payout payout) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("payoutId", payout.payoutId());
        json.put("provider", payout.provider());
        json.put("providerReference", payout.providerReference());
        json.put("status", payout.status().name());
        json.set("amount", money(payout.amount()));
        json.set("fee", money(payout.fee()));
        if (payout.failure() == null) {
            json.putNull("failure");
        } else {
            ObjectNode failure = json.putObject("failure");
            failure.put("code", payout.failure().code());
            failure.put("message", payout.failure().message());
            failure.put("providerCode", payout.failure().providerCode());
        }
        json.put("createdAt", timestamp(payout.createdAt()));
        json.put("updatedAt", timestamp(payout.updatedAt()));
        return json;
    }

    private static ObjectNode money(Money money) {
        if (money == null) {
            return null;
        }
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("value", money.normalized());
        json.put("currency", money.currency());
        return json;
    }

    public static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
