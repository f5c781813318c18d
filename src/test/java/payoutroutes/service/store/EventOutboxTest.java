package payoutroutes.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutStatus;

/**
 * The outbox: a later event of a payout waits while an earlier one is pending, even when due; an event is pushed the
 * moment its change commits, claimed for this instance; one with nowhere to go is written delivered; due events are
 * claimed once; delivered ones are pruned after their retention.
 */
class EventOutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private HikariDataSource dataSource;
    private PayoutStore store;
    private EventOutbox outbox;

    @BeforeEach
    void open() {
        dataSource = StoreFixtures.freshH2();
        store = new PayoutStore(dataSource, payout -> null);
        outbox = new EventOutbox(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    /** A payout that went RECEIVED -> PROCESSING at T0+1s and PROCESSING -> SUCCEEDED at T0+2s: two events. */
    private List<EventOutbox.Stored> twoChanges(String id) {
        Payout processing = StoreFixtures.processing(store, id, T0.plusSeconds(1));
        StoreFixtures.change(store, processing, PayoutStatus.SUCCEEDED, T0.plusSeconds(2));
        return outbox.ofPayout(id);
    }

    @Test
    void aLaterEventWaitsWhileAnEarlierOneOfItsPayoutIsPendingThoughItIsDue() {
        List<EventOutbox.Stored> events = twoChanges("ORDER-1");
        EventOutbox.Stored first = events.get(0);
        EventOutbox.Stored second = events.get(1);
        Instant now = T0.plusSeconds(10);
        // the first failed once and waits for its retry in a minute; the second is due now
        outbox.failed(first.eventId(), "HTTP 500 from the merchant", now.plusSeconds(60));

        assertEquals(List.of(), outbox.due(now, 100), "nothing of this payout may go before its first event");

        assertEquals(List.of(first.eventId()), ids(outbox.due(now.plusSeconds(60), 100)), "the first when it is due");
        outbox.delivered(first.eventId(), now.plusSeconds(61));
        assertEquals(List.of(second.eventId()), ids(outbox.due(now.plusSeconds(61), 100)), "then the second");
    }

    @Test
    void aDeadLetteredEventNoLongerHoldsBackTheLaterOnes() {
        List<EventOutbox.Stored> events = twoChanges("ORDER-2");
        outbox.failed(events.get(0).eventId(), "HTTP 500 from the merchant", null);

        assertEquals(List.of(events.get(1).eventId()), ids(outbox.due(T0.plusSeconds(10), 100)));
    }

    @Test
    void eventsOfOtherPayoutsDoNotWaitForIt() {
        List<EventOutbox.Stored> held = twoChanges("ORDER-3");
        List<EventOutbox.Stored> other = twoChanges("ORDER-4");
        outbox.failed(held.get(0).eventId(), "HTTP 500 from the merchant", T0.plusSeconds(600));

        assertEquals(List.of(other.get(0).eventId()), ids(outbox.due(T0.plusSeconds(10), 100)));
    }

    /** A dispatch with room for {@code room} events, that keeps what it is pushed. */
    private static final class Queue implements EventOutbox.Dispatch {
        private int room;
        private final List<EventOutbox.Stored> pushed = new java.util.ArrayList<>();

        Queue(int room) {
            this.room = room;
        }

        @Override
        public boolean reserve() {
            return room > 0 && room-- > 0;
        }

        @Override
        public void release() {
            room++;
        }

        @Override
        public void push(EventOutbox.Stored event) {
            pushed.add(event);
        }
    }

    @Test
    void anEventFirstInLineIsPushedAtCommitClaimedForThisInstanceAndALaterOneWaitsForIt() {
        Queue queue = new Queue(10);
        EventOutbox pushing = new EventOutbox(dataSource, false, EventOutbox.DEFAULT_LEASE);
        pushing.dispatchTo(queue);
        PayoutStore store = new PayoutStore(dataSource, payout -> null, pushing);
        Payout processing = StoreFixtures.processing(store, "PUSH-1", T0);

        assertEquals(1, queue.pushed.size());
        EventOutbox.Stored first = queue.pushed.get(0);
        assertEquals(1, first.attempts(), "claimed for its first attempt");
        assertEquals("default", first.clientId());
        assertEquals(T0.plus(EventOutbox.DEFAULT_LEASE), first.nextAttemptAt(), "no one else takes it during its lease");
        assertEquals(List.of(), outbox.due(T0.plusSeconds(1), 100));

        StoreFixtures.change(store, processing, PayoutStatus.SUCCEEDED, T0.plusSeconds(1));
        assertEquals(1, queue.pushed.size(), "the second waits while the first is pending");
        assertEquals(9, queue.room, "and gave its place back");
        EventOutbox.Stored second = outbox.ofPayout("PUSH-1").get(1);
        assertNull(second.nextAttemptAt());

        outbox.delivered(first.eventId(), T0.plusSeconds(2));
        assertEquals(List.of(second.eventId()), ids(outbox.due(T0.plusSeconds(2), 100)), "due once the first is done");
    }

    @Test
    void anEventWithNowhereToGoIsWrittenDelivered() {
        Queue queue = new Queue(10);
        EventOutbox noEndpoint = new EventOutbox(dataSource, false, EventOutbox.DEFAULT_LEASE);
        noEndpoint.dispatchTo(queue);
        PayoutStore store = new PayoutStore(dataSource, payout -> null, noEndpoint);
        Payout received = new Payout("NOWHERE-1", "aopay", null, PayoutStatus.RECEIVED,
                new payoutroutes.model.Money(new java.math.BigDecimal("10000"), "IDR"), null, null, null, T0, T0);
        store.insert(received, "f".repeat(64), "default");
        StoreFixtures.change(store, received, PayoutStatus.PROCESSING, T0);

        assertEquals(List.of(), queue.pushed);
        assertEquals(10, queue.room);
        assertEquals(EventOutbox.DELIVERED, outbox.ofPayout("NOWHERE-1").get(0).state());
        assertEquals(List.of(), outbox.due(T0.plusSeconds(600), 100));
    }

    @Test
    void aDueEventIsClaimedOnceAndItsAttemptCounted() {
        List<EventOutbox.Stored> events = twoChanges("CLAIM-1");
        Instant now = T0.plusSeconds(10);

        List<EventOutbox.Stored> claimed = outbox.claimDue(now, now.plusSeconds(120), 100);

        assertEquals(List.of(events.get(0).eventId()), ids(claimed));
        assertEquals(1, claimed.get(0).attempts());
        assertEquals(List.of(), outbox.claimDue(now, now.plusSeconds(120), 100), "taken: not again during its lease");
        assertEquals(1, outbox.claimDue(now.plusSeconds(121), now.plusSeconds(240), 100).size(),
                "again once the lease ended without an answer");
    }

    @Test
    void aReplayedDeadLetterGoesBeforeTheLaterEventsOfItsPayout() {
        List<EventOutbox.Stored> events = twoChanges("REPLAY-1");
        outbox.failed(events.get(0).eventId(), "HTTP 500 from the merchant", null);
        assertEquals(List.of(events.get(1).eventId()), ids(outbox.due(T0.plusSeconds(10), 100)));

        assertTrue(outbox.replay(events.get(0).eventId(), T0.plusSeconds(20)));

        assertEquals(List.of(events.get(0).eventId()), ids(outbox.due(T0.plusSeconds(30), 100)));
    }

    @Test
    void deadLettersReplayedInAnyOrderStillGoOneAtATimeInTheirPayoutsOrder() {
        List<EventOutbox.Stored> events = twoChanges("REPLAY-2");
        outbox.failed(events.get(0).eventId(), "HTTP 500 from the merchant", null);
        outbox.failed(events.get(1).eventId(), "HTTP 500 from the merchant", null);

        assertTrue(outbox.replay(events.get(0).eventId(), T0.plusSeconds(20)));
        assertTrue(outbox.replay(events.get(1).eventId(), T0.plusSeconds(21)));

        assertEquals(List.of(events.get(0).eventId()), ids(outbox.due(T0.plusSeconds(30), 100)),
                "the later one waits for the earlier, though replayed after it");
        outbox.delivered(events.get(0).eventId(), T0.plusSeconds(31));
        assertEquals(List.of(events.get(1).eventId()), ids(outbox.due(T0.plusSeconds(32), 100)));
    }

    @Test
    void deliveredEventsArePrunedAfterTheirRetentionAndNoOtherEvent() {
        List<EventOutbox.Stored> delivered = twoChanges("PRUNE-1");
        List<EventOutbox.Stored> pending = twoChanges("PRUNE-2");
        outbox.delivered(delivered.get(0).eventId(), T0.plusSeconds(10));
        outbox.delivered(delivered.get(1).eventId(), T0.plusSeconds(20));
        outbox.failed(pending.get(0).eventId(), "HTTP 500 from the merchant", null);

        assertEquals(1, outbox.pruneDelivered(T0.plusSeconds(15), 100));
        assertEquals(List.of(delivered.get(1).eventId()), ids(outbox.ofPayout("PRUNE-1")));
        assertEquals(2, outbox.ofPayout("PRUNE-2").size(), "dead and pending events stay");
    }

    private static List<String> ids(List<EventOutbox.Stored> events) {
        return events.stream().map(EventOutbox.Stored::eventId).toList();
    }

    @Test
    void theBacklogsLagIgnoresAnEventWaitingBehindARetryAndCountsTheDeadApart() {
        List<EventOutbox.Stored> events = twoChanges("BACKLOG-1");
        Instant now = T0.plusSeconds(10);
        outbox.failed(events.get(0).eventId(), "HTTP 500 from the merchant", now.plusSeconds(60));

        EventOutbox.Backlog waiting = outbox.backlog(now);
        assertEquals(2, waiting.pending());
        assertEquals(T0.plusSeconds(1), waiting.oldestPendingAt());
        assertEquals(null, waiting.oldestDueAt(), "the first waits for its retry, the second waits behind it");
        assertEquals(0, waiting.dead());

        outbox.failed(events.get(0).eventId(), "HTTP 500 from the merchant", null);
        EventOutbox.Backlog behindDead = outbox.backlog(now);
        assertEquals(1, behindDead.pending());
        assertEquals(1, behindDead.dead());
        assertEquals(T0.plusSeconds(2), behindDead.oldestDueAt(), "a dead letter holds nothing up: the second is due");
    }
}
