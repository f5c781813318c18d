package payoutroutes.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What the store's tables share: an update on a connection of its own, and a transaction around several statements. */
final class Jdbc {

    private Jdbc() {
    }

    /** Runs the statement and answers how many rows it changed; a failure is a {@link StoreException} saying what. */
    static int execute(DataSource dataSource, String what, String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not " + what, e);
        }
    }

    /** Statements that commit together. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws; a failure is a
     * {@link StoreException} saying what (a RuntimeException of the work's own passes through, after the rollback).
     */
    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("could not " + what, e);
        }
    }
}
