package payoutroutes.service.callbacks;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.service.api.PayoutRequestReader;
import payoutroutes.service.Problem;
import payoutroutes.service.api.RawBody;
import payoutroutes.model.Payout;
import payoutroutes.service.PayoutLedger;
import payoutroutes.connector.Notification;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.connector.ProviderFamily;
import payoutroutes.service.Providers;

/**
 * The steps of routes/callbacks.yaml: believe a provider's notification only once its provider's own
 * check passed on the raw bytes, then answer the way that provider expects.
 */
public class Notifications {

    private static final Logger LOG = LoggerFactory.getLogger("payouts");

    private final Providers providers;
    private final PayoutLedger ledger;

    public Notifications(Providers providers, PayoutLedger ledger) {
        this.providers = providers;
        this.ledger = ledger;
    }

    /**
     * Verifies the notification (401 and nothing changes when it fails), finds the payout it names
     * (404 when that provider has no such payout) and sets the properties the rest of the route needs.
     */
    public Notification verify(Exchange exchange) {
        Message message = exchange.getMessage();
        String provider = message.getHeader("provider", String.class);
        ProviderFamily family = providers.family(provider);
        if (family == null) {
            throw new Problem(404, "Unknown provider", "No provider " + provider, java.util.List.of(), null);
        }
        exchange.setProperty("provider", provider);
        byte[] body = RawBody.read(message, PayoutRequestReader.MAX_BODY_BYTES);
        Notification notification;
        try {
            notification = family.verifyNotification(providers.settings(provider), message.getHeaders(),
                    body);
        } catch (NotificationRefused e) {
            refused(exchange, provider, e.getMessage());
            throw new Problem(401, "Notification refused", "The notification could not be verified",
                    java.util.List.of(), null);
        }
        Payout payout = ledger.findOwnedBy(notification.payoutId(), provider);
        exchange.setProperty("payoutId", payout.payoutId());
        exchange.setProperty("payout", payout);
        exchange.setProperty("operation", "status");
        exchange.setProperty("step", "notified");
        LOG.info("payout={} provider={} status={} step=notified {}", payout.payoutId(), provider, payout.status(),
                notification.isWakeUp() ? "wake-up: asking the provider" : "verified");
        return notification;
    }

    /** 200 with what the provider expects, whether or not the notification changed anything (contract 9.10). */
    public void accepted(Exchange exchange) {
        String answer = providers.family(exchange.getProperty("provider", String.class)).notificationAnswer();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain");
        message.setBody(answer);
    }

    private static void refused(Exchange exchange, String provider, String reason) {
        LOG.warn("provider={} step=notification-refused reason={}", provider, reason);
        MeterRegistry meters = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            meters.counter("payouts.notifications.refused", "provider", provider).increment();
        }
    }
}
