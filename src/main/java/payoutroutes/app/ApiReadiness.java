package payoutroutes.app;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the business port: DOWN until the server routes the API and answers its problems, which is the
 * last thing the start does ({@link ServerProblems}, once the context is fully started). Camel's own checks are
 * UP as soon as the context and its routes have started, a moment before that.
 */
final class ApiReadiness extends AbstractHealthCheck {

    private final int port;
    private volatile boolean serving;

    ApiReadiness(int port) {
        super("payouts", "api");
        this.port = port;
    }

    void serving() {
        serving = true;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("port", port);
        if (serving) {
            builder.up();
        } else {
            builder.down().message("the API on port " + port + " is not served yet");
        }
    }
}
