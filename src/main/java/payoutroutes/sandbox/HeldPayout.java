package payoutroutes.sandbox;

import payoutroutes.sandbox.fault.Faults;

/**
 * What every family keeps of a payout besides its own fields: the id it is held under, the faults that
 * stay with it, and the one timer pending for it (its settling, or a notification's next attempt), so that
 * a payout pushed out of the window leaves nothing running behind it.
 */
public abstract class HeldPayout {

    private final String id;
    private final Faults faults;
    private volatile long timer = -1;
    private volatile boolean evicted;

    protected HeldPayout(String id, Faults faults) {
        this.id = id;
        this.faults = faults;
    }

    public String id() {
        return id;
    }

    public Faults faults() {
        return faults;
    }

    long timer() {
        return timer;
    }

    void timer(long timer) {
        this.timer = timer;
    }

    /** Pushed out of the window: nothing more is done for it. */
    public boolean evicted() {
        return evicted;
    }

    void evict() {
        evicted = true;
    }
}
