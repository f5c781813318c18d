package payoutroutes.sandbox.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults that strike one request or one payout: a set of {@link Fault}s and how long each delay is.
 * Immutable and small, so that a payout can keep its own (most keep {@link #NONE}, shared).
 */
public final class Faults {

    public static final Faults NONE = new Faults(0, 0, 0);

    private final int bits;
    private final long createDelayMs;
    private final long statusDelayMs;

    private Faults(int bits, long createDelayMs, long statusDelayMs) {
        this.bits = bits;
        this.createDelayMs = createDelayMs;
        this.statusDelayMs = statusDelayMs;
    }

    /** One fault; {@code delayMs} counts for the delays only. */
    public static Faults of(Fault fault, long delayMs) {
        return new Faults(1 << fault.ordinal(), fault == Fault.CREATE_DELAY ? delayMs : 0,
                fault == Fault.STATUS_DELAY ? delayMs : 0);
    }

    public boolean has(Fault fault) {
        return (bits & (1 << fault.ordinal())) != 0;
    }

    public boolean isEmpty() {
        return bits == 0;
    }

    /** How long the answer of this stage waits (0: not delayed). */
    public long delayMs(Fault.Stage stage) {
        return stage == Fault.Stage.CREATE ? createDelayMs : stage == Fault.Stage.STATUS ? statusDelayMs : 0;
    }

    /** Both sets; of two delays of one stage, the longer. */
    public Faults plus(Faults other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return new Faults(bits | other.bits, Math.max(createDelayMs, other.createDelayMs),
                Math.max(statusDelayMs, other.statusDelayMs));
    }

    @Override
    public String toString() {
        List<String> labels = new ArrayList<>();
        for (Fault fault : Fault.values()) {
            if (has(fault)) {
                labels.add(fault.isDelay() ? fault.label() + "=" + delayMs(fault.stage()) + "ms" : fault.label());
            }
        }
        return String.join(", ", labels);
    }
}
