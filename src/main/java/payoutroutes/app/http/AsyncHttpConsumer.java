package payoutroutes.app.http;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;

/**
 * platform-http's consumer, with the route run by Camel's asynchronous routing engine. Camel 4.18's own runs each
 * exchange with the synchronous {@code process} on a Vert.x worker, so a payout held that worker for as long as its
 * provider took to answer: 64 workers, at most 64 payouts in flight. Here the worker runs the route only up to its
 * first asynchronous step (the provider call, camel-vertx-http) and is then free; the route goes on where the
 * answer arrives, and the reply is written on the request's event loop once the route completes.
 */
final class AsyncHttpConsumer extends VertxPlatformHttpConsumer {

    AsyncHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                      String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    @Override
    protected void handleRequest(RoutingContext ctx) {
        if (isSuspended()) {
            ctx.response().setStatusCode(503);
            ctx.end();
            return;
        }
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        Context requestContext = ctx.vertx().getOrCreateContext();
        processHttpRequest(exchange, ctx).onComplete(read -> {
            if (read.failed()) {
                failed(ctx, exchange, read.cause());
                return;
            }
            // the route's first steps may block (the store): never on the event loop
            ctx.vertx().executeBlocking(() -> {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync ->
                        requestContext.runOnContext(ignored -> answer(ctx, exchange)));
                return null;
            }, false).onFailure(cause -> failed(ctx, exchange, cause));
        });
    }

    private void answer(RoutingContext ctx, Exchange exchange) {
        try {
            HttpAnswer.write(ctx, exchange, getEndpoint().getHeaderFilterStrategy());
        } catch (RuntimeException e) {
            getExceptionHandler().handleException("could not answer " + getEndpoint().getPath(), exchange, e);
            if (!ctx.response().ended()) {
                ctx.fail(e);
            }
        } finally {
            done(exchange);
        }
    }

    private void failed(RoutingContext ctx, Exchange exchange, Throwable cause) {
        getExceptionHandler().handleException("could not handle " + getEndpoint().getPath(), cause);
        ctx.fail(cause);
        done(exchange);
    }

    private void done(Exchange exchange) {
        doneUoW(exchange);
        releaseExchange(exchange, false);
    }
}
