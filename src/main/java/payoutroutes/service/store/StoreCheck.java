package payoutroutes.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness of the store: a real query on the payouts table (its primary key), through the pool the API uses,
 * answered within a timeout. Every request needs the store, so without it the instance is not ready; restarting
 * the process would not bring a database back, so this is not a liveness check. One query at a time: while one
 * hangs (a pool waiting for a database that does not answer), later checks report it instead of piling up threads.
 */
public class StoreCheck extends AbstractHealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger("payouts");
    private static final String QUERY = "select count(*) from payouts where payout_id = ?";

    private final DataSource dataSource;
    private final Duration timeout;
    private ExecutorService queries;
    private Future<?> query;
    private boolean wasDown;

    public StoreCheck(DataSource dataSource, Duration timeout) {
        super("payouts", "store");
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long start = System.nanoTime();
        try {
            query().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            builder.up().detail("query.ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            if (wasDown) {
                LOG.info("step=store-check UP again");
            }
            wasDown = false;
        } catch (TimeoutException e) {
            down(builder, "no answer from the store within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            down(builder, "the store failed the query: " + describe(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            down(builder, "interrupted");
        }
        builder.detail("timeout.ms", timeout.toMillis());
    }

    private void down(HealthCheckResultBuilder builder, String why) {
        builder.down().message(why);
        if (!wasDown) {
            LOG.warn("step=store-check DOWN: {}", why);
        }
        wasDown = true;
    }

    /** The query in progress, or a new one when none is (AbstractHealthCheck calls one check at a time). */
    private Future<?> query() {
        if (queries == null) {
            queries = getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "store-check");
        }
        if (query == null || query.isDone()) {
            query = queries.submit(() -> {
                try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(QUERY)) {
                    s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                    s.setString(1, "");
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                    }
                }
                return null;
            });
        }
        return query;
    }

    /**
     * The kind of failure without the driver's text: Camel writes health messages into its JSON unescaped, and the
     * text can name files or statements. The log line carries the same.
     */
    private static String describe(Throwable failure) {
        if (failure instanceof SQLException e) {
            return e.getClass().getSimpleName() + " SQLState " + e.getSQLState() + " code " + e.getErrorCode();
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }
}
