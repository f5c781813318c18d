package payoutroutes.service;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Failure;
import payoutroutes.model.PayoutEvent;
import payoutroutes.model.ProviderOutcome;
import payoutroutes.service.store.PayoutStore;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutConstants;
import payoutroutes.model.PayoutRequest;
import payoutroutes.model.PayoutStatus;

/**
 * Records payouts before they are sent and applies what providers say about them, through one state
 * machine ({@link PayoutStatus#canMoveTo}) enforced by compare-and-set in the store.
 */
public class PayoutLedger {

    private static final Logger LOG = LoggerFactory.getLogger("payouts");
    private static final int POLL_MS = 25;

    private final PayoutStore store;
    private final Providers providers;
    private final Clock clock;
    private final ToIntFunction<String> retryAfterSeconds;

    /** @param retryAfterSeconds how long a 503 for this provider tells the client to wait: its breaker's open time */
    public PayoutLedger(PayoutStore store, Providers providers, Clock clock, ToIntFunction<String> retryAfterSeconds) {
        this.store = store;
        this.providers = providers;
        this.clock = clock;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * Records the request as RECEIVED, or recognises it: the same content again is a replay (property
     * {@code replay}; a duplicate that arrives while the first is still with the provider waits for it),
     * other content under the same payoutId is a 409. The database's primary key decides who is first.
     */
    public Payout record(Exchange exchange) throws InterruptedException {
        PayoutRequest request = exchange.getMessage().getBody(PayoutRequest.class);
        String provider = exchange.getProperty(PayoutConstants.PROVIDER, String.class);
        String client = client(exchange);
        Payout received = Payout.received(request, provider, clock.instant());
        exchange.setProperty(PayoutConstants.REQUEST, request);
        if (store.insert(received, request.fingerprint(), client)) {
            LOG.info("payout={} provider={} status=RECEIVED step=recorded amount={}", received.payoutId(), provider,
                    received.amount());
            exchange.setProperty(PayoutConstants.REPLAY, false);
            return received;
        }
        exchange.setProperty(PayoutConstants.REPLAY, true);
        return awaitFirst(request, client);
    }

    /**
     * A duplicate waits while the first request may still be with the provider: at most {@link Providers#inFlight}
     * after the payout was recorded, or moved to its fallback provider (the token call and the create, each bounded by
     * the timeout). A payout still RECEIVED after that was left by a crash; nobody is sending it, so waiting longer
     * would only hold the client. Reconciliation resolves it.
     */
    private Payout awaitFirst(PayoutRequest request, String client) throws InterruptedException {
        while (true) {
            PayoutStore.Stored stored = store.find(request.payoutId()).orElseThrow(() ->
                    // the first request found the provider unreachable and forgot the payout
                    Problem.providerUnavailable(String.valueOf(request.provider()),
                            retryAfterSeconds.applyAsInt(String.valueOf(request.provider()))));
            if (!stored.clientId().equals(client)) {
                // another client's payoutId: taken, and nothing more is said about it (contract section 10)
                LOG.info("payout={} step=conflict payoutId of another client", request.payoutId());
                throw Problem.taken();
            }
            if (!stored.fingerprint().equals(request.fingerprint())) {
                LOG.info("payout={} step=conflict different content under an existing payoutId", request.payoutId());
                throw Problem.conflict(request.payoutId());
            }
            Payout payout = stored.payout();
            if (payout.status() != PayoutStatus.RECEIVED
                    || !clock.instant().isBefore(payout.updatedAt().plus(providers.inFlight(payout.provider())))) {
                LOG.info("payout={} provider={} status={} step=replay", payout.payoutId(), payout.provider(),
                        payout.status());
                return payout;
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Applies the create call's outcome to the RECEIVED payout (property {@code payout}). */
    public Payout applyCreateOutcome(Exchange exchange) {
        Payout received = exchange.getProperty(PayoutConstants.PAYOUT, Payout.class);
        ProviderOutcome outcome = exchange.getMessage().getBody(ProviderOutcome.class);
        return switch (outcome.kind()) {
            case ANSWERED -> apply(received, outcome.status(), outcome, "created");
            case NOT_SENT -> {
                store.deleteReceived(received.payoutId());
                LOG.warn("payout={} provider={} step=not-sent forgotten, may be sent again ({})", received.payoutId(),
                        received.provider(), outcome.detail());
                throw Problem.providerUnavailable(received.provider(), retryAfterSeconds.applyAsInt(received.provider()));
            }
            // it may have reached the provider: never send it again, ask the provider instead
            case NO_ANSWER, NOT_FOUND -> apply(received, PayoutStatus.UNKNOWN, outcome, "created");
        };
    }

    /** Applies a status query's answer; no answer leaves the payout as it is (contract 9.9). */
    public Payout applyStatusOutcome(Exchange exchange) {
        Payout current = exchange.getProperty(PayoutConstants.PAYOUT, Payout.class);
        ProviderOutcome outcome = exchange.getMessage().getBody(ProviderOutcome.class);
        String step = exchange.getProperty(PayoutConstants.STEP, "refreshed", String.class);
        if (outcome.kind() != ProviderOutcome.Kind.ANSWERED) {
            LOG.info("payout={} provider={} status={} step={} unchanged: {} {}", current.payoutId(),
                    current.provider(), current.status(), step, outcome.kind(), outcome.detail());
            return current;
        }
        return apply(current, outcome.status(), outcome, step);
    }

    /**
     * Ends a payout that its provider still says it does not have once the grace period is over (contract 9.9,
     * 12): FAILED with NOT_RECEIVED_BY_PROVIDER, through the same state machine (so only from RECEIVED or UNKNOWN,
     * and with its event). The merchant may then send the payout again under a new payoutId.
     */
    public Payout failNotReceived(Payout current, String step) {
        Failure failure = new Failure(Failure.NOT_RECEIVED_BY_PROVIDER,
                "The provider says it never received this payout", null);
        // "not received" was said of a payout that was RECEIVED or UNKNOWN; should a notification have moved it
        // to PROCESSING meanwhile, the provider has it after all and the answer no longer holds
        return apply(current, PayoutStatus.FAILED, ProviderOutcome.answered(PayoutStatus.FAILED, null, null, failure),
                step, status -> status == PayoutStatus.RECEIVED || status == PayoutStatus.UNKNOWN);
    }

    /** The payout the path names; sets the properties a refresh needs ({@code open}: not final yet). */
    public Payout find(Exchange exchange) {
        String payoutId = exchange.getMessage().getHeader("payoutId", String.class);
        Problem.requireValidPayoutId(payoutId);
        String client = client(exchange);
        // another client's payout is answered exactly as one that does not exist
        Payout payout = store.find(payoutId).filter(stored -> stored.clientId().equals(client))
                .map(PayoutStore.Stored::payout).orElseThrow(() -> Problem.notFound(payoutId));
        exchange.setProperty(PayoutConstants.PAYOUT_ID, payoutId);
        exchange.setProperty(PayoutConstants.PAYOUT, payout);
        exchange.setProperty(PayoutConstants.PROVIDER, payout.provider());
        exchange.setProperty(PayoutConstants.OPEN, !payout.status().isFinal() && providers.exists(payout.provider()));
        return payout;
    }

    /** The API client the route authenticated; an API route that did not is a bug, never "anyone". */
    private static String client(Exchange exchange) {
        String client = exchange.getProperty(PayoutConstants.CLIENT, String.class);
        if (client == null) {
            throw new IllegalStateException("the request was not authenticated");
        }
        return client;
    }

    /** The payout a provider's notification names, if that provider has it. */
    public Optional<Payout> findOfProvider(String payoutId, String provider) {
        return payoutId == null ? Optional.empty()
                : store.find(payoutId).map(PayoutStore.Stored::payout).filter(p -> p.provider().equals(provider));
    }

    /** Moves the payout to {@code next} if the state machine allows it, racing writers included. */
    private Payout apply(Payout current, PayoutStatus next, ProviderOutcome outcome, String step) {
        return apply(current, next, outcome, step, status -> true);
    }

    /** The same, while the answer still holds for the status found (a racing writer may have changed it). */
    private Payout apply(Payout current, PayoutStatus next, ProviderOutcome outcome, String step,
                         Predicate<PayoutStatus> answerHoldsFor) {
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!current.status().canMoveTo(next) || !answerHoldsFor.test(current.status())) {
                LOG.info("payout={} provider={} status={} step={} ignored {}", current.payoutId(), current.provider(),
                        current.status(), step, next);
                return current;
            }
            Payout updated = current.with(next, outcome.providerReference(), outcome.fee(), outcome.failure(),
                    clock.instant());
            if (store.update(updated, current.status(), PayoutEvent.statusChanged(current, updated))) {
                LOG.info("payout={} provider={} status={} step={} previous={}{}", updated.payoutId(),
                        updated.provider(), next, step, current.status(),
                        updated.failure() == null ? "" : " failure=" + updated.failure().code());
                return updated;
            }
            Optional<PayoutStore.Stored> reread = store.find(current.payoutId());
            if (reread.isEmpty()) {
                return current;
            }
            current = reread.get().payout();
        }
        return current;
    }
}
