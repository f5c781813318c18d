package payoutroutes.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import payoutroutes.sandbox.fault.Fault;

/**
 * What every provider family of the sandbox works with: its settings, the timers, the faults, the notifier,
 * and the stats of each provider it plays. One per running sandbox.
 */
public final class SandboxRuntime {

    /** How long a create waits for its notification under the before-reply fault, at most. */
    static final long BEFORE_REPLY_WAIT_MS = 1_000;

    private final SandboxSettings settings;
    private final SandboxTimers timers;
    private final FaultInjector faults;
    private final Notifier notifier;
    private final long settleAfterMs;
    private final int maxPayouts;
    private final Map<String, ProviderStats> stats = new LinkedHashMap<>();

    public SandboxRuntime(Vertx vertx, SandboxSettings settings) {
        this.settings = settings;
        this.timers = new SandboxTimers(vertx);
        this.faults = new FaultInjector(settings, timers);
        this.notifier = new Notifier(vertx, timers, faults);
        this.settleAfterMs = settings.settleAfterMs();
        this.maxPayouts = settings.maxPayouts();
    }

    public SandboxSettings settings() {
        return settings;
    }

    public FaultInjector faults() {
        return faults;
    }

    public Notifier notifier() {
        return notifier;
    }

    /**
     * Settles a newly taken payout after settle-after-ms. Under the before-reply fault it settles and notifies at
     * once instead, and the future completes when the first notification attempt has ended (or after a second,
     * should the merchant sit on it), for the create to be answered only then.
     *
     * @param settling settles the payout and notifies; completes when the first attempt has ended
     */
    public Future<Void> settle(HeldPayout payout, ProviderStats stats, Supplier<Future<Void>> settling) {
        if (!payout.faults().has(Fault.NOTIFY_BEFORE_REPLY)) {
            timers.schedule(payout, settleAfterMs, settling::get);
            return Future.succeededFuture();
        }
        faults.applied(stats, payout.id(), Fault.NOTIFY_BEFORE_REPLY, payout.faults());
        Promise<Void> notified = Promise.promise();
        settling.get().onComplete(done -> notified.tryComplete());
        timers.later(BEFORE_REPLY_WAIT_MS, notified::tryComplete);
        return notified.future();
    }

    /** The payouts of one provider: the last max-payouts of them, each one forgotten leaving no timer behind. */
    public <P extends HeldPayout> PayoutWindow<P> payoutWindow() {
        return payoutWindow(payout -> { });
    }

    /** The same, for a family that also forgets a payout elsewhere (a second index) when it leaves the window. */
    public <P extends HeldPayout> PayoutWindow<P> payoutWindow(Consumer<P> alsoOnEvict) {
        return new PayoutWindow<>(maxPayouts, payout -> {
            timers.forget(payout);
            alsoOnEvict.accept(payout);
        });
    }

    /** The stats of a provider this sandbox plays (made on first use, at mount). */
    public synchronized ProviderStats stats(String provider) {
        return stats.computeIfAbsent(provider, id -> new ProviderStats(id, maxPayouts));
    }

    /** Every provider's stats, the body of {@code GET /sandbox/_stats} without the merchant's. */
    public synchronized ObjectNode statsJson() {
        ObjectNode json = SandboxJson.object();
        json.put("maxPayouts", maxPayouts);
        json.put("pendingTimers", timers.pending());
        json.put("faults", faults.configured().toString());
        ObjectNode providers = json.putObject("providers");
        stats.forEach((id, provider) -> providers.set(id, provider.toJson()));
        return json;
    }
}
