package payoutroutes.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the pool, makes every commit durable, and brings the schema up to date before anything uses it. */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {
    }

    public static HikariDataSource open(String url, String username, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("payouts-store");
        config.setJdbcUrl(closedByThePool(url));
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setExceptionOverrideClassName(ClosedDatabaseConnections.class.getName());
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            makeCommitsDurable(dataSource, url);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException | SQLException e) {
            dataSource.close();
            throw e instanceof RuntimeException r ? r : new StoreException("could not open the store", e);
        }
        return dataSource;
    }

    /**
     * H2 closes a database from a shutdown hook of its own, while the service's shutdown still answers the requests in
     * flight (each then failed with "Database is already closed"): the pool closes it instead, once those are done.
     */
    static String closedByThePool(String url) {
        return url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT")
                ? url + ";DB_CLOSE_ON_EXIT=FALSE" : url;
    }

    /**
     * A payout is recorded before its provider is called, and a 201 must survive {@code kill -9}: so a
     * commit has to be in the file when it returns. H2 writes commits in the background by default (its
     * write delay, about once a second), which lost answered payouts and let a resend pay them twice. A
     * write delay of 0 makes H2 write each commit before returning it; the setting is kept in the file.
     * PostgreSQL is durable at commit unless {@code synchronous_commit} is off, which we warn about.
     */
    static void makeCommitsDurable(HikariDataSource dataSource, String url) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")) {
                s.execute("SET WRITE_DELAY 0");
            } else if (url.startsWith("jdbc:postgresql:")) {
                try (ResultSet r = s.executeQuery("show synchronous_commit")) {
                    if (r.next() && "off".equalsIgnoreCase(r.getString(1))) {
                        LOG.warn("step=store synchronous_commit is off: a payout answered just before a database crash "
                                + "can be lost, and a resend of it paid twice; turn it on for this database");
                    }
                }
            }
        }
    }
}
