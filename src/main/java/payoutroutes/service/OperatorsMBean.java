package payoutroutes.service;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An operators' surface over JMX (Hawtio's JMX tab, Jolokia), off the public API: registered as
 * {@code payoutroutes:type=<type>,context="<name>"} while the Camel context runs. A subclass implements its
 * own standard MBean interface.
 */
public abstract class OperatorsMBean extends ServiceSupport {

    private final CamelContext context;
    private final String type;
    private ObjectName name;

    protected OperatorsMBean(CamelContext context, String type) {
        this.context = context;
        this.type = type;
    }

    public ObjectName objectName() {
        return name;
    }

    @Override
    protected void doStart() throws Exception {
        // named like the context's own MBeans (unique in the JVM), once it has its configured name
        String contextName = context.getManagementName() != null ? context.getManagementName() : context.getName();
        name = new ObjectName("payoutroutes:type=" + type + ",context=" + ObjectName.quote(contextName));
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(this, name);
    }

    @Override
    protected void doStop() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (name != null && server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }
}
