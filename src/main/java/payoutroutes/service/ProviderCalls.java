package payoutroutes.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * JSON every connector takes, and the outcome it answers read back (contract section 13).
 */
public class ProviderCalls {

    /**
     * The body for the provider's connector: for a create the new payout's request (property
     * {@code request}), for a status query the stored payout (property {@code payout}).
     */
    public String request(Exchange exchange) {
        Message message = exchange.getMessage();
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        ObjectNode json;
        if (PayoutConstants.CREATE.equals(message.getHeader(PayoutConstants.OPERATION, String.class))) {
            json = PayoutJson.of(exchange.getProperty(PayoutConstants.REQUEST, PayoutRequest.class));
        } else {
            Payout payout = exchange.getProperty(PayoutConstants.PAYOUT, Payout.class);
            json = Json.MAPPER.createObjectNode();
            json.put("payoutId", payout.payoutId());
            json.put("providerReference", payout.providerReference());
        }
        json.put("provider", provider);
        return json.toString();
    }

    /** The connector's answer: the outcome JSON, read into the canonical outcome. */
    public ProviderOutcome outcome(Exchange exchange) throws java.io.IOException {
        exchange.getMessage().removeHeader(PayoutConstants.OPERATION);
        return PayoutJson.outcome(Json.MAPPER.readTree(exchange.getMessage().getBody(String.class)));
    }
}
