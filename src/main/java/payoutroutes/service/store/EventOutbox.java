package payoutroutes.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import payoutroutes.model.PayoutEvent;

/**
 * The payout_events table: events written with their status change, delivered in order per payout, retried, and
 * dead-lettered when out of attempts.
 *
 * <p>Order per payout lives in the data: only a payout's first pending event (its head) has a
 * {@code next_attempt_at}; the ones behind it have none until the head is delivered or dead-lettered, which gives
 * the next one its time in the same transaction. So the due events are one range of one index, earliest first,
 * whatever the history and whatever waits behind a failing head.
 *
 * <p>An event that is its payout's head when written is handed to the {@link Dispatch} as soon as its transaction
 * commits (push), already claimed for this instance by its lease; the due query is the safety net for those a
 * crash or a full queue left behind, and for retries. An event with nowhere to go (no callbackUrl, no events
 * endpoint) is written delivered.
 */
public class EventOutbox {

    /** An event as the delivery loop sees it; {@code nextAttemptAt} is null for one that waits or is done. */
    public record Stored(String eventId, String payoutId, int seq, String body, String callbackUrl, String clientId,
                         String state, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt) {
    }

    /** Where events go the moment their transaction commits: the delivery, in memory, bounded. */
    public interface Dispatch {
        /** Takes a place for one more event, if there is room; false: leave it to the due query. */
        boolean reserve();

        /** Gives back a place {@link #reserve} took for an event that is not pushed after all. */
        void release();

        /** The event, claimed for this instance, to be delivered now; its place was reserved. */
        void push(Stored event);
    }

    /** An event written in a transaction not yet committed; see {@link #afterCommit} and {@link #afterRollback}. */
    public static final class Written {
        private final Stored event;
        private final boolean reserved;
        private final boolean pushed;

        private Written(Stored event, boolean reserved, boolean pushed) {
            this.event = event;
            this.reserved = reserved;
            this.pushed = pushed;
        }
    }

    /**
     * The outbox as operators watch it: pending events and the oldest one's creation, the due time of the oldest
     * event that is first in line and due (a delivery loop that keeps up takes it within its poll interval; one
     * waiting for a retry is not due), and the dead letters.
     */
    public record Backlog(long pending, Instant oldestPendingAt, Instant oldestDueAt, long dead) {
    }

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String DEAD = "DEAD";

    /** How long an attempt may hold an event before another (instance) may take it, unless told otherwise. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(2);
    /** What a lease adds to the longest a merchant's endpoint may take, for signing and recording the answer. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private static final String COLUMNS = "event_id, payout_id, seq, body, callback_url, client_id, state, attempts, "
            + "next_attempt_at, last_error, created_at";
    private static final Dispatch NO_DISPATCH = new Dispatch() {
        @Override
        public boolean reserve() {
            return false;
        }

        @Override
        public void release() {
        }

        @Override
        public void push(Stored event) {
        }
    };

    private final DataSource dataSource;
    private final boolean eventsEndpoint;
    private final Duration lease;
    private volatile Dispatch dispatch = NO_DISPATCH;

    /**
     * @param eventsEndpoint whether {@code payouts.events.uri} is set: then every event has somewhere to go
     * @param lease how long an attempt holds its event ({@link #leaseFor}): an event whose attempt died with its
     *              instance (kill -9 mid-attempt) is taken again that soon, and with it the payout's later events
     */
    public EventOutbox(DataSource dataSource, boolean eventsEndpoint, Duration lease) {
        this.dataSource = dataSource;
        this.eventsEndpoint = eventsEndpoint;
        this.lease = lease;
    }

    /** An outbox that reads and updates events, and writes every one as pending (tests, tools). */
    public EventOutbox(DataSource dataSource) {
        this(dataSource, true, DEFAULT_LEASE);
    }

    /**
     * The lease for attempts whose HTTP call waits at most {@code timeout} for a connection, again to connect, and again
     * for the answer ({@code payouts.events.timeout-ms}), plus a margin.
     */
    public static Duration leaseFor(Duration timeout) {
        return timeout.multipliedBy(3).plus(LEASE_MARGIN);
    }

    public Duration lease() {
        return lease;
    }

