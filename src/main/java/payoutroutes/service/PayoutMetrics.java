package payoutroutes.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.camel.Exchange;
import payoutroutes.model.Payout;

/**
 * The service's meters about payouts, as Prometheus shows them on /observe/metrics (Camel's registry):
 * {@code payouts_sent_total{provider,status}}, {@code payouts_provider_call_seconds{provider,operation,outcome}}
 * (a histogram) and {@code payouts_notifications_total{provider,result}}. Labels take only configured provider ids
 * and fixed words, never a payoutId: a series per payout would sink Prometheus.
 */
public class PayoutMetrics {

    /** A provider's call takes up to its timeout (10 s by default), twice for a create that first gets a token. */
    private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30)};

    private final MeterRegistry registry;

    public PayoutMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * A route step after a create's outcome is applied: the new payout (the body), by provider and the status its
     * create left it in. (Not "payouts_created_total": Prometheus reserves the _created suffix and drops it.)
     */
    public void sent(Exchange exchange) {
        Payout payout = exchange.getMessage().getBody(Payout.class);
        Counter.builder("payouts.sent").description("New payouts sent to their provider, by the status the create left")
                .tags("provider", payout.provider(), "status", payout.status().name()).register(registry).increment();
    }

    /** One call to a provider's connector: create or status, and the outcome kind it answered. */
    public void providerCall(String provider, String operation, String outcome, Duration took) {
        Timer.builder("payouts.provider.call").description("Calls to providers through their connectors")
                .tags("provider", provider, "operation", operation, "outcome", outcome)
                .serviceLevelObjectives(CALL_BUCKETS).register(registry).record(took);
    }

    /** A provider's notification: accepted (verified, answered 200), refused (401), limited (429). */
    public void notification(String provider, String result) {
        Counter.builder("payouts.notifications").description("Provider notifications, by result")
                .tags("provider", provider, "result", result).register(registry).increment();
    }
}
