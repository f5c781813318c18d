package payoutroutes.service.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.service.store.EventOutbox;

/**
 * The steps of routes/events.yaml: find due events, take one for an attempt, sign it, and record how the
 * attempt went. Delivery is at least once; a failed attempt waits as the retry schedule says, and an
 * event out of attempts is dead-lettered for an operator to replay.
 */
public class EventDelivery {

    private static final Logger LOG = LoggerFactory.getLogger("payouts");
    /** What a lease adds to the longest a merchant's endpoint may take, for signing and recording the answer. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    private final EventOutbox outbox;
    private final RetrySchedule schedule;
    private final Function<String, String> signingSecretOfPayout;
    private final CallbackDestinations destinations;
    private final int batchSize;
    private final Clock clock;
    private final EventMetrics metrics;
    private final Duration lease;

    /**
     * @param signingSecretOfPayout the secret an event of a payout is signed with: its client's (contract section 10)
     * @param timeout payouts.events.timeout-ms: an attempt waits at most this for a connection, again to connect, and
     *                again for the answer; a claim lasts that long plus a margin, so that an event whose attempt died
     *                with its instance (kill -9 mid-attempt) is tried again that soon, and with it the payout's later events
     */
    public EventDelivery(EventOutbox outbox, RetrySchedule schedule, Function<String, String> signingSecretOfPayout,
                         CallbackDestinations destinations, int batchSize, Clock clock, EventMetrics metrics,
                         Duration timeout) {
        this.outbox = outbox;
        this.schedule = schedule;
        this.signingSecretOfPayout = signingSecretOfPayout;
        this.destinations = destinations;
        this.batchSize = batchSize;
        this.clock = clock;
        this.metrics = metrics;
        this.lease = timeout.multipliedBy(3).plus(LEASE_MARGIN);
    }

    public List<EventOutbox.Stored> due() {
        return outbox.due(clock.instant(), batchSize);
    }

    /** Takes the event for this attempt (property {@code claimed}); another instance may have taken it. */
    public void claim(Exchange exchange) {
        EventOutbox.Stored event = exchange.getMessage().getBody(EventOutbox.Stored.class);
        boolean claimed = outbox.claim(event, clock.instant().plus(lease));
        exchange.setProperty("claimed", claimed);
        exchange.setProperty("event", event);
        exchange.setProperty("payoutId", event.payoutId());
        exchange.setProperty("callbackUrl", event.callbackUrl());
        if (claimed) {
            prepare(exchange);
        }
    }

    /** The event's bytes with its id and a signature made now (contract 9.13: t is this attempt's time). */
    public void prepare(Exchange exchange) {
        EventOutbox.Stored event = exchange.getProperty("event", EventOutbox.Stored.class);
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("X-Payout-Event-Id", event.eventId());
        message.setHeader("X-Payout-Signature", EventSigner.header(signingSecretOfPayout.apply(event.payoutId()), clock.instant().getEpochSecond(), body));
        if (event.callbackUrl() != null) {
            message.setHeader(Exchange.HTTP_URI, event.callbackUrl());
        }
        message.setBody(body);
    }

    /**
     * Before each attempt to the merchant: its callbackUrl must still be a place events may go (contract section
     * 11). A refusal fails the attempt like any failed delivery; the resolver of the connection checks the
     * addresses it connects to once more.
     */
    public void checkDestination(Exchange exchange) {
        EventOutbox.Stored event = exchange.getProperty("event", EventOutbox.Stored.class);
        destinations.refusalAtDelivery(event.callbackUrl()).ifPresent(reason -> {
            throw new CallbackRefused("callbackUrl " + reason);
        });
    }

    /** A delivery to a callbackUrl that may not be reached (no stack trace: it is an outcome, not a bug). */
    public static class CallbackRefused extends RuntimeException {
        CallbackRefused(String message) {
            super(message, null, false, false);
        }
    }

    /** After the merchant's answer (when it has a callbackUrl): a 2xx delivers the event, anything else fails it. */
    public void answered(Exchange exchange) {
        EventOutbox.Stored event = exchange.getProperty("event", EventOutbox.Stored.class);
        int code = event.callbackUrl() == null ? 200
                : exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (code >= 200 && code < 300) {
            outbox.delivered(event.eventId(), clock.instant());
            metrics.attempt(EventMetrics.DELIVERED);
            LOG.info("payout={} step=event-delivered event={} attempt={}", event.payoutId(), event.eventId(),
                    event.attempts() + 1);
        } else {
            fail(event, "HTTP " + code + " from the merchant");
        }
    }

    /** An attempt that threw (no connection, timeout, the events endpoint failing). */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        fail(exchange.getProperty("event", EventOutbox.Stored.class),
                cause == null ? "failed" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private void fail(EventOutbox.Stored event, String error) {
        int attempts = event.attempts() + 1;
        Duration wait = schedule.after(attempts);
        outbox.failed(event.eventId(), error, wait == null ? null : clock.instant().plus(wait));
        metrics.attempt(wait == null ? EventMetrics.DEAD_LETTERED : EventMetrics.FAILED);
        if (wait == null) {
            LOG.warn("payout={} step=event-dead-lettered event={} attempts={} error={}", event.payoutId(),
                    event.eventId(), attempts, error);
        } else {
            LOG.info("payout={} step=event-retry event={} attempt={} next-in={} error={}", event.payoutId(),
                    event.eventId(), attempts, wait, error);
        }
    }

    public List<EventOutbox.Stored> deadLetters(int limit) {
        return outbox.dead(limit);
    }

    public boolean replay(String eventId) {
        boolean replayed = outbox.replay(eventId, clock.instant());
        LOG.info("step=event-replay event={} replayed={}", eventId, replayed);
        return replayed;
    }
}
