package payoutroutes.service.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.util.URISupport;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.service.store.EventOutbox;

/**
 * The steps of routes/events.yaml. An event reaches the delivery queue the moment its status change commits (the
 * outbox pushes it here, claimed), or from the due query (the safety net: events a crash or a full queue left,
 * retries, and the next event of a payout once the one before it is done). Each is signed at its attempt and the
 * attempt recorded. Delivery is at least once; a failed attempt waits as the retry schedule says, and an event out
 * of attempts is dead-lettered for an operator to replay.
 *
 * <p>The queue is bounded: events beyond its room stay in the table for the due query, so memory never grows
 * with a backlog.
 */
public class EventDelivery implements EventOutbox.Dispatch {

    private static final Logger LOG = LoggerFactory.getLogger("payouts");

    private final EventOutbox outbox;
    private final RetrySchedule schedule;
    private final Function<String, String> signingSecretOfClient;
    private final CallbackDestinations destinations;
    private final int batchSize;
    private final Clock clock;
    private final Semaphore room;
    private volatile Consumer<EventOutbox.Stored> queue = event -> {
        throw new IllegalStateException("no delivery queue yet");
    };
    private final EventMetrics metrics;

    /**
     * @param signingSecretOfClient the secret an event is signed with: its API client's (contract section 10)
     * @param queueSize how many events may wait in memory for delivery
     */
    public EventDelivery(EventOutbox outbox, RetrySchedule schedule, Function<String, String> signingSecretOfClient,
                         CallbackDestinations destinations, int batchSize, int queueSize, Clock clock,
                         EventMetrics metrics) {
        this.outbox = outbox;
        this.schedule = schedule;
        this.signingSecretOfClient = signingSecretOfClient;
        this.destinations = destinations;
        this.batchSize = batchSize;
        this.room = new Semaphore(queueSize);
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Where pushed events go: the delivery queue (the route that consumes it is started by then). */
    public void queueTo(Consumer<EventOutbox.Stored> queue) {
        this.queue = queue;
    }

    @Override
    public boolean reserve() {
        return room.tryAcquire();
    }

    @Override
    public void release() {
        room.release();
    }

    @Override
    public void push(EventOutbox.Stored event) {
        try {
            queue.accept(event);
        } catch (RuntimeException e) {
            // it stays claimed in the table: the due query takes it again when its lease ends
            room.release();
            LOG.warn("payout={} step=event-not-queued event={} ({}); delivered when its lease ends", event.payoutId(),
                    event.eventId(), e.toString());
        }
    }

    /** The safety net: takes as many due events as the queue has room for, at most a batch (route deliver-due-events). */
    public List<EventOutbox.Stored> claimDue() {
        int wanted = Math.min(batchSize, room.availablePermits());
        if (wanted <= 0 || !room.tryAcquire(wanted)) {
            return List.of();
        }
        List<EventOutbox.Stored> claimed = List.of();
        try {
            Instant now = clock.instant();
            claimed = outbox.claimDue(now, now.plus(outbox.lease()), wanted);
            return claimed;
        } finally {
            room.release(wanted - claimed.size());
        }
    }

    /** An event left the queue for its attempt: its place is free. */
    public void dequeued() {
        room.release();
    }

    /** The event of this attempt (the body), signed now; properties {@code event}, {@code payoutId}, {@code callbackUrl}. */
    public void take(Exchange exchange) {
        EventOutbox.Stored event = exchange.getMessage().getBody(EventOutbox.Stored.class);
        exchange.setProperty("event", event);
        exchange.setProperty("payoutId", event.payoutId());
        exchange.setProperty("callbackUrl", event.callbackUrl());
        prepare(exchange);
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
        message.setHeader("X-Payout-Signature", EventSigner.header(signingSecretOfClient.apply(event.clientId()),
                clock.instant().getEpochSecond(), body));
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
                    event.attempts());
        } else {
            fail(event, "HTTP " + code + " from the merchant");
        }
    }

    /** An attempt that threw (no connection, timeout, the events endpoint failing). */
    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        fail(exchange.getProperty("event", EventOutbox.Stored.class),
                // a failure's message may name the endpoint with its credentials (payouts.events.uri): masked
                cause == null ? "failed" : cause.getClass().getSimpleName() + ": "
                        + URISupport.sanitizeUri(String.valueOf(cause.getMessage())));
    }

    /** The event's attempts count this one: it was claimed (pushed or taken by the due query) before it was sent. */
    private void fail(EventOutbox.Stored event, String error) {
        int attempts = event.attempts();
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
