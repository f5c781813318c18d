package payoutroutes.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The last {@code capacity} entries by payout id, the oldest evicted first: what keeps the sandbox's memory
 * flat however many payouts it has seen. A payout evicted is one the sandbox no longer knows, and it answers
 * for it as the provider would for an unknown one.
 */
public final class PayoutWindow<V> {

    private final Map<String, V> entries;

    /** @param onEvict told of each entry pushed out (to cancel what is pending for it); runs under the lock */
    public PayoutWindow(int capacity, Consumer<? super V> onEvict) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one payout, not " + capacity);
        }
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                onEvict.accept(eldest.getValue());
                return true;
            }
        };
    }

    public PayoutWindow(int capacity) {
        this(capacity, value -> { });
    }

    public synchronized V get(String id) {
        return entries.get(id);
    }

    /** Adds the entry unless the id is held; returns the entry already held, or null when this one was added. */
    public synchronized V putIfAbsent(String id, V value) {
        return entries.putIfAbsent(id, value);
    }

    /** Adds or replaces the entry for this id (a replaced one keeps its place in the order). */
    public synchronized void put(String id, V value) {
        entries.put(id, value);
    }

    public synchronized V computeIfAbsent(String id, Function<String, V> create) {
        return entries.computeIfAbsent(id, create);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** A copy of the entries held, oldest first. */
    public synchronized List<V> values() {
        return new ArrayList<>(entries.values());
    }
}
