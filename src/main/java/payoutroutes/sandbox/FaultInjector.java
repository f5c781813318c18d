package payoutroutes.sandbox;

import io.vertx.ext.web.RoutingContext;
import java.util.OptionalLong;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.sandbox.fault.AccountHints;
import payoutroutes.sandbox.fault.Fault;
import payoutroutes.sandbox.fault.Fault.Stage;
import payoutroutes.sandbox.fault.FaultPlan;
import payoutroutes.sandbox.fault.Faults;

/**
 * Decides which faults strike a request and makes its answer go wrong accordingly. A payout's faults come
 * from its account number ({@link AccountHints}) and the create's {@code X-Sandbox-Fault} header, and stay
 * with it; the configured ones ({@code payouts.sandbox.faults}) are drawn per request. Each fault applied is
 * counted and logged in one line, by provider and payout id, never with the request's personal data.
 */
public final class FaultInjector {

    /** The request header that asks for faults, in the grammar of {@link FaultPlan}, for certain by default. */
    public static final String HEADER = "X-Sandbox-Fault";

    private static final Logger LOG = LoggerFactory.getLogger(FaultInjector.class);

    private final SandboxTimers timers;
    private final AccountHints hints;
    private final long defaultDelayMs;
    private final OptionalLong configuredSeed;
    private volatile FaultPlan configured;

    public FaultInjector(SandboxSettings settings, SandboxTimers timers) {
        this.timers = timers;
        this.defaultDelayMs = settings.slowReplyMs();
        this.hints = new AccountHints(defaultDelayMs);
        this.configuredSeed = settings.faultsSeed();
        this.configured = FaultPlan.parse(settings.faults(), defaultDelayMs, random(configuredSeed));
        if (!configured.isEmpty()) {
            LOG.info("sandbox faults: {}{}", configured, configuredSeed.isPresent() ? " (seed "
                    + configuredSeed.getAsLong() + ")" : "");
        }
    }

    private static Random random(OptionalLong seed) {
        return seed.isPresent() ? new Random(seed.getAsLong()) : new Random();
    }

    public FaultPlan configured() {
        return configured;
    }

    /**
     * Replaces the configured faults, drawn afresh from the seed given, else the configured seed.
     *
     * @throws IllegalArgumentException when the text is not in the grammar (the old plan stays)
     */
    public FaultPlan configure(String text, OptionalLong seed) {
        OptionalLong chosen = seed.isPresent() ? seed : configuredSeed;
        configured = FaultPlan.parse(text, defaultDelayMs, random(chosen));
        LOG.info("sandbox faults now: {}", configured.isEmpty() ? "none" : configured);
        return configured;
    }

    /**
     * The faults the request's header asks for; null when the header is not in the grammar, and then the
     * request has been answered 400.
     */
    public Faults requested(RoutingContext ctx, String provider, Stage... stages) {
        String header = ctx.request().getHeader(HEADER);
        if (header == null || header.isBlank()) {
            return Faults.NONE;
        }
        try {
            return FaultPlan.parse(header, defaultDelayMs, new Random()).draw(provider, stages);
        } catch (IllegalArgumentException e) {
            Reply.text(400, HEADER + ": " + e.getMessage()).send(ctx);
            return null;
        }
    }

    /** The faults a newly taken payout gets: its account number's, the header's, and the configured ones drawn now. */
    public Faults forPayout(String provider, String accountNumber, Faults requested) {
        return hints.of(accountNumber).plus(requested).plus(configured.draw(provider, Stage.CREATE, Stage.NOTIFY));
    }

    /** The faults of one status query: those the payout asked about carries, the header's, the configured ones. */
    public Faults forStatus(String provider, HeldPayout payout, Faults requested) {
        Faults drawn = requested.plus(configured.draw(provider, Stage.STATUS));
        return payout == null ? drawn : payout.faults().plus(drawn);
    }

    /**
     * Sends the answer of a create or a status query through the faults of that stage: a delay first, then
     * a reset (no answer at all), a 500 (the family's own), garbage (the answer cut off, with a 200), or the
     * answer itself. Of several, the first in that order wins.
     */
    public void answer(RoutingContext ctx, ProviderStats stats, String payoutId, Stage stage, Faults faults,
                       Reply reply, Reply serverError) {
        boolean create = stage == Stage.CREATE;
        Fault wrong = firstOf(faults, create ? Fault.CREATE_RESET : Fault.STATUS_RESET,
                create ? Fault.CREATE_500 : Fault.STATUS_500, create ? Fault.CREATE_GARBAGE : Fault.STATUS_GARBAGE);
        Runnable send;
        if (wrong == Fault.CREATE_RESET || wrong == Fault.STATUS_RESET) {
            send = () -> ctx.request().connection().close();
        } else if (wrong == Fault.CREATE_500 || wrong == Fault.STATUS_500) {
            send = () -> serverError.send(ctx);
        } else if (wrong != null) {
            send = () -> reply.garbled().send(ctx);
        } else {
            send = () -> reply.send(ctx);
        }
        long delay = faults.delayMs(stage);
        if (delay > 0) {
            applied(stats, payoutId, create ? Fault.CREATE_DELAY : Fault.STATUS_DELAY, faults);
        }
        if (wrong != null) {
            applied(stats, payoutId, wrong, faults);
        }
        if (delay > 0) {
            timers.later(delay, send);
        } else {
            send.run();
        }
    }

    private static Fault firstOf(Faults faults, Fault... candidates) {
        for (Fault fault : candidates) {
            if (faults.has(fault)) {
                return fault;
            }
        }
        return null;
    }

    /** Counts and logs a fault as it strikes (the notifier's faults come through here too). */
    public void applied(ProviderStats stats, String payoutId, Fault fault, Faults faults) {
        stats.faultApplied(fault);
        LOG.info("sandbox fault provider={} payout={} fault={}", stats.provider(), payoutId,
                fault.isDelay() ? fault.label() + "=" + faults.delayMs(fault.stage()) + "ms" : fault.label());
    }
}
