package payoutroutes.connector.begateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutRequest;
import payoutroutes.connector.Notification;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.connector.ProviderFamily;
import payoutroutes.connector.ProviderSettings;

/**
 * beGateway's APM API ("beyag"), of which overpay is a white label: amounts as integers in minor units, HTTP
 * Basic with the shop's id and secret key both ways, and notifications that may also be RSA-signed.
 * Its parts, in the order a payout meets them: {@link OverpayRequests}, {@link OverpayCredentials},
 * {@link OverpayStatusMapping}, {@link OverpayReplies}.
 */
public class OverpayFamily implements ProviderFamily {

    /** The bean's name and the route group of routes/overpay.yaml: the beGateway family, overpay its instance. */
    public static final String NAME = "begateway-family";

    private static final Logger LOG = LoggerFactory.getLogger(OverpayFamily.class);

    @Override
    public List<String> cannotTake(PayoutRequest request, ProviderSettings settings) {
        List<String> reasons = new ArrayList<>();
        if (OverpayRequests.methodType(request.method(), settings) == null) {
            reasons.add("method " + request.method() + " is not configured (payouts.providers." + settings.id()
                    + ".method." + request.method() + ")");
        }
        return reasons;
    }

    /**
     * Believed only when the Basic credentials are the shop's and, when {@code public-key} is configured, the
     * {@code Content-Signature} over the raw body verifies too (contract 9.12): both must pass. Only then is the
     * body read; it is the transaction JSON, and its tracking_id is our payoutId.
     */
    @Override
    public Notification verifyNotification(ProviderSettings settings, Map<String, Object> headers, byte[] body) {
        if (!OverpayCredentials.isShop(header(headers, "Authorization"), settings)) {
            throw new NotificationRefused("the Basic credentials are not the shop's");
        }
        Optional<String> publicKey = settings.get("public-key");
        if (publicKey.isPresent()) {
            boolean signed;
            try {
                signed = OverpayCredentials.isSignedBy(publicKey.get(), header(headers, "Content-Signature"), body);
            } catch (GeneralSecurityException e) {
                LOG.error("provider={} step=notification the configured payouts.providers.{}.public-key is unusable: {}",
                        settings.id(), settings.id(), e.getMessage());
                throw new NotificationRefused("the signature could not be checked");
            }
            if (!signed) {
                throw new NotificationRefused("the Content-Signature is missing or does not match the body");
            }
        }
        JsonNode transaction;
        try {
            transaction = Json.MAPPER.readTree(body).path("transaction");
        } catch (java.io.IOException | RuntimeException e) {
            throw new NotificationRefused("the body is not a transaction");
        }
        String trackingId = Json.text(transaction, "tracking_id");
        if (trackingId == null || trackingId.isBlank() || !OverpayReplies.readable(transaction)) {
            throw new NotificationRefused("the notification names no payout or no status");
        }
        return new Notification(trackingId, OverpayReplies.transactionOutcome(transaction));
    }

    /** A header by name whatever its case (HTTP names are case-insensitive; the map given may not be). */
    private static String header(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (value instanceof Collection<?> values) {
            value = values.isEmpty() ? null : values.iterator().next();
        }
        return value == null ? null : value.toString();
    }
}
