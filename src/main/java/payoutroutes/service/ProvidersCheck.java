package payoutroutes.service;

import java.util.List;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Each provider's state, in the details: its route, its family and what every {@link ProviderState} in the registry
 * says (the last call's outcome; a circuit breaker's state where there is one). A provider that fails is not a reason
 * to take this instance out of its load balancer (every instance shares the provider), so the check is DOWN only when
 * no provider can be called at all. A stopped route also fails Camel's own route check.
 */
public class ProvidersCheck extends AbstractHealthCheck {

    private final Providers providers;

    public ProvidersCheck(Providers providers) {
        super("payouts", "providers");
        this.providers = providers;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> ids = providers.ids();
        long started = 0;
        for (String id : ids) {
            ServiceStatus status = getCamelContext().getRouteController().getRouteStatus(Providers.routeId(id));
            builder.detail(id + ".route", status == null ? "none" : status.name());
            builder.detail(id + ".family", providers.family(id).name());
            if (status != null && status.isStarted()) {
                started++;
            }
            for (ProviderState state : getCamelContext().getRegistry().findByType(ProviderState.class)) {
                state.of(id).forEach((key, value) -> builder.detail(id + "." + key, value));
            }
        }
        builder.detail("providers", ids.size());
        if (started == 0) {
            builder.down().message(ids.isEmpty() ? "no provider is configured" : "no provider's route is started");
        } else {
            builder.up();
        }
    }
}
