package payoutroutes.service.reconciliation;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutConstants;
import payoutroutes.model.PayoutStatus;
import payoutroutes.model.ProviderOutcome;
import payoutroutes.service.PayoutLedger;
import payoutroutes.service.Providers;
import payoutroutes.service.store.OpenPayouts;
import payoutroutes.service.store.PayoutStore;

/**
 * The steps of routes/reconciliation.yaml (contract section 12): find the open payouts that are due, claim
 * each for one check (one instance at a time, under a lease), ask the provider through the same
 * {@code call-provider} route as every other source of truth, let the ledger apply the answer, then end a
 * payout its provider never got once the grace period is over, flag what an operator should see, and schedule
 * the next check. Nothing here sends a payout: a payout is only ever asked about.
 */
public class Reconciler {

    /** Exchange property: the claim this check holds, to release it with the next due time. */
    public static final String CLAIM = "reconciliationClaim";
    /** Exchange property: true when this instance holds the payout and its provider can be asked. */
    public static final String ASK = "ask";
    /** Exchange property: what the provider answered, kept while the ledger applies it. */
    public static final String OUTCOME = "outcome";

    /** Why an open payout is flagged (the start of its flag, the label of its metrics). */
    public static final String PROVIDER_NOT_CONFIGURED = "provider-not-configured";
    public static final String UNKNOWN_TO_PROVIDER = "unknown-to-provider";
    public static final String OPEN_TOO_LONG = "open-too-long";
    public static final List<String> FLAG_REASONS = List.of(PROVIDER_NOT_CONFIGURED, UNKNOWN_TO_PROVIDER,
            OPEN_TOO_LONG);

    /** What the lease adds to the longest a status query can take, for applying its answer. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);
    private static final String STEP = "reconciled";
    private static final Logger LOG = LoggerFactory.getLogger("payouts");

    /** A payout held for one check: as it was when claimed, and until when. */
    public record Claim(Payout payout, Instant leaseUntil) {
    }

    private final OpenPayouts open;
    private final PayoutStore store;
    private final PayoutLedger ledger;
    private final Providers providers;
    private final ReconciliationSchedule schedule;
    private final int batchSize;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();

    public Reconciler(OpenPayouts open, PayoutStore store, PayoutLedger ledger, Providers providers,
                      ReconciliationSchedule schedule, int batchSize, Clock clock) {
        this.open = open;
        this.store = store;
        this.ledger = ledger;
        this.providers = providers;
        this.schedule = schedule;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** The open payouts due now, earliest first, at most a batch. */
    public List<OpenPayouts.Due> due() {
        return open.due(clock.instant(), batchSize);
    }

    /**
     * Takes the due payout (the body) for this check, unless another instance took it first or it changed
     * since it was found; sets property {@link #ASK} and, when true, what the call and the ledger need.
     */
    public void claim(Exchange exchange) {
        OpenPayouts.Due due = exchange.getMessage().getBody(OpenPayouts.Due.class);
        exchange.setProperty(ASK, false);
        exchange.setProperty(PayoutConstants.PAYOUT_ID, due.payoutId());
        Instant leaseUntil = clock.instant().plus(providers.inFlight(due.provider())).plus(LEASE_MARGIN);
        if (!open.claim(due, instance, leaseUntil)) {
            return;
        }
        Payout payout = store.find(due.payoutId()).map(PayoutStore.Stored::payout).orElse(null);
        if (payout == null) {
            return;
        }
        Claim claim = new Claim(payout, leaseUntil);
        exchange.setProperty(CLAIM, claim);
        if (!providers.exists(payout.provider())) {
            flag(exchange, payout, PROVIDER_NOT_CONFIGURED, "its provider " + payout.provider() + " is not configured here");
            release(claim);
            return;
        }
        exchange.setProperty(PayoutConstants.PAYOUT, payout);
        exchange.setProperty(PayoutConstants.PROVIDER, payout.provider());
        exchange.setProperty(PayoutConstants.STEP, STEP);
        exchange.setProperty(ASK, true);
    }

    /**
     * After the ledger applied the answer (the body is the payout as it now is): a RECEIVED or UNKNOWN payout
     * that the provider says it does not have is ended FAILED with NOT_RECEIVED_BY_PROVIDER once the grace
     * period is over, and left as it is before that (it may still arrive, or the provider may be lagging).
     */
    public Payout failIfNeverReceived(Exchange exchange) {
        Payout payout = exchange.getMessage().getBody(Payout.class);
        if (notFound(exchange) && ReconciliationSchedule.mayBeUnknownToProvider(payout.status())
                && schedule.graceOver(payout, clock.instant())) {
            return ledger.failNotReceived(payout, STEP);
        }
        return payout;
    }

    /**
     * An open payout an operator should look at is flagged (a WARN line, a metric, the Reconciliation MBean's
     * list), never guessed at: a PROCESSING payout the provider says it does not have, or one open too long.
     */
    public void flagIfAnomalous(Exchange exchange) {
        Payout payout = exchange.getMessage().getBody(Payout.class);
        if (payout.status().isFinal()) {
            return;
        }
        if (notFound(exchange) && payout.status() == PayoutStatus.PROCESSING) {
            flag(exchange, payout, UNKNOWN_TO_PROVIDER, "the provider says it does not have this PROCESSING payout");
        } else if (schedule.openTooLong(payout, clock.instant())) {
            flag(exchange, payout, OPEN_TOO_LONG, "open for more than " + schedule.flagAfter());
        }
    }

    /**
     * A check that changed nothing releases the payout until its next check; a change has already started a
     * new schedule (or ended it) in the same write, and then there is nothing to release.
     */
    public void scheduleNext(Exchange exchange) {
        Claim claim = exchange.getProperty(CLAIM, Claim.class);
        Payout payout = exchange.getMessage().getBody(Payout.class);
        if (payout.status() == claim.payout().status()) {
            release(claim);
        }
    }

    private void release(Claim claim) {
        Instant now = clock.instant();
        open.release(claim.payout().payoutId(), instance, claim.leaseUntil(), schedule.next(claim.payout(), now));
    }

    private static boolean notFound(Exchange exchange) {
        ProviderOutcome outcome = exchange.getProperty(OUTCOME, ProviderOutcome.class);
        return outcome != null && outcome.kind() == ProviderOutcome.Kind.NOT_FOUND;
    }

    private void flag(Exchange exchange, Payout payout, String reason, String detail) {
        if (!open.flag(payout.payoutId(), reason + ": " + detail)) {
            return;
        }
        LOG.warn("payout={} provider={} status={} step=reconciliation-flagged reason={} created={} ({}): an operator "
                + "should look", payout.payoutId(), payout.provider(), payout.status(), reason, payout.createdAt(), detail);
        MeterRegistry meters = exchange.getContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            meters.counter("payouts.reconciliation.flagged", "reason", reason).increment();
        }
    }

    public List<OpenPayouts.Flagged> flagged(int limit) {
        return open.flagged(limit);
    }
}
