package payoutroutes.service.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migrations of one line of work that land after a higher version of another was applied still run. */
class DatabaseTest {

    @Test
    void aLowerMigrationThatLandsAfterAHigherOneIsAppliedNotRefused() throws Exception {
        String url = "jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (HikariDataSource before = new HikariDataSource()) {
            before.setJdbcUrl(url);
            before.setUsername("sa");
            // a database migrated up to V2, and then to a V99 of another line of work, before V3 existed
            Flyway.configure().dataSource(before).locations("classpath:db/migration").target("2").load().migrate();
            try (Connection c = before.getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into flyway_schema_history (installed_rank, version, description, type, script, "
                        + "checksum, installed_by, installed_on, execution_time, success) values (99, '99', "
                        + "'another line of work', 'SQL', 'V99__another.sql', 0, 'sa', current_timestamp, 0, true)");
            }
            try (HikariDataSource opened = Database.open(url, "sa", "", 2);
                 Connection c = opened.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select count(*) from flyway_schema_history where version = '3' "
                         + "and success")) {
                r.next();
                assertEquals(1, r.getInt(1), "V3 applied after V99");
            }
        }
    }
}
