package example.payouts;

import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Service;

/**
 * How the application's own code uses the connector: the canonical payout JSON in, the outcome JSON out
 * ({"outcome": ANSWERED | NOT_FOUND | NO_ANSWER | NOT_SENT, "status", "providerReference", ...}).
 * NO_ANSWER means the payout may have reached the provider: ask about it with {@link #status}, never send it again.
 */
@Service
public class PayoutSender {

    private final ProducerTemplate camel;

    public PayoutSender(ProducerTemplate camel) {
        this.camel = camel;
    }

    public String create(String payoutJson) {
        return camel.requestBodyAndHeader("direct:aopay-payout", payoutJson, "PayoutOperation", "create", String.class);
    }

    public String status(String payoutJson) {
        return camel.requestBodyAndHeader("direct:aopay-payout", payoutJson, "PayoutOperation", "status", String.class);
    }
}
