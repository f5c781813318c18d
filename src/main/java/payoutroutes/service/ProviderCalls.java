package payoutroutes.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import payoutroutes.model.Json;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutConstants;
import payoutroutes.model.PayoutJson;
import payoutroutes.model.PayoutRequest;
import payoutroutes.model.ProviderOutcome;

/**
 * The service's side of a connector (routes/api.yaml, route call-provider): the payout in the canonical
 * JSON every connector takes, and the outcome it answers read back (contract section 13). Each call is timed
 * ({@link PayoutMetrics#providerCall}), and the last outcome of each provider is in health's details.
 */
public class ProviderCalls implements ProviderState {

    /** Exchange property: the call to the connector in progress (the connector clears the headers). */
    private static final String CALL = "providerCall";

    private record Call(String operation, long startedNanos) {
    }

    private record LastCall(String operation, String outcome, Instant at) {
    }

    private final PayoutMetrics metrics;
    private final Clock clock;
    private final Map<String, LastCall> lastCalls = new ConcurrentHashMap<>();

    public ProviderCalls(PayoutMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * The body for the provider's connector: for a create the new payout's request (property
     * {@code request}), for a status query the stored payout (property {@code payout}).
     */
    public String request(Exchange exchange) {
        Message message = exchange.getMessage();
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        String operation = message.getHeader(PayoutConstants.OPERATION, String.class);
        ObjectNode json;
        if (PayoutConstants.CREATE.equals(operation)) {
            json = PayoutJson.of(exchange.getProperty(PayoutConstants.REQUEST, PayoutRequest.class));
        } else {
            Payout payout = exchange.getProperty(PayoutConstants.PAYOUT, Payout.class);
            json = Json.MAPPER.createObjectNode();
            json.put("payoutId", payout.payoutId());
            json.put("providerReference", payout.providerReference());
        }
        json.put("provider", provider);
        exchange.setProperty(CALL, new Call(String.valueOf(operation), System.nanoTime()));
        return json.toString();
    }

    /** The connector's answer: the outcome JSON, read into the canonical outcome. */
    public ProviderOutcome outcome(Exchange exchange) throws java.io.IOException {
        exchange.getMessage().removeHeader(PayoutConstants.OPERATION);
        ProviderOutcome outcome = PayoutJson.outcome(Json.MAPPER.readTree(exchange.getMessage().getBody(String.class)));
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        if (exchange.removeProperty(CALL) instanceof Call call) {
            metrics.providerCall(provider, call.operation(), outcome.kind().name(),
                    Duration.ofNanos(System.nanoTime() - call.startedNanos()));
            lastCalls.put(provider, new LastCall(call.operation(), outcome.kind().name(), clock.instant()));
        }
        return outcome;
    }

    /** The provider's last call from this instance: operation, outcome kind and when. */
    @Override
    public Map<String, Object> of(String provider) {
        LastCall last = lastCalls.get(provider);
        return last == null ? Map.of() : Map.of("last.call", last.operation() + " " + last.outcome(),
                "last.call.at", last.at().toString());
    }
}
