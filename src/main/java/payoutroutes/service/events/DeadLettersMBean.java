package payoutroutes.service.events;

/** The operators' view of dead-lettered events, over JMX (Hawtio's JMX tab, Jolokia): not on the public API. */
public interface DeadLettersMBean {

    /** One line per dead-lettered event: eventId, payoutId, attempts, last error. */
    String[] list();

    /** Sends a dead-lettered event again, with a fresh set of attempts. */
    String replay(String eventId);
}
