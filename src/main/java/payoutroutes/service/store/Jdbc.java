package payoutroutes.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The one round trip the store's tables share: an update with its parameters, on a connection of its own. */
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
}
