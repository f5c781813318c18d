package payoutroutes.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.sandbox.NotificationStyle.Attempt;
import payoutroutes.sandbox.fault.Fault;

/**
 * Posts the providers' notifications to the merchant, in each family's style, with the notification faults:
 * the same notification twice, and an older one after the final one. Its connections and its queue are
 * bounded: a merchant that can't keep up makes attempts fail (and be tried again where the family does),
 * never the sandbox's memory grow.
 */
public final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final int CONNECTIONS = 32;
    private static final int QUEUED = 10_000;
    private static final int ANSWER_TIMEOUT_MS = 10_000;

    private record Answered(int status, String body) {
    }

    private final HttpClient client;
    private final SandboxTimers timers;
    private final FaultInjector faults;

    public Notifier(Vertx vertx, SandboxTimers timers, FaultInjector faults) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS).setMaxWaitQueueSize(QUEUED));
        this.timers = timers;
        this.faults = faults;
    }

    /**
     * Delivers a settled payout's notification: the latest notice (made afresh for each attempt), again on the
     * family's schedule until one is accepted; then, as the payout's faults say, the same bytes once more and
     * the notice before it. The future completes when the first attempt has ended, so that a create answered
     * after its notification can wait for it.
     */
    public Future<Void> deliver(HeldPayout payout, ProviderStats stats, NotificationStyle style,
                                Supplier<Notice> latest, Supplier<Notice> older) {
        Promise<Void> firstAttempt = Promise.promise();
        attempt(payout, stats, style, latest, older, 1, firstAttempt);
        return firstAttempt.future();
    }

    private void attempt(HeldPayout payout, ProviderStats stats, NotificationStyle style, Supplier<Notice> latest,
                         Supplier<Notice> older, int number, Promise<Void> firstAttempt) {
        if (payout.evicted()) {
            firstAttempt.tryComplete();
            return;
        }
        Notice notice = latest.get();
        send(payout, stats, style, notice, number).onComplete(done -> {
            firstAttempt.tryComplete();
            boolean accepted = done.result().accepted();
            if (!accepted && number <= style.retryMs().size()) {
                LOG.debug("sandbox {} notification payout={} attempt={} not accepted (HTTP {}), next in {} ms",
                        stats.provider(), payout.id(), number, done.result().status(), style.retryMs().get(number - 1));
                timers.schedule(payout, style.retryMs().get(number - 1),
                        () -> attempt(payout, stats, style, latest, older, number + 1, firstAttempt));
                return;
            }
            if (accepted) {
                LOG.info("sandbox {} notified payout={} status={} attempt={} answer={}", stats.provider(), payout.id(),
                        notice.status(), number, done.result().status());
            } else {
                LOG.info("sandbox {} gave up notifying payout={} status={} after {} attempt(s) (last HTTP {})",
                        stats.provider(), payout.id(), notice.status(), number, done.result().status());
            }
            afterwards(payout, stats, style, notice, older, number);
        });
    }

    /** The notification faults, once the regular delivery is over. */
    private void afterwards(HeldPayout payout, ProviderStats stats, NotificationStyle style, Notice sent,
                            Supplier<Notice> older, int number) {
        Future<Attempt> next = Future.succeededFuture();
        int extra = number;
        if (payout.faults().has(Fault.NOTIFY_TWICE)) {
            faults.applied(stats, payout.id(), Fault.NOTIFY_TWICE, payout.faults());
            next = send(payout, stats, style, sent, ++extra);
        }
        if (payout.faults().has(Fault.NOTIFY_OUT_OF_ORDER)) {
            int last = ++extra;
            next.onComplete(done -> {
                faults.applied(stats, payout.id(), Fault.NOTIFY_OUT_OF_ORDER, payout.faults());
                send(payout, stats, style, older.get(), last);
            });
        }
    }

    /** One attempt, counted and told to the family; never fails: no answer is status 0. */
    private Future<Attempt> send(HeldPayout payout, ProviderStats stats, NotificationStyle style, Notice notice,
                                 int number) {
        return post(notice).transform(answer -> {
            int status = answer.succeeded() ? answer.result().status() : 0;
            boolean accepted = answer.succeeded() && style.accepted(status, answer.result().body());
            if (answer.failed()) {
                LOG.debug("sandbox {} could not notify payout={} attempt={}: {}", stats.provider(), payout.id(), number,
                        answer.cause().getMessage());
            }
            stats.notified(accepted);
            Attempt attempt = new Attempt(payout.id(), notice, number, status, accepted);
            style.attempted(attempt);
            return Future.succeededFuture(attempt);
        });
    }

    private Future<Answered> post(Notice notice) {
        try {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(notice.url())
                    .setIdleTimeout(ANSWER_TIMEOUT_MS);
            notice.headers().forEach(options::putHeader);
            return client.request(options).compose(request -> request.send(Buffer.buffer(notice.body())))
                    .compose(response -> response.body().map(body -> new Answered(response.statusCode(),
                            body.toString())));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }
}
