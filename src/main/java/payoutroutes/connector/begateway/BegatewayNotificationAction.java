package payoutroutes.connector.begateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.connector.NotificationAction;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.model.Json;

/**
 * The bean of the {@code begateway-notification-action} Kamelet. A notification is believed only when its
 * Basic credentials are the shop's and, when a public key is configured, its {@code Content-Signature} over
 * the raw body verifies too (contract 9.12): both must pass. Only then is the body read; it is the
 * transaction JSON, and its tracking_id is our payoutId.
 */
public class BegatewayNotificationAction extends NotificationAction {

    private static final Logger LOG = LoggerFactory.getLogger(BegatewayNotificationAction.class);

    private String shopId;
    private String secretKey;
    private String publicKey;

    @Override
    protected Notification verify(Map<String, Object> headers, byte[] body) {
        if (shopId == null || shopId.isBlank() || secretKey == null
                || !BegatewayCredentials.isShop(header(headers, "Authorization"), shopId, secretKey)) {
            throw new NotificationRefused("the Basic credentials are not the shop's");
        }
        if (publicKey != null && !publicKey.isBlank()) {
            boolean signed;
            try {
                signed = BegatewayCredentials.isSignedBy(publicKey, header(headers, "Content-Signature"), body);
            } catch (GeneralSecurityException e) {
                LOG.error("step=notification the configured publicKey is unusable: {}", e.getMessage());
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
        if (trackingId == null || trackingId.isBlank() || !BegatewayReplies.readable(transaction)) {
            throw new NotificationRefused("the notification names no payout or no status");
        }
        return new Notification(trackingId, BegatewayReplies.transactionOutcome(transaction));
    }

    public void setShopId(String shopId) {
        this.shopId = shopId;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }
}
