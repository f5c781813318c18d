package payoutroutes.connector;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Failure;
import payoutroutes.model.PayoutStatus;
import payoutroutes.model.ProviderOutcome;

/**
 * Turns an exception raised while calling a provider into an outcome (the doCatch of every provider
 * route). Only a failure to connect proves the payout never left; anything after the request
 * may have gone out (a read timeout, a broken answer) leaves the outcome unknown.
 */
public class ProviderCallFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCallFailures.class);

    public ProviderOutcome outcome(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String payoutId = exchange.getProperty("payoutId", String.class);
        String provider = exchange.getProperty("provider", String.class);
        if (failure instanceof ProviderAuthenticationRefused) {
            LOG.error("payout={} provider={} step=auth CREDENTIALS REFUSED by the provider: check "
                    + "payouts.providers.{}.* ({})", payoutId, provider, provider, failure.getMessage());
            return ProviderOutcome.answered(PayoutStatus.FAILED, null, null,
                    new Failure(Failure.PROVIDER_AUTHENTICATION, "The provider refused our credentials", null));
        }
        String detail = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (!reachedTheCall(exchange)) {
            // building the request failed (a bug or a configuration gap): nothing went out, say so loudly
            LOG.error("payout={} provider={} step=request not sent, failed before the call: {}", payoutId, provider,
                    detail);
            return ProviderOutcome.notSent(detail);
        }
        if (neverLeft(failure)) {
            LOG.warn("payout={} provider={} step=call not sent: {}", payoutId, provider, detail);
            return ProviderOutcome.notSent(detail);
        }
        LOG.warn("payout={} provider={} step=call no answer: {}", payoutId, provider, detail);
        return ProviderOutcome.noAnswer(detail);
    }

    /**
     * Whether the provider route got as far as sending: its last endpoint is no longer the direct one it
     * was entered by. A failure before that (mapping, signing) proves the payout never left.
     */
    static boolean reachedTheCall(Exchange exchange) {
        String to = exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT, String.class);
        return to != null && !to.startsWith("direct:");
    }

    static boolean neverLeft(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PayoutNotSent || t instanceof ConnectException || t instanceof ConnectTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
