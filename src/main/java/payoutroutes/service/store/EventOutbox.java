package payoutroutes.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import payoutroutes.model.PayoutEvent;

/**
 * The payout_events table: events written with their status change, delivered in order per payout,
 * retried, and dead-lettered when out of attempts.
 */
public class EventOutbox {

    /** An event as the delivery loop sees it. */
    public record Stored(String eventId, String payoutId, int seq, String body, String callbackUrl, String state,
                         int attempts, Instant nextAttemptAt, String lastError, Instant createdAt) {
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

    private static final String COLUMNS = "event_id, payout_id, seq, body, callback_url, state, attempts, "
            + "next_attempt_at, last_error, created_at";

    private final DataSource dataSource;

    public EventOutbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes the event on the caller's connection: part of the status change's transaction. */
    static void insert(Connection c, PayoutEvent event) throws SQLException {
        String sql = "insert into payout_events (" + COLUMNS + ") select ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?, 0, ?, "
                + "null, ? from payout_events where payout_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, event.eventId());
            s.setString(2, event.payoutId());
            s.setString(3, event.body());
            s.setString(4, event.callbackUrl());
            s.setString(5, PENDING);
            s.setObject(6, utc(event.occurredAt()));
            s.setObject(7, utc(event.occurredAt()));
            s.setString(8, event.payoutId());
            s.executeUpdate();
        }
    }

    /**
     * Pending events that are due and first in line for their payout: a later event waits while an
     * earlier one of the same payout is pending.
     */
    public List<Stored> due(Instant now, int limit) {
        String sql = "select " + COLUMNS + " from payout_events e where e.state = ? and e.next_attempt_at <= ? "
                + "and not exists (select 1 from payout_events p where p.payout_id = e.payout_id and p.seq < e.seq "
                + "and p.state = ?) order by e.next_attempt_at limit ?";
        return query(sql, PENDING, utc(now), PENDING, limit);
    }

    /**
     * Takes the event for one attempt (compare-and-set on its next attempt time, so that two instances
     * don't deliver it at once); the lease is how long before another may try if this one dies.
     */
    public boolean claim(Stored event, Instant leaseUntil) {
        String sql = "update payout_events set attempts = attempts + 1, next_attempt_at = ? "
                + "where event_id = ? and state = ? and next_attempt_at = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, utc(leaseUntil));
            s.setString(2, event.eventId());
            s.setString(3, PENDING);
            s.setObject(4, utc(event.nextAttemptAt()));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not claim event " + event.eventId(), e);
        }
    }

    public void delivered(String eventId, Instant now) {
        execute("update payout_events set state = ?, delivered_at = ?, last_error = null where event_id = ?",
                DELIVERED, utc(now), eventId);
    }

    /** A failed attempt: try again at {@code nextAttempt}, or dead-letter the event when that is null. */
    public void failed(String eventId, String error, Instant nextAttempt) {
        if (nextAttempt == null) {
            execute("update payout_events set state = ?, last_error = ? where event_id = ?", DEAD, truncate(error), eventId);
        } else {
            execute("update payout_events set next_attempt_at = ?, last_error = ? where event_id = ?",
                    utc(nextAttempt), truncate(error), eventId);
        }
    }

    /** Three index range scans: counts and the oldest by state, and the due range up to the first event in line. */
    public Backlog backlog(Instant now) {
        String byState = "select state, count(*), min(created_at) from payout_events where state in (?, ?) group by state";
        String oldestDue = "select e.next_attempt_at from payout_events e where e.state = ? and e.next_attempt_at <= ? "
                + "and not exists (select 1 from payout_events p where p.payout_id = e.payout_id and p.seq < e.seq "
                + "and p.state = ?) order by e.next_attempt_at limit 1";
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
                s.setString(1, PENDING);
                s.setObject(2, utc(now));
                s.setString(3, PENDING);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
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

    /** Gives a dead-lettered event a fresh set of attempts, due now; false if it is not dead. */
    public boolean replay(String eventId, Instant now) {
        return execute("update payout_events set state = ?, attempts = 0, next_attempt_at = ? where event_id = ? "
                + "and state = ?", PENDING, utc(now), eventId, DEAD) == 1;
    }

    public List<Stored> ofPayout(String payoutId) {
        return query("select " + COLUMNS + " from payout_events where payout_id = ? order by seq", payoutId);
    }

    private int execute(String sql, Object... values) {
        return Jdbc.execute(dataSource, "update events", sql, values);
    }

    private List<Stored> query(String sql, Object... values) {
        List<Stored> events = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                events.add(new Stored(r.getString("event_id"), r.getString("payout_id"), r.getInt("seq"),
                        r.getString("body"), r.getString("callback_url"), r.getString("state"), r.getInt("attempts"),
                        r.getObject("next_attempt_at", OffsetDateTime.class).toInstant(), r.getString("last_error"),
                        r.getObject("created_at", OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not read events", e);
        }
        return events;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
