package payoutroutes.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import payoutroutes.sandbox.fault.Fault;

/**
 * What reached one provider of the sandbox and what it sent, for tests in this process (the accessors) and
 * in another one ({@code GET /sandbox/_stats}). The totals are plain counters; what is counted per payout id
 * is kept for the same window of payouts as the payouts themselves, so nothing grows with the payouts ever made.
 */
public final class ProviderStats {

    /** How many of the payout ids created more than once are named in the stats. */
    public static final int DUPLICATES_NAMED = 100;

    private final String provider;
    private final AtomicLong creates = new AtomicLong();
    private final AtomicLong payouts = new AtomicLong();
    private final AtomicLong duplicateCreates = new AtomicLong();
    private final AtomicLong statusQueries = new AtomicLong();
    private final AtomicLong notificationsSent = new AtomicLong();
    private final AtomicLong notificationsAnswered = new AtomicLong();
    private final AtomicLongArray faults = new AtomicLongArray(Fault.values().length);
    private final List<String> duplicateIds = new ArrayList<>();
    private final PayoutWindow<AtomicInteger> createsById;
    private final PayoutWindow<AtomicInteger> statusQueriesById;
    private volatile IntSupplier held = () -> 0;

    public ProviderStats(String provider, int window) {
        this.provider = provider;
        this.createsById = new PayoutWindow<>(window);
        this.statusQueriesById = new PayoutWindow<>(window);
    }

    public String provider() {
        return provider;
    }

    /** Where the number of payouts the provider holds now comes from. */
    public void holding(IntSupplier held) {
        this.held = held;
    }

    /** A create reached the provider, whatever becomes of it. */
    public void createReceived() {
        creates.incrementAndGet();
    }

    /**
     * A create for this payout id, counted where the family can tell whose it is; a second one makes the id a
     * duplicate (to a real provider, "paid twice" territory).
     */
    public void createNamed(String payoutId) {
        int count = createsById.computeIfAbsent(payoutId, id -> new AtomicInteger()).incrementAndGet();
        if (count == 2) {
            duplicateCreates.incrementAndGet();
            synchronized (duplicateIds) {
                if (duplicateIds.size() < DUPLICATES_NAMED) {
                    duplicateIds.add(payoutId);
                }
            }
        }
    }

    /** How many creates reached the provider in all. */
    public long creates() {
        return creates.get();
    }

    /** How many creates named this payout id (within the window). */
    public int creates(String payoutId) {
        AtomicInteger count = createsById.get(payoutId);
        return count == null ? 0 : count.get();
    }

    /** A payout was taken (a new id, held from now on). */
    public void payoutTaken() {
        payouts.incrementAndGet();
    }

    /** A status query reached the provider, whatever becomes of it. */
    public void statusQueryReceived() {
        statusQueries.incrementAndGet();
    }

    /** A status query about this payout id, counted where the family can tell whose it is. */
    public void statusQueryNamed(String payoutId) {
        statusQueriesById.computeIfAbsent(payoutId, id -> new AtomicInteger()).incrementAndGet();
    }

    public int statusQueries(String payoutId) {
        AtomicInteger count = statusQueriesById.get(payoutId);
        return count == null ? 0 : count.get();
    }

    /** A notification attempt, and whether the merchant took it the way the provider wants. */
    public void notified(boolean answered) {
        notificationsSent.incrementAndGet();
        if (answered) {
            notificationsAnswered.incrementAndGet();
        }
    }

    public void faultApplied(Fault fault) {
        faults.incrementAndGet(fault.ordinal());
    }

    public ObjectNode toJson() {
        ObjectNode json = SandboxJson.object();
        json.put("creates", creates.get());
        json.put("payouts", payouts.get());
        json.put("duplicateCreates", duplicateCreates.get());
        ArrayNode ids = json.putArray("duplicatePayoutIds");
        synchronized (duplicateIds) {
            duplicateIds.forEach(ids::add);
        }
        json.put("statusQueries", statusQueries.get());
        json.put("notificationsSent", notificationsSent.get());
        json.put("notificationsAnswered", notificationsAnswered.get());
        json.put("held", held.getAsInt());
        ObjectNode applied = json.putObject("faults");
        for (Fault fault : Fault.values()) {
            if (faults.get(fault.ordinal()) > 0) {
                applied.put(fault.label(), faults.get(fault.ordinal()));
            }
        }
        return json;
    }
}
