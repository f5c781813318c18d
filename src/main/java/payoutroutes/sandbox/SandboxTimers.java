package payoutroutes.sandbox;

import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's timers, counted: a payout's one pending timer (its settling, or its notification's next
 * attempt) is cancelled when the payout leaves the window, and {@link #pending()} shows that nothing is left
 * behind once the payouts have settled.
 */
public final class SandboxTimers {

    private final Vertx vertx;
    private final AtomicInteger pending = new AtomicInteger();

    public SandboxTimers(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Runs the action later, for this payout; it replaces whatever was pending for it. */
    public void schedule(HeldPayout payout, long delayMs, Runnable action) {
        if (payout.evicted()) {
            return;
        }
        cancel(payout.timer());
        payout.timer(later(delayMs, () -> {
            payout.timer(-1);
            action.run();
        }));
    }

    /** Runs the action later (a delayed answer): the request itself holds what it needs meanwhile. */
    public long later(long delayMs, Runnable action) {
        pending.incrementAndGet();
        return vertx.setTimer(Math.max(1, delayMs), id -> {
            pending.decrementAndGet();
            action.run();
        });
    }

    /** The payout left the window: what was pending for it is cancelled. */
    public void forget(HeldPayout payout) {
        payout.evict();
        cancel(payout.timer());
        payout.timer(-1);
    }

    private void cancel(long timer) {
        if (timer >= 0 && vertx.cancelTimer(timer)) {
            pending.decrementAndGet();
        }
    }

    /** Timers set and not yet run or cancelled. */
    public int pending() {
        return pending.get();
    }
}
