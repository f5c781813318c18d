package payoutroutes.service;

import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutConstants;
import payoutroutes.model.PayoutRequest;
import payoutroutes.model.ProviderOutcome;
import payoutroutes.service.store.PayoutStore;

/**
 * A new payout's second chance (routes/api.yaml, after the create call): when its provider provably never got it
 * (NOT_SENT: connection refused, circuit breaker open) and the routing rule named a fallback provider that can take
 * it, the recorded payout is moved to that provider, durably and while it is still RECEIVED, before it is sent
 * there. Never after NO_ANSWER (a timeout, a 5xx, garbage): the first provider may have it, and sending it elsewhere
 * could pay it twice.
 */
public class FallbackProviders {

    private static final Logger LOG = LoggerFactory.getLogger("payouts");

    private final PayoutStore store;
    private final Providers providers;
    private final Clock clock;

    public FallbackProviders(PayoutStore store, Providers providers, Clock clock) {
        this.store = store;
        this.providers = providers;
        this.clock = clock;
    }

    /**
     * Sets property {@code fallingBack}, and when true moves the recorded payout (properties {@code payout} and
     * {@code provider}) to the fallback provider; the outcome (the body) stays what the first provider's call was.
     */
    public ProviderOutcome fallBackIfNeverSent(Exchange exchange) {
        ProviderOutcome outcome = exchange.getMessage().getBody(ProviderOutcome.class);
        String fallback = exchange.getProperty(PayoutConstants.FALLBACK_PROVIDER, String.class);
        Payout received = exchange.getProperty(PayoutConstants.PAYOUT, Payout.class);
        exchange.setProperty(PayoutConstants.FALLING_BACK, false);
        if (outcome.kind() != ProviderOutcome.Kind.NOT_SENT || fallback == null || fallback.equals(received.provider())) {
            return outcome;
        }
        List<String> reasons = providers.cannotTake(fallback, exchange.getProperty(PayoutConstants.REQUEST,
                PayoutRequest.class));
        if (!reasons.isEmpty()) {
            LOG.info("payout={} provider={} step=no-fallback {} cannot take it: {}", received.payoutId(),
                    received.provider(), fallback, String.join("; ", reasons));
            return outcome;
        }
        Payout moved = received.movedTo(fallback, clock.instant());
        if (!store.moveReceived(moved, received.provider())) {
            // no longer RECEIVED under the first provider: nothing is sent anywhere else
            LOG.warn("payout={} provider={} step=no-fallback the payout changed meanwhile", received.payoutId(),
                    received.provider());
            return outcome;
        }
        LOG.info("payout={} provider={} status=RECEIVED step=fallback from={} ({})", moved.payoutId(), fallback,
                received.provider(), outcome.detail());
        exchange.setProperty(PayoutConstants.PAYOUT, moved);
        exchange.setProperty(PayoutConstants.PROVIDER, fallback);
        exchange.setProperty(PayoutConstants.FALLING_BACK, true);
        return outcome;
    }
}
