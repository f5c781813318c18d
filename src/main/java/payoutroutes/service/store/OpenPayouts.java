package payoutroutes.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import payoutroutes.model.PayoutStatus;

/**
 * The payouts that are not final, as reconciliation sees them: when each is next due to be asked about, who
 * holds it for a check, and which ones an operator should look at. A check is claimed by compare-and-set on the
 * due time, which the claim moves to the end of a lease: one instance at a time asks about a payout, and a
 * payout whose instance died falls due again when the lease ends. The same SQL runs on H2 and PostgreSQL.
 */
public class OpenPayouts {

    /** A payout that is due, as the due query finds it: enough to claim it. */
    public record Due(String payoutId, String provider, Instant nextCheckAt) {
    }

    /**
     * Reconciliation as operators watch it: the open payouts due for a check and the due time of the oldest (a
     * reconciliation that keeps up takes it within its poll interval; a payout held for a check is not due), and
     * the open payouts flagged, by reason (the flag's text up to its colon).
     */
    public record Backlog(long due, Instant oldestDueAt, Map<String, Long> flaggedByReason) {
    }

    /** An open payout flagged for an operator. */
    public record Flagged(String payoutId, String provider, PayoutStatus status, Instant createdAt,
                          Instant updatedAt, int checks, String reason) {
    }

    private final DataSource dataSource;
    private volatile Consumer<String> beforeClaim = payoutId -> { };

    public OpenPayouts(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * For tests that make a race between instances certain: runs with the payoutId right before each claim is
     * tried, after the due query found it. Nothing in production sets it.
     */
    public void holdBeforeClaim(Consumer<String> hold) {
        this.beforeClaim = hold == null ? payoutId -> { } : hold;
    }

    /**
     * The payouts due by {@code now}, earliest first: a range scan of the index on next_check_at, so the cost
     * is the batch's, not the backlog's (final payouts have no due time and are not in the range).
     */
    public List<Due> due(Instant now, int limit) {
        String sql = "select payout_id, provider, next_check_at from payouts where next_check_at <= ? "
                + "order by next_check_at limit ?";
        List<Due> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, utc(now));
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    due.add(new Due(r.getString("payout_id"), r.getString("provider"), instant(r, "next_check_at")));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not find the payouts due for reconciliation", e);
        }
        return due;
    }

    /**
     * Takes a due payout for one check, until {@code leaseUntil}; false when another instance took it first
     * or its status changed since it was found (its due time is then no longer the one seen).
     */
    public boolean claim(Due due, String instance, Instant leaseUntil) {
        beforeClaim.accept(due.payoutId());
        return execute("update payouts set next_check_at = ?, claimed_by = ? where payout_id = ? and next_check_at = ?",
                utc(leaseUntil), instance, due.payoutId(), utc(due.nextCheckAt())) == 1;
    }

    /**
     * Ends a check that changed nothing: the payout is next due at {@code next}. Does nothing when the claim is
     * no longer this one's (a status change meanwhile started a new schedule, or the lease ran out and another
     * instance took it).
     */
    public boolean release(String payoutId, String instance, Instant leaseUntil, Instant next) {
        return execute("update payouts set next_check_at = ?, checks = checks + 1, claimed_by = null "
                + "where payout_id = ? and claimed_by = ? and next_check_at = ?",
                utc(next), payoutId, instance, utc(leaseUntil)) == 1;
    }

    /** Two index range scans: next_check_at up to now, and the flagged payouts (a few texts, counted in the store). */
    public Backlog backlog(Instant now) {
        long due = 0;
        Instant oldestDue = null;
        Map<String, Long> flagged = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "select count(*), min(next_check_at) from payouts where next_check_at <= ?")) {
                s.setObject(1, utc(now));
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        due = r.getLong(1);
                        OffsetDateTime oldest = r.getObject(2, OffsetDateTime.class);
                        oldestDue = oldest == null ? null : oldest.toInstant();
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("select flagged, count(*) from payouts "
                    + "where flagged is not null and next_check_at is not null group by flagged");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String text = r.getString(1);
                    flagged.merge(text.contains(":") ? text.substring(0, text.indexOf(':')) : text, r.getLong(2), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not read the reconciliation backlog", e);
        }
        return new Backlog(due, oldestDue, flagged);
    }

    /** Flags an open payout for an operator; true the first time with this reason (to log and count it once). */
    public boolean flag(String payoutId, String reason) {
        return execute("update payouts set flagged = ? where payout_id = ? and next_check_at is not null "
                + "and (flagged is null or flagged <> ?)", reason, payoutId, reason) == 1;
    }

    /** The flagged payouts that are still open, oldest first. */
    public List<Flagged> flagged(int limit) {
        String sql = "select payout_id, provider, status, created_at, updated_at, checks, flagged from payouts "
                + "where flagged is not null and next_check_at is not null order by created_at limit ?";
        List<Flagged> flagged = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    flagged.add(new Flagged(r.getString("payout_id"), r.getString("provider"),
                            PayoutStatus.valueOf(r.getString("status")), instant(r, "created_at"),
                            instant(r, "updated_at"), r.getInt("checks"), r.getString("flagged")));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("could not list the flagged payouts", e);
        }
        return flagged;
    }

    private int execute(String sql, Object... values) {
        return Jdbc.execute(dataSource, "update a payout's reconciliation", sql, values);
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
