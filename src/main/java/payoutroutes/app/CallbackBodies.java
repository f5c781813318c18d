package payoutroutes.app;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.service.Problem;
import payoutroutes.service.api.Answers;
import payoutroutes.service.api.RawBody;

/**
 * Reads a provider notification's body (POST /callbacks/*) on the server's event loop, before its route runs: a
 * route holds one of the server's workers from its first step, and a client that sends part of a body and stalls
 * would hold it for as long as it likes. Here a stalled client costs a socket, not a thread: its body must arrive
 * within the body timeout, else it is answered 408 and disconnected with one WARN line; a body over the limit is
 * answered 413. The exact bytes go to the route ({@link RawBody}), which verifies them.
 */
final class CallbackBodies implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger("payouts");
    private static final Problem STALLED = new Problem(408, "Request timeout",
            "The body did not arrive in time", List.of(), null);

    private final long timeoutMs;
    private final int limit;

    CallbackBodies(long timeoutMs, int limit) {
        this.timeoutMs = timeoutMs;
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null && declared.matches("[0-9]{1,18}") && Long.parseLong(declared) > limit) {
            refuse(ctx, Problem.tooLarge(limit));
            return;
        }
        Buffer body = Buffer.buffer();
        long timer = ctx.vertx().setTimer(timeoutMs, fired -> {
            LOG.warn("step=callback-body-stalled path={} received={} of {} bytes in {} ms: answered 408 and disconnected",
                    request.path(), body.length(), declared == null ? "?" : declared, timeoutMs);
            refuse(ctx, STALLED);
        });
        request.handler(chunk -> {
            if (body.length() + chunk.length() > limit) {
                ctx.vertx().cancelTimer(timer);
                refuse(ctx, Problem.tooLarge(limit));
            } else {
                body.appendBuffer(chunk);
            }
        });
        // a client that went away has nobody to answer
        request.exceptionHandler(failure -> ctx.vertx().cancelTimer(timer));
        request.endHandler(end -> {
            if (ctx.vertx().cancelTimer(timer) && !ctx.response().ended()) {
                ctx.put(RawBody.READ_AHEAD, body.getBytes());
                // the route's own body handler would read the request again (an HTTP/2 one refuses): it has been read
                RoutingContextInternal read = (RoutingContextInternal) ctx;
                read.setBody(body);
                read.visitHandler(RoutingContextInternal.BODY_HANDLER);
                ctx.next();
            }
        });
        request.resume();
    }

    /** Answers and closes the connection: the rest of its body would have to be read to keep it. */
    private static void refuse(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.request().handler(null).endHandler(null);
        ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Answers.PROBLEM_JSON)
                .putHeader("Connection", "close").end(Answers.json(problem))
                .onComplete(done -> ctx.request().connection().close());
    }
}
