package payoutroutes.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutStatus;

/** The outbox's due query: a later event of a payout waits while an earlier one is pending, even when due. */
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
