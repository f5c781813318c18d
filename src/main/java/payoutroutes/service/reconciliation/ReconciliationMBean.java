package payoutroutes.service.reconciliation;

/** The operators' view of reconciliation, over JMX (Hawtio's JMX tab, Jolokia): not on the public API. */
public interface ReconciliationMBean {

    /** One line per open payout flagged for an operator: payoutId, provider, status, since when, checks, why. */
    String[] list();
}
