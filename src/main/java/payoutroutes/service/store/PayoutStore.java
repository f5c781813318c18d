package payoutroutes.service.store;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import payoutroutes.model.PayoutEvent;
import payoutroutes.model.Failure;
import payoutroutes.model.Money;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutStatus;

/** The payouts table. Each method is one round trip; the database enforces idempotency and state changes. */
public class PayoutStore {

    /** A stored payout, the fingerprint of the request that made it, and the API client it belongs to. */
    public record Stored(Payout payout, String fingerprint, String clientId) {
    }

    /**
     * When reconciliation first asks the provider about a payout that was just recorded or changed; null for a
     * final one, which is never asked about again. Written with the payout, in the same statement.
     */
    @FunctionalInterface
    public interface FirstCheck {
        Instant of(Payout payout);
    }

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "payout_id, fingerprint, provider, status, amount_value, amount_currency, "
            + "provider_reference, fee_value, fee_currency, failure_code, failure_message, failure_provider_code, "
            + "callback_url, created_at, updated_at, client_id";

    private final DataSource dataSource;
    private final FirstCheck firstCheck;
    private final EventOutbox outbox;
    private volatile Consumer<String> beforeStatusChange = payoutId -> { };

    /** @param outbox where each status change writes its event, and hands it on once committed */
    public PayoutStore(DataSource dataSource, FirstCheck firstCheck, EventOutbox outbox) {
        this.dataSource = dataSource;
        this.firstCheck = firstCheck;
        this.outbox = outbox;
    }

    public PayoutStore(DataSource dataSource, FirstCheck firstCheck) {
        this(dataSource, firstCheck, new EventOutbox(dataSource));
    }

    /**
     * For tests that make a race certain instead of likely: runs with the payoutId right before each status
     * change is written, after its writer has read the status it expects. Nothing in production sets it.
     */
    public void holdBeforeStatusChange(Consumer<String> hold) {
        this.beforeStatusChange = hold == null ? payoutId -> { } : hold;
    }

    /** Inserts a new payout of a client; false when its payoutId is already taken (by this request or another). */
    public boolean insert(Payout payout, String fingerprint, String clientId) {
        String sql = "insert into payouts (" + COLUMNS + ", next_check_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, payout.payoutId());
            s.setString(2, fingerprint);
            s.setString(3, payout.provider());
            s.setString(4, payout.status().name());
            s.setBigDecimal(5, payout.amount().value());
            s.setString(6, payout.amount().currency());
            s.setString(7, payout.providerReference());
            s.setBigDecimal(8, payout.fee() == null ? null : payout.fee().value());
            s.setString(9, payout.fee() == null ? null : payout.fee().currency());
            setFailure(s, 10, payout.failure());
            s.setString(13, payout.callbackUrl());
            s.setObject(14, utc(payout.createdAt()));
            s.setObject(15, utc(payout.updatedAt()));
            s.setString(16, clientId);
            s.setObject(17, utc(firstCheck.of(payout)));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("could not insert payout " + payout.payoutId(), e);
        }
    }

    public Optional<Stored> find(String payoutId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select " + COLUMNS + " from payouts where payout_id = ?")) {
            s.setString(1, payoutId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Stored(read(r), r.getString("fingerprint"), r.getString("client_id")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("could not read payout " + payoutId, e);
        }
    }

    /**
     * Compare-and-set: writes {@code next} only if the stored status is still {@code expected}, and its
     * event into the outbox in the same transaction. Two writers racing on the same payout (threads or
     * instances) can't both win, and a change is never without its event. A change also starts the payout's
     * reconciliation schedule afresh (and ends it when final), releasing any claim on it.
     */
    public boolean update(Payout next, PayoutStatus expected, PayoutEvent event) {
        String sql = "update payouts set status = ?, provider_reference = ?, fee_value = ?, fee_currency = ?, "
                + "failure_code = ?, failure_message = ?, failure_provider_code = ?, updated_at = ?, "
                + "next_check_at = ?, checks = 0, claimed_by = null "
                + "where payout_id = ? and status = ?";
        beforeStatusChange.accept(next.payoutId());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            EventOutbox.Written written = null;
            boolean changed;
            try {
                changed = update(c, sql, next, expected);
                if (changed) {
                    written = outbox.insert(c, event);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                outbox.afterRollback(written);
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            if (written != null) {
                outbox.afterCommit(written);
            }
            return changed;
        } catch (SQLException e) {
            throw new StoreException("could not update payout " + next.payoutId(), e);
        }
    }

    private boolean update(Connection c, String sql, Payout next, PayoutStatus expected) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, next.status().name());
            s.setString(2, next.providerReference());
            s.setBigDecimal(3, next.fee() == null ? null : next.fee().value());
            s.setString(4, next.fee() == null ? null : next.fee().currency());
            setFailure(s, 5, next.failure());
            s.setObject(8, utc(next.updatedAt()));
            s.setObject(9, utc(firstCheck.of(next)));
            s.setString(10, next.payoutId());
            s.setString(11, expected.name());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Moves a RECEIVED payout to another provider before it is sent there: compare-and-set on its provider and status,
     * so that it is never recorded against one provider while sent to another, and durable before the call (a crash
     * leaves it RECEIVED under the provider that may have it). Its first reconciliation check starts afresh.
     */
    public boolean moveReceived(Payout moved, String fromProvider) {
        return Jdbc.execute(dataSource, "move payout " + moved.payoutId() + " to another provider",
                "update payouts set provider = ?, updated_at = ?, next_check_at = ?, claimed_by = null "
                        + "where payout_id = ? and provider = ? and status = ?",
                moved.provider(), utc(moved.updatedAt()), utc(firstCheck.of(moved)), moved.payoutId(), fromProvider,
                PayoutStatus.RECEIVED.name()) == 1;
    }

    /** Forgets a payout that provably never left us, so that the merchant may send it again. */
    public boolean deleteReceived(String payoutId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("delete from payouts where payout_id = ? and status = ?")) {
            s.setString(1, payoutId);
            s.setString(2, PayoutStatus.RECEIVED.name());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("could not delete payout " + payoutId, e);
        }
    }

    private static void setFailure(PreparedStatement s, int index, Failure failure) throws SQLException {
        s.setString(index, failure == null ? null : failure.code());
        s.setString(index + 1, failure == null ? null : truncate(failure.message(), 500));
        s.setString(index + 2, failure == null ? null : truncate(failure.providerCode(), 64));
    }

    private static Payout read(ResultSet r) throws SQLException {
        BigDecimal fee = r.getBigDecimal("fee_value");
        String failureCode = r.getString("failure_code");
        return new Payout(r.getString("payout_id"), r.getString("provider"), r.getString("provider_reference"),
                PayoutStatus.valueOf(r.getString("status")),
                new Money(r.getBigDecimal("amount_value"), r.getString("amount_currency").trim()),
                fee == null ? null : new Money(fee, r.getString("fee_currency").trim()),
                failureCode == null ? null : new Failure(failureCode, r.getString("failure_message"),
                        r.getString("failure_provider_code")),
                r.getString("callback_url"), instant(r, "created_at"), instant(r, "updated_at"));
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
