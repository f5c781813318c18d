package payoutroutes.service;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.PayoutConstants;
import payoutroutes.model.ProviderOutcome;

/**
 * The circuit breaker of each provider (Resilience4j), named by the provider's id and used by the call-provider route
 * (routes/api.yaml) around every payout call: {@link #admits} before it, {@link #record} after it. The connectors
 * answer outcomes, not exceptions, so the breaker is told here that a call got no answer (NO_ANSWER: timeout, 5xx,
 * garbage) or provably never left (NOT_SENT: refused connection). While the breaker is open the provider is not
 * called at all and the outcome is NOT_SENT ({@link #notCalled}): a create may go to its fallback provider or is
 * answered 503, a status query waits for the next check.
 */
public class ProviderBreakers implements ProviderState {

    /** What a call that got no answer is, to Resilience4j (told of an error as a Throwable). */
    private static final Exception UNANSWERED = new Exception("no answer from the provider", null, false, false) {
    };

    /** When the call began, in the breaker's clock (exchange property of the provider route). */
    private static final String CALL_STARTED = "PayoutBreakerCallStarted";

    private static final Logger LOG = LoggerFactory.getLogger("payouts");

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();

    /** The breakers' registry, whose breakers the metrics show (resilience4j_circuitbreaker_*). */
    public CircuitBreakerRegistry registry() {
        return breakers;
    }

    /**
     * Makes the breaker of a provider from {@code payouts.breaker.*}, each key overridable for one provider as
     * {@code payouts.providers.<id>.breaker.*}.
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
                // a trial call whose route failed before telling the breaker must not keep it half open for good
                .maxWaitDurationInHalfOpenState(Duration.ofMillis(TimeUtils.toMilliSeconds(setting.apply("wait-in-open-state"))))
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

    /**
     * Before a call: whether the provider's breaker lets it through. Resilience4j is asked and told directly rather
     * than through Camel's circuitBreaker EIP, which runs its steps synchronously: it would hold a thread for as
     * long as the provider takes to answer, and the connectors' calls hold none.
     */
    public boolean admits(Exchange exchange) {
        CircuitBreaker breaker = breakerOf(exchange);
        if (!breaker.tryAcquirePermission()) {
            return false;
        }
        exchange.setProperty(CALL_STARTED, breaker.getCurrentTimestamp());
        return true;
    }

    /**
     * After the call, the breaker is told its outcome (the body, as {@link ProviderCalls#outcome} read it): one that is
     * not an answer (NO_ANSWER: timeout, 5xx, garbage; NOT_SENT: refused connection) is a failure it counts.
     */
    public ProviderOutcome record(Exchange exchange) {
        CircuitBreaker breaker = breakerOf(exchange);
        long took = exchange.removeProperty(CALL_STARTED) instanceof Long started
                ? breaker.getCurrentTimestamp() - started : 0;
        ProviderOutcome outcome = exchange.getMessage().getBody(ProviderOutcome.class);
        if (outcome.kind() == ProviderOutcome.Kind.NO_ANSWER || outcome.kind() == ProviderOutcome.Kind.NOT_SENT) {
            breaker.onError(took, breaker.getTimestampUnit(), UNANSWERED);
        } else {
            breaker.onSuccess(took, breaker.getTimestampUnit());
        }
        return outcome;
    }

    /** The open breaker let no call through: NOT_SENT, the provider provably never saw the payout. */
    public ProviderOutcome notCalled(Exchange exchange) {
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        exchange.getMessage().removeHeader(PayoutConstants.OPERATION);
        LOG.info("payout={} provider={} step=breaker-open not called", exchange.getProperty(PayoutConstants.PAYOUT_ID),
                provider);
        return ProviderOutcome.notSent("the circuit breaker of " + provider + " is open: not called");
    }

    private CircuitBreaker breakerOf(Exchange exchange) {
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        return breakers.find(provider)
                .orElseThrow(() -> new IllegalStateException("no circuit breaker for provider " + provider));
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
