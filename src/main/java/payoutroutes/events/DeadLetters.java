package payoutroutes.events;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.support.service.ServiceSupport;

/** Registers the dead-letter operations as an MBean, {@code payoutroutes:type=DeadLetters,context=<name>}. */
public class DeadLetters extends ServiceSupport implements DeadLettersMBean {

    private final EventDelivery delivery;
    private final ObjectName name;

    public DeadLetters(EventDelivery delivery, String contextName) throws Exception {
        this.delivery = delivery;
        this.name = new ObjectName("payoutroutes:type=DeadLetters,context=" + ObjectName.quote(contextName));
    }

    public ObjectName objectName() {
        return name;
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

    @Override
    protected void doStart() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(this, name);
    }

    @Override
    protected void doStop() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }
}
