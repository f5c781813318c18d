package payoutroutes;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import payoutroutes.service.store.OpenPayouts;

/**
 * A benchmark, not a test (nothing is asserted, and surefire does not run it): what a backlog of open payouts
 * costs. It measures the due query's plan and time with 100,000 open payouts, and the latency of creates
 * through the API with no backlog, with 100,000 open payouts not yet due, and with all of them due while
 * reconciliation works through them.
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" payoutroutes.ReconciliationBacklogBenchmark h2
 * </pre>
 * ({@code postgres} instead of {@code h2}: the embedded PostgreSQL, or the one PAYOUTS_TEST_POSTGRES names.)
 */
public final class ReconciliationBacklogBenchmark {

    private static final int BACKLOG = 100_000;
    private static final int CREATES = 300;

    private ReconciliationBacklogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean postgres = args.length > 0 && args[0].equals("postgres");
        Map<String, String> store = postgres ? TestPostgres.freshDatabase()
                : Map.of("payouts.store.url", "jdbc:h2:file:" + Files.createTempDirectory("backlog").resolve("payouts")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        Map<String, String> properties = new HashMap<>(store);
        properties.put("payouts.public-base-url", "http://127.0.0.1:1"); // no notifications: quieter
        properties.put("payouts.reconciliation.poll-ms", "1000");
        try (RunningService service = RunningService.start(properties)) {
            DataSource data = service.bean("dataSource", DataSource.class);
            OpenPayouts open = service.bean("openPayouts", OpenPayouts.class);
            System.out.printf("%nstore: %s%n", postgres ? "PostgreSQL (embedded)" : "H2 file");
            creates(service, "A-", "no backlog");

            long started = System.nanoTime();
            backlog(data, Instant.now().plusSeconds(86_400));
            System.out.printf("inserted %,d open payouts (due in 24h) in %d ms%n", BACKLOG, ms(started));
            analyze(data, postgres);
            plan(data, postgres);
            dueQuery(open, "100,000 open, none due");
            creates(service, "B-", "100,000 open payouts, none due");

            execute(data, "update payouts set next_check_at = ? where payout_id like 'BACKLOG-%'",
                    Instant.now().atOffset(ZoneOffset.UTC));
            analyze(data, postgres);
            dueQuery(open, "100,000 open, all due");
            long before = count(data, "select count(*) from payouts where payout_id like 'BACKLOG-%' and checks > 0");
            long t = System.nanoTime();
            creates(service, "C-", "100,000 open payouts all due, reconciliation working through them");
            long checked = count(data, "select count(*) from payouts where payout_id like 'BACKLOG-%' and checks > 0")
                    - before;
            System.out.printf("meanwhile reconciliation checked %,d payouts (%.0f/s)%n", checked,
                    checked * 1000.0 / ms(t));
        }
        System.exit(0);
    }

    private static void creates(RunningService service, String prefix, String label) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < CREATES + 50; i++) {
            long t = System.nanoTime();
            RunningService.Answer answer = service.post(prefix + i, Payouts.seed("aopay"));
            if (answer.status() != 201) {
                throw new IllegalStateException(answer.body());
            }
            if (i >= 50) { // the first ones warm up
                micros.add((System.nanoTime() - t) / 1000);
            }
        }
        micros.sort(Long::compare);
        System.out.printf("creates, %s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%d sequential)%n", label,
                micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 95 / 100) / 1000.0,
                micros.get(micros.size() * 99 / 100) / 1000.0, micros.size());
    }

    private static void dueQuery(OpenPayouts open, String label) {
        for (int i = 0; i < 50; i++) {
            open.due(Instant.now(), 100);
        }
        List<Long> micros = new ArrayList<>();
        int found = 0;
        for (int i = 0; i < 200; i++) {
            long t = System.nanoTime();
            found = open.due(Instant.now(), 100).size();
            micros.add((System.nanoTime() - t) / 1000);
        }
        micros.sort(Long::compare);
        System.out.printf("due query (batch 100), %s: found %d, p50 %.2f ms, p99 %.2f ms%n", label, found,
                micros.get(100) / 1000.0, micros.get(198) / 1000.0);
    }

    private static void plan(DataSource data, boolean postgres) throws Exception {
        String due = "select payout_id, provider, next_check_at from payouts where next_check_at <= "
                + (postgres ? "now()" : "current_timestamp") + " order by next_check_at limit 100";
        try (Connection c = data.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery((postgres ? "explain analyze " : "explain analyze ") + due)) {
            System.out.println("plan of the due query:");
            while (r.next()) {
                System.out.println("  " + r.getString(1).replace("\n", "\n  "));
            }
        }
    }

    private static void analyze(DataSource data, boolean postgres) throws Exception {
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            s.execute(postgres ? "analyze payouts" : "analyze");
        }
    }

    private static void backlog(DataSource data, Instant due) throws Exception {
        String sql = "insert into payouts (payout_id, fingerprint, provider, status, amount_value, amount_currency, "
                + "created_at, updated_at, next_check_at) values (?, ?, 'aopay', 'UNKNOWN', 10000, 'IDR', ?, ?, ?)";
        try (Connection c = data.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            var now = Instant.now().atOffset(ZoneOffset.UTC);
            for (int i = 0; i < BACKLOG; i++) {
                s.setString(1, "BACKLOG-" + i);
                s.setString(2, "0".repeat(64));
                s.setObject(3, now);
                s.setObject(4, now);
                s.setObject(5, due.plusMillis(i).atOffset(ZoneOffset.UTC));
                s.addBatch();
                if (i % 1000 == 999) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static void execute(DataSource data, String sql, Object value) throws Exception {
        try (Connection c = data.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, value);
            s.executeUpdate();
        }
    }

    private static long count(DataSource data, String sql) throws Exception {
        try (Connection c = data.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long ms(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