    /** Events are pushed here from now on; until then the due query finds them. */
    public void dispatchTo(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    /**
     * Writes the event on the caller's connection, part of the status change's transaction: its place in its
     * payout's line, its API client, and whether it is due now (the head), waits (behind a pending one) or has
     * nowhere to go (delivered at once). A head is claimed for this instance when the dispatch has room.
     */
    Written insert(Connection c, PayoutEvent event) throws SQLException {
        boolean nowhere = event.callbackUrl() == null && !eventsEndpoint;
        boolean reserved = !nowhere && dispatch.reserve();
        Instant at = event.occurredAt();
        String sql = "insert into payout_events (event_id, payout_id, seq, body, callback_url, client_id, state, "
                + "attempts, next_attempt_at, created_at, delivered_at) "
                + "select ?, ?, coalesce(max(e.seq), 0) + 1, ?, ?, (select p.client_id from payouts p where p.payout_id = ?), "
                + "?, case when ? and count(case when e.state = ? then 1 end) = 0 then 1 else 0 end, "
                + "case when ? or count(case when e.state = ? then 1 end) > 0 then null when ? then ? else ? end, ?, ? "
                + "from payout_events e where e.payout_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql, new String[] {"seq", "client_id", "attempts", "next_attempt_at"})) {
            int i = 0;
            s.setString(++i, event.eventId());
            s.setString(++i, event.payoutId());
            s.setString(++i, event.body());
            s.setString(++i, event.callbackUrl());
            s.setString(++i, event.payoutId());
            s.setString(++i, nowhere ? DELIVERED : PENDING);
            s.setBoolean(++i, reserved);
            s.setString(++i, PENDING);
            s.setBoolean(++i, nowhere);
            s.setString(++i, PENDING);
            s.setBoolean(++i, reserved);
            s.setObject(++i, utc(at.plus(lease)));
            s.setObject(++i, utc(at));
            s.setObject(++i, utc(at));
            if (nowhere) {
                s.setObject(++i, utc(at));
            } else {
                s.setNull(++i, Types.TIMESTAMP_WITH_TIMEZONE);
            }
            s.setString(++i, event.payoutId());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the event " + event.eventId() + " was not written");
                }
                int attempts = keys.getInt("attempts");
                OffsetDateTime next = keys.getObject("next_attempt_at", OffsetDateTime.class);
                Stored stored = new Stored(event.eventId(), event.payoutId(), keys.getInt("seq"), event.body(),
                        event.callbackUrl(), keys.getString("client_id"), nowhere ? DELIVERED : PENDING, attempts,
                        next == null ? null : next.toInstant(), null, at);
                return new Written(stored, reserved, reserved && attempts == 1);
            }
        } catch (SQLException | RuntimeException e) {
            if (reserved) {
                dispatch.release();
            }
            throw e;
        }
    }

    /** Once the event's transaction committed: a claimed head goes to the dispatch, else its place is given back. */
    void afterCommit(Written written) {
        if (written.pushed) {
            dispatch.push(written.event);
        } else if (written.reserved) {
            dispatch.release();
        }
    }

    void afterRollback(Written written) {
        if (written != null && written.reserved) {
            dispatch.release();
        }
    }

    /** The due events, earliest first: a range scan of the due-time index (each is the head of its payout). */
    public List<Stored> due(Instant now, int limit) {
        return query("select " + COLUMNS + " from payout_events where next_attempt_at <= ? "
                + "order by next_attempt_at limit ?", utc(now), limit);
    }

    /**
     * Takes up to {@code limit} due events for one attempt each, in one transaction: the ids from the index alone,
     * then a compare-and-set on each one's due time (another instance may take some first), then the events taken.
     * Each is leased to {@code leaseUntil}, when another may take it again if this instance died meanwhile.
     */
    public List<Stored> claimDue(Instant now, Instant leaseUntil, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return Jdbc.inTransaction(dataSource, "claim due events", c -> {
            List<String> ids = new ArrayList<>();
            List<OffsetDateTime> times = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select event_id, next_attempt_at from payout_events "
                    + "where next_attempt_at <= ? order by next_attempt_at limit ?")) {
                s.setObject(1, utc(now));
                s.setInt(2, limit);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                        times.add(r.getObject(2, OffsetDateTime.class));
                    }
                }
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            List<String> claimed = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("update payout_events set attempts = attempts + 1, "
                    + "next_attempt_at = ? where event_id = ? and state = ? and next_attempt_at = ?")) {
                for (int i = 0; i < ids.size(); i++) {
                    s.setObject(1, utc(leaseUntil));
                    s.setString(2, ids.get(i));
                    s.setString(3, PENDING);
                    s.setObject(4, times.get(i));
                    s.addBatch();
                }
                int[] counts = s.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 1) {
                        claimed.add(ids.get(i));
                    }
                }
            }
            return claimed.isEmpty() ? List.of() : query(c, "select " + COLUMNS + " from payout_events where event_id in ("
                    + String.join(", ", Collections.nCopies(claimed.size(), "?")) + ") order by next_attempt_at",
                    claimed.toArray());
        });
    }

    /** Delivered: done, and the next event of its payout, if one waits, is due from now on. */
    public void delivered(String eventId, Instant now) {
        finish(eventId, "update payout_events set state = ?, delivered_at = ?, next_attempt_at = null, last_error = null "
                + "where event_id = ? and state = ?", DELIVERED, utc(now), eventId, PENDING);
    }

    /** A failed attempt: try again at {@code nextAttempt}, or dead-letter the event when that is null. */
    public void failed(String eventId, String error, Instant nextAttempt) {
        if (nextAttempt == null) {
            finish(eventId, "update payout_events set state = ?, next_attempt_at = null, last_error = ? "
                    + "where event_id = ? and state = ?", DEAD, truncate(error), eventId, PENDING);
        } else {
            // not if a replay put it back behind an earlier event meanwhile (no due time): it waits for that one
            execute("update payout_events set next_attempt_at = ?, last_error = ? where event_id = ? and state = ? "
                    + "and next_attempt_at is not null", utc(nextAttempt), truncate(error), eventId, PENDING);
        }
    }

    /**
     * Ends an event's turn (delivered or dead) and makes the next pending event of its payout its head, due since it
     * was written, in one transaction. The payout's row is locked first: a status change writing a later event holds
     * it too, so the two never miss each other (the change sees this one done, or this sees the new event).
     */
    private void finish(String eventId, String sql, Object... values) {
        Jdbc.inTransaction(dataSource, "update event " + eventId, c -> {
            String payoutId = lockPayoutOf(c, eventId);
            if (payoutId != null) {
                update(c, sql, values);
                promoteNext(c, payoutId);
            }
            return null;
        });
    }

    private static String lockPayoutOf(Connection c, String eventId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select p.payout_id from payouts p where p.payout_id = "
                + "(select e.payout_id from payout_events e where e.event_id = ?) for update")) {
            s.setString(1, eventId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static void promoteNext(Connection c, String payoutId) throws SQLException {
        update(c, "update payout_events set next_attempt_at = created_at where payout_id = ? and state = ? "
                + "and next_attempt_at is null and seq = (select min(p.seq) from payout_events p where p.payout_id = ? "
                + "and p.state = ?)", payoutId, PENDING, payoutId, PENDING);
    }

    /** Two index range scans: counts and the oldest by state, and the first of the due range. */
    public Backlog backlog(Instant now) {
        String byState = "select state, count(*), min(created_at) from payout_events where state in (?, ?) group by state";
        // only the first pending event of a payout has a due time (V6): the oldest due one is the index's first
        String oldestDue = "select min(next_attempt_at) from payout_events where next_attempt_at <= ?";
        long pending = 0;
        long dead = 0;
        Instant oldestPending = null;
        Instant due = null;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(byState)) {
                s.setString(1, PENDING);
                s.setString(2, DEAD);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (PENDING.equals(r.getString(1))) {
                            pending = r.getLong(2);
                            oldestPending = r.getObject(3, OffsetDateTime.class).toInstant();
                        } else {
                            dead = r.getLong(2);
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(oldestDue)) {
                s.setObject(1, utc(now));
                try (ResultSet r = s.executeQuery()) {
                    if (r.next() && r.getObject(1) != null) {
                        due = r.getObject(1, OffsetDateTime.class).toInstant();
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the events backlog", e);
        }
        return new Backlog(pending, oldestPending, due, dead);
    }

    public List<Stored> dead(int limit) {
        return query("select " + COLUMNS + " from payout_events where state = ? order by created_at limit ?", DEAD, limit);
    }

    /**
     * Gives a dead-lettered event a fresh set of attempts, due now, ahead of its payout's later pending events (they
     * wait for it again); false if it is not dead.
     */
    public boolean replay(String eventId, Instant now) {
        return Jdbc.inTransaction(dataSource, "replay event " + eventId, c -> {
            String payoutId = lockPayoutOf(c, eventId);
            // due now unless an earlier event of its payout is pending (replayed before it): then it waits its turn
            boolean replayed = payoutId != null && update(c, "update payout_events set state = ?, attempts = 0, "
                    + "next_attempt_at = case when exists (select 1 from payout_events p where p.payout_id = ? "
                    + "and p.state = ? and p.seq < payout_events.seq) then null else ? end "
                    + "where event_id = ? and state = ?", PENDING, payoutId, PENDING, utc(now), eventId, DEAD) == 1;
            if (replayed) {
                update(c, "update payout_events set next_attempt_at = null where payout_id = ? and state = ? "
                        + "and seq > (select r.seq from payout_events r where r.event_id = ?)", payoutId, PENDING,
                        eventId);
            }
            return replayed;
        });
    }

    /**
     * Deletes up to {@code limit} events delivered before {@code before} (a range of the delivered_at index);
     * returns how many. Pending and dead events are never deleted.
     */
    public int pruneDelivered(Instant before, int limit) {
        return execute("delete from payout_events where event_id in (select event_id from payout_events "
                + "where delivered_at < ? limit ?)", utc(before), limit);
    }

    public List<Stored> ofPayout(String payoutId) {
        return query("select " + COLUMNS + " from payout_events where payout_id = ? order by seq", payoutId);
    }

    private int execute(String sql, Object... values) {
        return Jdbc.execute(dataSource, "update events", sql, values);
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        }
    }

    private List<Stored> query(String sql, Object... values) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, values);
        } catch (SQLException e) {
            throw new StoreException("could not read events", e);
        }
    }

    private static List<Stored> query(Connection c, String sql, Object... values) throws SQLException {
        List<Stored> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    OffsetDateTime next = r.getObject("next_attempt_at", OffsetDateTime.class);
                    events.add(new Stored(r.getString("event_id"), r.getString("payout_id"), r.getInt("seq"),
                            r.getString("body"), r.getString("callback_url"), r.getString("client_id"),
                            r.getString("state"), r.getInt("attempts"), next == null ? null : next.toInstant(),
                            r.getString("last_error"), r.getObject("created_at", OffsetDateTime.class).toInstant()));
                }
            }
        }
        return events;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
