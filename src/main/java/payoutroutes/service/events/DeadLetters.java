package payoutroutes.service.events;

import org.apache.camel.CamelContext;
import payoutroutes.service.OperatorsMBean;

/** The dead-letter operations as an MBean, {@code payoutroutes:type=DeadLetters,context="<name>"}. */
public class DeadLetters extends OperatorsMBean implements DeadLettersMBean {

    private final EventDelivery delivery;

    public DeadLetters(EventDelivery delivery, CamelContext context) {
        super(context, "DeadLetters");
        this.delivery = delivery;
    }

    @Override
    public String[] list() {
        return delivery.deadLetters(1000).stream()
                .map(e -> e.eventId() + " payout=" + e.payoutId() + " attempts=" + e.attempts() + " error=" + e.lastError())
                .toArray(String[]::new);
    }

    @Override
    public String replay(String eventId) {
        return delivery.replay(eventId) ? "replayed " + eventId : "no dead-lettered event " + eventId;
    }
}
