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
 * The bean of the {@code begateway-notification-action} Kamelet. With a public key configured, a notification is
 * believed only when its Basic credentials are the shop's and its {@code Content-Signature} over the raw body
 * verifies (contract 9.12): both must pass. Without a public key, Basic credentials alone prove too little (they
 * travel with every notification and are the same for every payout), so such a notification is only a wake-up:
 * the payout it names is asked about, as for the aopay platform. The body is the transaction JSON, and its
 * tracking_id is our payoutId.
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
        if (isSigned()) {
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
        if (trackingId == null || trackingId.isBlank()) {
            throw new NotificationRefused("the notification names no payout");
        }
        if (!isSigned()) {
            return Notification.wakeUp(trackingId);
        }
        if (!BegatewayReplies.readable(transaction)) {
            throw new NotificationRefused("the notification names no status");
        }
        return new Notification(trackingId, BegatewayReplies.transactionOutcome(transaction));
    }

    private boolean isSigned() {
        return publicKey != null && !publicKey.isBlank();
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
