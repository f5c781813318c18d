package payoutroutes.service.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * Tells the pool to drop a connection whose database has gone away. Hikari evicts on the SQL states it knows
 * (08xxx and a few more), but an embedded H2 that closed itself after a failed write (a full disk) answers
 * "The database has been closed" (90098, a {@link SQLNonTransientConnectionException}) on every pooled
 * connection, and a busy pool never idles long enough to validate them: the service answered 500 until it was
 * restarted. A new connection opens the database again once it can be written.
 */
public class ClosedDatabaseConnections implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return e instanceof SQLNonTransientConnectionException ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}
