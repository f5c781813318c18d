package payoutroutes;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL server for the tests that need one (several instances on one database): the one
 * PAYOUTS_TEST_POSTGRES names (a JDBC URL ending in /), else a server of the test JVM's own (zonky's embedded PostgreSQL, brought by
 * Maven: no Docker, no system package), started once and stopped with the JVM. Each call gives a new database.
 */
public final class TestPostgres {

    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /** The store properties of a new, empty database on that server. */
    public static synchronized Map<String, String> freshDatabase() {
        String url = System.getenv("PAYOUTS_TEST_POSTGRES");
        String user = System.getenv().getOrDefault("PAYOUTS_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("PAYOUTS_TEST_POSTGRES_PASSWORD", "");
        if (url == null || url.isBlank() || "embedded".equals(url)) {
            url = "jdbc:postgresql://localhost:" + embedded().getPort() + "/";
            user = "postgres";
            password = "";
        }
        String database = "payouts_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url + "postgres", user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + url, e);
        }
        return Map.of("payouts.store.url", url + database, "payouts.store.username", user,
                "payouts.store.password", password);
    }

    private static EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new IllegalStateException("could not start an embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    // the JVM is going away; its temporary files with it
                }
            }));
        }
        return embedded;
    }
}
