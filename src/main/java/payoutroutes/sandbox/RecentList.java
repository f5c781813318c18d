package payoutroutes.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last few things that happened (notifications sent, events received), for tests to look at; bounded. */
public final class RecentList<T> {

    /** How many a sandbox keeps of each kind: enough for any test, nothing under load. */
    public static final int KEPT = 1_000;

    private final Deque<T> items = new ArrayDeque<>();
    private final int capacity;

    public RecentList(int capacity) {
        this.capacity = capacity;
    }

    public RecentList() {
        this(KEPT);
    }

    public synchronized void add(T item) {
        if (items.size() >= capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    /** A copy, oldest first. */
    public synchronized List<T> items() {
        return List.copyOf(items);
    }
}
