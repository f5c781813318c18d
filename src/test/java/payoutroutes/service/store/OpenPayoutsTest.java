package payoutroutes.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import payoutroutes.model.Money;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutEvent;
import payoutroutes.model.PayoutStatus;

/** Reconciliation's claims in the store: one claimer wins, a lease lapses, a status change ends a claim. */
class OpenPayoutsTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private HikariDataSource dataSource;
    private PayoutStore store;
    private OpenPayouts open;

    @BeforeEach
    void openStore() {
        dataSource = Database.open("jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2);
        // first checked a minute after it is recorded or changed, never once final
        store = new PayoutStore(dataSource, p -> p.status().isFinal() ? null : p.updatedAt().plusSeconds(60));
        open = new OpenPayouts(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private Payout processing(String id, Instant at) {
        Payout received = new Payout(id, "aopay", null, PayoutStatus.RECEIVED, new Money(new BigDecimal("1"), "IDR"),
                null, null, null, at, at);
        assertTrue(store.insert(received, "f".repeat(64)));
        Payout processing = received.with(PayoutStatus.PROCESSING, id, null, null, at);
        assertTrue(store.update(processing, PayoutStatus.RECEIVED, PayoutEvent.statusChanged(received, processing)));
        return processing;
    }

    @Test
    void theDuePayoutsAreTheOpenOnesWhoseTimeHasComeEarliestFirstAtMostABatch() {
        processing("LATE", T0.plusSeconds(30));
        processing("EARLY", T0);
        Payout done = processing("DONE", T0);
        Payout succeeded = done.with(PayoutStatus.SUCCEEDED, null, null, null, T0.plusSeconds(1));
        store.update(succeeded, PayoutStatus.PROCESSING, PayoutEvent.statusChanged(done, succeeded));

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
        Payout failed = processing.with(PayoutStatus.FAILED, null, null, null, T0.plusSeconds(70));
        assertTrue(store.update(failed, PayoutStatus.PROCESSING, PayoutEvent.statusChanged(processing, failed)));

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

        Payout succeeded = processing.with(PayoutStatus.SUCCEEDED, null, null, null, T0.plusSeconds(5));
        assertTrue(store.update(succeeded, PayoutStatus.PROCESSING, PayoutEvent.statusChanged(processing, succeeded)));
        assertEquals(List.of(), open.flagged(10), "a final payout needs no operator");
    }

    private static List<String> ids(List<OpenPayouts.Due> due) {
        return due.stream().map(OpenPayouts.Due::payoutId).toList();
    }
}
