package payoutroutes.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static payoutroutes.model.PayoutStatus.CANCELLED;
import static payoutroutes.model.PayoutStatus.FAILED;
import static payoutroutes.model.PayoutStatus.PROCESSING;
import static payoutroutes.model.PayoutStatus.RECEIVED;
import static payoutroutes.model.PayoutStatus.SUCCEEDED;
import static payoutroutes.model.PayoutStatus.UNKNOWN;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayoutStatusTest {

    @Test
    void theStateMachineAllowsExactlyTheseMoves() {
        assertMoves(RECEIVED, EnumSet.of(PROCESSING, UNKNOWN, SUCCEEDED, FAILED, CANCELLED));
        assertMoves(UNKNOWN, EnumSet.of(PROCESSING, SUCCEEDED, FAILED, CANCELLED));
        // a PROCESSING payout never becomes UNKNOWN: that is only about us, on the create
        assertMoves(PROCESSING, EnumSet.of(SUCCEEDED, FAILED, CANCELLED));
        // a final status never changes
        assertMoves(SUCCEEDED, EnumSet.noneOf(PayoutStatus.class));
        assertMoves(FAILED, EnumSet.noneOf(PayoutStatus.class));
        assertMoves(CANCELLED, EnumSet.noneOf(PayoutStatus.class));
    }

    private static void assertMoves(PayoutStatus from, Set<PayoutStatus> allowed) {
        for (PayoutStatus to : PayoutStatus.values()) {
            assertEquals(allowed.contains(to), from.canMoveTo(to), from + " -> " + to);
        }
    }
}
