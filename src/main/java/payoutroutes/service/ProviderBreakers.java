package payoutroutes.service;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutConstants;
import payoutroutes.model.PayoutJson;
import payoutroutes.model.ProviderOutcome;

/**
 * The circuit breaker of each provider (the {@code circuitBreaker} step of every family's route template, Camel's EIP
 * on Resilience4j), named by the provider's id. The connectors answer outcomes, not exceptions, so the breaker is told
 * of a failure here: a call that got no answer (NO_ANSWER: timeout, 5xx, garbage) or provably never left (NOT_SENT:
 * refused connection) is thrown as {@link Unanswered}, which the breaker counts, and its fallback turns it back into
 * the outcome. While the breaker is open the provider is not called at all and the outcome is NOT_SENT: a create may
 * go to its fallback provider or is answered 503, a status query waits for the next check.
 */
public class ProviderBreakers implements ProviderState {

    /** A call the breaker counts as failed; it carries the connector's outcome through the breaker to its fallback. */
    public static final class Unanswered extends Exception {

        private final String outcome;

        Unanswered(String outcome) {
            super("no answer from the provider", null, false, false);
            this.outcome = outcome;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger("payouts");

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

    /** The breakers' registry: bound in Camel's, where the circuitBreaker steps and the breakers' metrics find it. */
    public CircuitBreakerRegistry registry() {
        return breakers;
    }

    /**
     * Makes the breaker of a provider from {@code payouts.breaker.*}, each key overridable for one provider as
     * {@code payouts.providers.<id>.breaker.*}; its route's circuitBreaker step refers to it as {@code <id>-breaker}.
     */
    public CircuitBreaker create(String provider, Function<String, Optional<String>> properties) {
        Function<String, String> setting = key -> properties.apply("payouts.providers." + provider + ".breaker." + key)
                .or(() -> properties.apply("payouts.breaker." + key)).map(String::trim).filter(v -> !v.isEmpty())
                .orElseThrow(() -> new IllegalArgumentException("payouts.breaker." + key + " is not set"));
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(Float.parseFloat(setting.apply("failure-rate-threshold")))
                .minimumNumberOfCalls(Integer.parseInt(setting.apply("minimum-number-of-calls")))
                .slidingWindowSize(Integer.parseInt(setting.apply("sliding-window-size")))
                .waitDurationInOpenState(Duration.ofMillis(TimeUtils.toMilliSeconds(setting.apply("wait-in-open-state"))))
                .permittedNumberOfCallsInHalfOpenState(Integer.parseInt(setting.apply("calls-in-half-open-state")))
                // a refused call is an everyday event here, not a bug to trace
                .writableStackTraceEnabled(false)
                .build();
        return breakers.circuitBreaker(provider, config);
    }

    /**
     * What a 503 for this provider says in Retry-After: how long its breaker stays open (whole seconds, at least 1),
     * the soonest a new payout could be sent to it; 30 for a provider without a breaker.
     */
    public int retryAfterSeconds(String provider) {
        return breakers.find(provider).map(b -> b.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
                .map(ms -> (int) Math.max(1, (ms + 999) / 1000)).orElse(30);
    }

    public static String beanName(String provider) {
        return provider + "-breaker";
    }

    /** Inside the breaker, after the connector: an outcome that is not an answer is a failure the breaker counts. */
    public void failUnlessAnswered(Exchange exchange) throws IOException, Unanswered {
        String outcome = exchange.getMessage().getBody(String.class);
        ProviderOutcome.Kind kind = PayoutJson.outcome(Json.MAPPER.readTree(outcome)).kind();
        if (kind == ProviderOutcome.Kind.NO_ANSWER || kind == ProviderOutcome.Kind.NOT_SENT) {
            throw new Unanswered(outcome);
        }
    }

    /**
     * The breaker's fallback: a counted failure's own outcome; when the open breaker let no call through, NOT_SENT
     * (the provider provably never saw it). Anything else that went wrong is not the breaker's to hide.
     */
    public String fallbackOutcome(Exchange exchange) throws Exception {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof Unanswered unanswered) {
            return unanswered.outcome;
        }
        if (failure instanceof Exception e) {
            throw e;
        }
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        LOG.info("payout={} provider={} step=breaker-open not called", exchange.getProperty(PayoutConstants.PAYOUT_ID),
                provider);
        return PayoutJson.of(ProviderOutcome.notSent("the circuit breaker of " + provider + " is open: not called"))
                .toString();
    }

    /** CLOSED, OPEN, HALF_OPEN (Resilience4j's states); null when the provider has no breaker. */
    public String state(String provider) {
        return breakers.find(provider).map(b -> b.getState().name()).orElse(null);
    }

    /** For health: the breaker's state, and the failure rate (percent) of the calls it counts, -1 before it judges. */
    @Override
    public Map<String, Object> of(String provider) {
        Map<String, Object> details = new LinkedHashMap<>();
        breakers.find(provider).ifPresent(b -> {
            details.put("breaker", b.getState().name());
            details.put("breaker.failure.rate", b.getMetrics().getFailureRate());
        });
        return details;
    }
}
