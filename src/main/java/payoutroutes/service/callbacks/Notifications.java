package payoutroutes.service.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Json;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutConstants;
import payoutroutes.model.PayoutJson;
import payoutroutes.model.ProviderOutcome;
import payoutroutes.service.PayoutLedger;
import payoutroutes.service.PayoutMetrics;
import payoutroutes.service.Problem;
import payoutroutes.service.Providers;
import payoutroutes.service.api.PayoutRequestReader;
import payoutroutes.service.api.RawBody;

/**
 * The steps of routes/callbacks.yaml: a provider's notification is believed only once its family's
 * notification Kamelet has checked it on the raw bytes; then it is applied, and answered the way that
 * provider expects.
 */
public class Notifications {

    /** What a verified notification proved: the payout it names and, unless it only wakes us up, its outcome. */
    public record Verified(String payoutId, ProviderOutcome outcome) {

        public boolean isWakeUp() {
            return outcome == null;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger("payouts");

    /** Exchange property: the address the notification came from, for the wake-up limits. */
    static final String SOURCE = "notificationSource";

    private final Providers providers;
    private final PayoutLedger ledger;
    private final WakeUpLimits wakeUpLimits;
    private final PayoutMetrics metrics;

    public Notifications(Providers providers, PayoutLedger ledger, WakeUpLimits wakeUpLimits, PayoutMetrics metrics) {
        this.providers = providers;
        this.ledger = ledger;
        this.wakeUpLimits = wakeUpLimits;
        this.metrics = metrics;
    }

    /**
     * The notification's provider (404 unless there is one by that id) and its exact bytes, for the
     * provider's notification Kamelet to check.
     */
    public byte[] read(Exchange exchange) {
        Message message = exchange.getMessage();
        String provider = message.getHeader(PayoutConstants.PROVIDER, String.class);
        if (providers.family(provider) == null) {
            throw new Problem(404, "Unknown provider", "No provider " + provider, List.of(), null);
        }
        exchange.setProperty(PayoutConstants.PROVIDER, provider);
        HttpServerRequest request = RawBody.request(message);
        if (request != null && request.remoteAddress() != null) {
            exchange.setProperty(SOURCE, request.remoteAddress().hostAddress());
        }
        return RawBody.read(message, PayoutRequestReader.MAX_BODY_BYTES);
    }

    /**
     * What the Kamelet proved, and the payout it names; sets the properties a status query and the ledger need.
     * A notification that proves an outcome names a payout of that provider, else 404. A wake-up proves nothing,
     * so it is answered alike whether its payout exists or not: within the limits, 200 (and the provider is asked
     * about a payout that exists, property {@code payout}); beyond them, 429.
     */
    public Verified verified(Exchange exchange) throws java.io.IOException {
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        JsonNode json = Json.MAPPER.readTree(exchange.getMessage().getBody(String.class));
        Verified notification = new Verified(Json.text(json, "payoutId"),
                json.path("wakeUp").asBoolean(true) ? null : PayoutJson.outcome(json));
        if (notification.isWakeUp() && !wakeUpLimits.take(exchange.getProperty(SOURCE, "unknown", String.class),
                provider, notification.payoutId())) {
            LOG.info("provider={} step=wake-up-limited", provider);
            metrics.notification(provider, "limited");
            throw new Problem(429, "Too many notifications", "Notifications are limited; try again later",
                    List.of(), 60);
        }
        Optional<Payout> known = ledger.findOfProvider(notification.payoutId(), provider);
        if (known.isEmpty() && notification.isWakeUp()) {
            LOG.info("provider={} step=notified wake-up about no payout of this provider", provider);
            return notification;
        }
        Payout payout = known.orElseThrow(() -> Problem.notFound(notification.payoutId()));
        exchange.setProperty(PayoutConstants.PAYOUT_ID, payout.payoutId());
        exchange.setProperty(PayoutConstants.PAYOUT, payout);
        exchange.setProperty(PayoutConstants.STEP, "notified");
        LOG.info("payout={} provider={} status={} step=notified {}", payout.payoutId(), provider, payout.status(),
                notification.isWakeUp() ? "wake-up: asking the provider" : "verified");
        return notification;
    }

    /** A notification its provider's check refused: a WARN line and a metric (routes/errors.yaml answers 401). */
    public void refused(Exchange exchange) {
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        Throwable reason = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("provider={} step=notification-refused reason={}", provider, reason == null ? null : reason.getMessage());
        metrics.notification(provider, "refused");
    }

    /** 200 with what the provider expects, whether or not the notification changed anything (contract 9.10). */
    public void accepted(Exchange exchange) {
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        String answer = providers.family(provider).notificationAnswer();
        metrics.notification(provider, "accepted");
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "text/plain");
        message.setBody(answer);
    }
}
