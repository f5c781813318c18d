package payoutroutes.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Failure;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutConstants;
import payoutroutes.model.PayoutJson;
import payoutroutes.model.PayoutStatus;
import payoutroutes.model.ProviderOutcome;

/**
 * The steps every payout Kamelet shares (contract section 13). The canonical payout JSON and the
 * {@code PayoutOperation} header come in; {@link #begin} reads them; the family builds, signs and sends
 * its request, with {@link #sending} right before the HTTP call; its reply or {@link #failure} becomes
 * the outcome; {@link #answer} writes the outcome JSON and leaves nothing else on the message.
 */
public abstract class PayoutAction {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutAction.class);

    /** Reads the canonical payout and the operation, and keeps them for the later steps. */
    protected ConnectorCall begin(Exchange exchange) {
        Message message = exchange.getMessage();
        String operation = message.getHeader(PayoutConstants.OPERATION, String.class);
        boolean create = PayoutConstants.CREATE.equalsIgnoreCase(operation);
        if (!create && !PayoutConstants.STATUS.equalsIgnoreCase(operation)) {
            throw new IllegalArgumentException("header " + PayoutConstants.OPERATION + " must be create or status, not "
                    + operation);
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(message.getBody(String.class));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the body is not a canonical payout in JSON", e);
        }
        if (json == null || !json.isObject() || Json.text(json, "payoutId") == null) {
            throw new IllegalArgumentException("the body is not a canonical payout with a payoutId");
        }
        ConnectorCall call = new ConnectorCall(create, PayoutJson.request(json, null, null),
                Json.text(json, "providerReference"));
        exchange.setProperty(ConnectorCall.PROPERTY, call);
        // the caller's headers are not the provider's business (the HTTP producer would forward them)
        message.removeHeaders("*");
        return call;
    }

    protected static ConnectorCall call(Exchange exchange) {
        ConnectorCall call = exchange.getProperty(ConnectorCall.PROPERTY, ConnectorCall.class);
        if (call == null) {
            throw new IllegalStateException("no payout call in progress on this exchange");
        }
        return call;
    }

    /**
     * The route's step right before the HTTP call: the request starts to leave. A failure before this
     * proves the payout never left; one after it may have reached the provider.
     */
    public void sending(Exchange exchange) {
        call(exchange).markSending();
    }

    /**
     * The outcome of a call that failed (the doCatch of every payout Kamelet). Only what provably never
     * left is {@code NOT_SENT}: a failure before {@link #sending}, a refused connection, an unknown host,
     * no token. Anything after the request may have gone out (a read timeout, a broken answer) is
     * {@code NO_ANSWER}: the payout is asked about, never sent again.
     */
    public ProviderOutcome failure(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ConnectorCall call = exchange.getProperty(ConnectorCall.PROPERTY, ConnectorCall.class);
        String payoutId = call == null ? null : call.payoutId();
        String provider = call == null ? null : call.provider();
        if (failure instanceof ProviderAuthenticationRefused) {
            LOG.error("payout={} provider={} step=auth CREDENTIALS REFUSED by the provider: check its credentials ({})",
                    payoutId, provider, failure.getMessage());
            return ProviderOutcome.answered(PayoutStatus.FAILED, null, null,
                    new Failure(Failure.PROVIDER_AUTHENTICATION, "The provider refused our credentials", null));
        }
        String detail = describe(failure);
        if (call == null || !call.isSending()) {
            // reading the payout or building the request failed (a bug or a configuration gap): nothing went out
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
     * The Kamelet's last step: the outcome (the body) as JSON, and nothing of the call left on the message,
     * no header (a token, Basic credentials, the provider's own) and no property of ours.
     */
    public void answer(Exchange exchange) {
        ProviderOutcome outcome = exchange.getMessage().getBody(ProviderOutcome.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(PayoutJson.of(outcome).toString());
        exchange.removeProperty(ConnectorCall.PROPERTY);
    }

    /** A parameter without which nothing can be sent; a call that lacks it fails before it is built (NOT_SENT). */
    protected static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the connector's parameter " + name + " is not set");
        }
        return value;
    }

    static boolean neverLeft(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // a connect timeout is a ConnectException too (Netty's, under Vert.x's client)
            if (t instanceof PayoutNotSent || t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "failed";
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }
}
