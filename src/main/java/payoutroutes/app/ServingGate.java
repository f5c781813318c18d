package payoutroutes.app;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import payoutroutes.service.Problem;
import payoutroutes.service.api.Answers;

/**
 * The first handler of the business port: until every route has started, and again once the service is stopping,
 * every request is answered 503 problem+json with Retry-After. The routes join the server one by one as they start
 * (and leave it as they stop); without the gate the server would meanwhile answer 404 text/html for a payout that
 * exists, and a client could take that for "no such payout" and create it anew under another id.
 */
final class ServingGate implements Handler<RoutingContext> {

    private static final int RETRY_AFTER_SECONDS = 2;
    private static final Problem STARTING = new Problem(503, "Service unavailable",
            "The service is starting or stopping; send the same request again shortly", List.of(), RETRY_AFTER_SECONDS);

    private volatile boolean open;

    void open() {
        open = true;
    }

    void close() {
        open = false;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (open) {
            ctx.next();
            return;
        }
        // nothing of the request is read: the connection is not kept for another one
        ctx.response().setStatusCode(503).putHeader("Content-Type", Answers.PROBLEM_JSON)
                .putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)).putHeader("Connection", "close")
                .end(Answers.json(STARTING));
    }
}
