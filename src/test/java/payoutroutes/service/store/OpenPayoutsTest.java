package payoutroutes.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutStatus;

/** Reconciliation's claims in the store: one claimer wins, a lease lapses, a status change ends a claim. */
class OpenPayoutsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private HikariDataSource dataSource;
    private PayoutStore store;
    private OpenPayouts open;

    @BeforeEach
    void openStore() {
        dataSource = StoreFixtures.freshH2();
        // first checked a minute after it is recorded or changed, never once final
        store = new PayoutStore(dataSource, p -> p.status().isFinal() ? null : p.updatedAt().plusSeconds(60));
        open = new OpenPayouts(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private Payout processing(String id, Instant at) {
        return StoreFixtures.processing(store, id, at);
    }

    @Test
    void theDuePayoutsAreTheOpenOnesWhoseTimeHasComeEarliestFirstAtMostABatch() {
        processing("LATE", T0.plusSeconds(30));
        processing("EARLY", T0);
        StoreFixtures.change(store, processing("DONE", T0), PayoutStatus.SUCCEEDED, T0.plusSeconds(1));

        assertEquals(List.of(), open.due(T0.plusSeconds(59), 10));
        assertEquals(List.of("EARLY"), ids(open.due(T0.plusSeconds(60), 10)));
        assertEquals(List.of("EARLY", "LATE"), ids(open.due(T0.plusSeconds(3600), 10)), "never the final one");
        assertEquals(List.of("EARLY"), ids(open.due(T0.plusSeconds(3600), 1)));
    }

    @Test
    void ofTwoInstancesClaimingTheSameDuePayoutOneWinsAndItIsNoLongerDue() {
        processing("P-1", T0);
        OpenPayouts.Due due = open.due(T0.plusSeconds(60), 10).get(0);
        Instant lease = T0.plusSeconds(120);

        assertTrue(open.claim(due, "instance-a", lease));
        assertFalse(open.claim(due, "instance-b", lease), "the due time it saw is gone");
        assertEquals(List.of(), open.due(T0.plusSeconds(119), 10), "held for the lease");
    }

    @Test
    void aClaimWhoseInstanceDiedLapsesWithItsLease() {
        processing("P-2", T0);
        OpenPayouts.Due due = open.due(T0.plusSeconds(60), 10).get(0);
        assertTrue(open.claim(due, "instance-a", T0.plusSeconds(120)));

        OpenPayouts.Due again = open.due(T0.plusSeconds(120), 10).get(0);
        assertTrue(open.claim(again, "instance-b", T0.plusSeconds(180)), "due again once the lease is over");
        assertFalse(open.release("P-2", "instance-a", T0.plusSeconds(120), T0.plusSeconds(900)),
                "the first instance, back late, no longer holds it");
        assertTrue(open.release("P-2", "instance-b", T0.plusSeconds(180), T0.plusSeconds(900)));
        assertEquals(List.of(), open.due(T0.plusSeconds(899), 10));
        assertEquals(List.of("P-2"), ids(open.due(T0.plusSeconds(900), 10)));
    }

    @Test
    void aStatusChangeDuringACheckStartsANewScheduleThatTheCheckDoesNotOverwrite() {
        Payout processing = processing("P-3", T0);
        OpenPayouts.Due due = open.due(T0.plusSeconds(60), 10).get(0);
        assertTrue(open.claim(due, "instance-a", T0.plusSeconds(120)));
        StoreFixtures.change(store, processing, PayoutStatus.FAILED, T0.plusSeconds(70));

        assertFalse(open.release("P-3", "instance-a", T0.plusSeconds(120), T0.plusSeconds(900)));
        assertEquals(List.of(), open.due(T0.plusSeconds(100_000), 10), "final: never due again");
    }

    @Test
    void aPayoutIsFlaggedOncePerReasonAndListedWhileOpen() {
        Payout processing = processing("P-4", T0);
        assertTrue(open.flag("P-4", "open-too-long: open for more than PT48H"));
        assertFalse(open.flag("P-4", "open-too-long: open for more than PT48H"), "logged and counted once");

        List<OpenPayouts.Flagged> flagged = open.flagged(10);
        assertEquals(1, flagged.size());
        assertEquals("P-4", flagged.get(0).payoutId());
        assertEquals(PayoutStatus.PROCESSING, flagged.get(0).status());
        assertEquals("open-too-long: open for more than PT48H", flagged.get(0).reason());

        StoreFixtures.change(store, processing, PayoutStatus.SUCCEEDED, T0.plusSeconds(5));
        assertEquals(List.of(), open.flagged(10), "a final payout needs no operator");
    }

    @Test
    void theBacklogIsTheDueChecksTheOldestOfThemAndTheOpenFlaggedPayoutsByReason() {
        Payout early = processing("EARLY", T0);
        processing("LATE", T0.plusSeconds(30));
        Payout done = processing("DONE", T0);
        assertTrue(open.flag(early.payoutId(), "open-too-long: open for more than PT48H"));
        assertTrue(open.flag("LATE", "unknown-to-provider: the provider says it does not have this PROCESSING payout"));
        assertTrue(open.flag(done.payoutId(), "open-too-long: open for more than PT48H"));
        StoreFixtures.change(store, done, PayoutStatus.SUCCEEDED, T0.plusSeconds(1));

        OpenPayouts.Backlog backlog = open.backlog(T0.plusSeconds(70));
        assertEquals(1, backlog.due(), "EARLY is due, LATE not yet, DONE never");
        assertEquals(T0.plusSeconds(60), backlog.oldestDueAt());
        assertEquals(java.util.Map.of("open-too-long", 1L, "unknown-to-provider", 1L), backlog.flaggedByReason(),
                "a final payout's old flag is not counted");
        assertEquals(2, open.backlog(T0.plusSeconds(3600)).due());
    }

    private static List<String> ids(List<OpenPayouts.Due> due) {
        return due.stream().map(OpenPayouts.Due::payoutId).toList();
    }
}
