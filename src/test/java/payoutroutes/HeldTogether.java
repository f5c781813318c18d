package payoutroutes;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Holds each of the first {@code n} writers that reach it until all {@code n} have: installed right before a
 * write that follows a read, it makes {@code n} writers read the same state and then write at once, every time,
 * instead of one finishing before the next reads. Later writers pass straight through.
 */
final class HeldTogether implements Consumer<String> {

    private final CountDownLatch arrived;

    HeldTogether(int n) {
        this.arrived = new CountDownLatch(n);
    }

    @Override
    public void accept(String payoutId) {
        arrived.countDown();
        try {
            arrived.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether all {@code n} met (else the ones that came went on alone after the timeout). */
    boolean allMet() {
        return arrived.getCount() == 0;
    }
}
