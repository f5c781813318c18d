package payoutroutes.service.events;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/** Registers the dead-letter operations as an MBean, {@code payoutroutes:type=DeadLetters,context="<name>"}. */
public class DeadLetters extends ServiceSupport implements DeadLettersMBean {

    private final EventDelivery delivery;
    private final CamelContext context;
    private ObjectName name;

    public DeadLetters(EventDelivery delivery, CamelContext context) {
        this.delivery = delivery;
        this.context = context;
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
        // named like the context's own MBeans (unique in the JVM), once it has its configured name
        String contextName = context.getManagementName() != null ? context.getManagementName() : context.getName();
        name = new ObjectName("payoutroutes:type=DeadLetters,context=" + ObjectName.quote(contextName));
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
