package payoutroutes.service.reconciliation;

import org.apache.camel.CamelContext;
import payoutroutes.service.OperatorsMBean;

/** Reconciliation's operations as an MBean, {@code payoutroutes:type=Reconciliation,context="<name>"}. */
public class Reconciliation extends OperatorsMBean implements ReconciliationMBean {

    private final Reconciler reconciler;

    public Reconciliation(Reconciler reconciler, CamelContext context) {
        super(context, "Reconciliation");
        this.reconciler = reconciler;
    }

    @Override
    public String[] list() {
        return reconciler.flagged(1000).stream()
                .map(p -> p.payoutId() + " provider=" + p.provider() + " status=" + p.status() + " created="
                        + p.createdAt() + " updated=" + p.updatedAt() + " checks=" + p.checks() + " reason=" + p.reason())
                .toArray(String[]::new);
    }
}
