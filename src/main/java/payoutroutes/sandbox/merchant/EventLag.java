package payoutroutes.sandbox.merchant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import payoutroutes.sandbox.SandboxJson;

/**
 * How late events reach the merchant: from the change they report ({@code occurredAt}) to their first verified
 * arrival, in buckets about 10 % wide from 1 ms to an hour. Fixed memory whatever the number of events; a
 * benchmark in another process reads the bucket counts from {@code GET /sandbox/_stats} before and after a run
 * and takes the percentiles of the difference.
 */
public final class EventLag {

    /** The upper bound of each bucket in ms; the last one takes everything later. */
    static final long[] BOUNDS_MS = bounds();

    private final AtomicLongArray counts = new AtomicLongArray(BOUNDS_MS.length);

    public void record(long lagMs) {
        counts.incrementAndGet(bucket(Math.max(0, lagMs)));
    }

    static int bucket(long lagMs) {
        int low = 0;
        int high = BOUNDS_MS.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (BOUNDS_MS[mid] >= lagMs) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** The bucket bounds and counts, and the percentiles since the sandbox started (in ms, a bucket's upper bound). */
    public ObjectNode toJson() {
        long[] now = new long[BOUNDS_MS.length];
        long total = 0;
        for (int i = 0; i < now.length; i++) {
            now[i] = counts.get(i);
            total += now[i];
        }
        ObjectNode json = SandboxJson.object();
        json.put("count", total);
        json.put("p50Ms", percentile(now, total, 0.50));
        json.put("p99Ms", percentile(now, total, 0.99));
        json.put("maxMs", percentile(now, total, 1.0));
        ArrayNode bounds = json.putArray("boundsMs");
        ArrayNode values = json.putArray("counts");
        for (int i = 0; i < now.length; i++) {
            bounds.add(BOUNDS_MS[i]);
            values.add(now[i]);
        }
        return json;
    }

    /** The upper bound of the bucket holding the given fraction of the events; 0 when there are none. */
    public static long percentile(long[] counts, long total, double fraction) {
        if (total == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= wanted && counts[i] > 0) {
                return BOUNDS_MS[i];
            }
        }
        return BOUNDS_MS[counts.length - 1];
    }

    private static long[] bounds() {
        List<Long> bounds = new ArrayList<>();
        double bound = 1;
        while (bound < 3_600_000) {
            long rounded = Math.round(bound);
            if (bounds.isEmpty() || bounds.get(bounds.size() - 1) < rounded) {
                bounds.add(rounded);
            }
            bound *= 1.1;
        }
        bounds.add(Long.MAX_VALUE);
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }
}
