package payoutroutes.app;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.StartupListener;
import payoutroutes.service.Problem;
import payoutroutes.service.api.Answers;

/**
 * What the business server answers before any route is reached, as application/problem+json like every other
 * refusal: a path no route serves (404, {@code /payouts/..} included), a method a route does not take (405) and
 * a body over {@code camel.server.max-body-size} (413). Vert.x's own answers would be HTML or plain text, and
 * the 413 would be logged as an "unhandled exception" with its stack trace.
 */
final class ServerProblems implements StartupListener {

    private static final Map<Integer, Problem> PROBLEMS = Map.of(
            404, new Problem(404, "Not found", "Nothing is served at this path", List.of(), null),
            405, new Problem(405, "Method not allowed", "This path does not take this method", List.of(), null),
            413, new Problem(413, "Request body too large", "The body is larger than this server takes", List.of(), null));

    private final int port;
    private final ApiReadiness readiness;

    ServerProblems(int port, ApiReadiness readiness) {
        this.port = port;
        this.readiness = readiness;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the server's router exists once the context has started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter routes = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (routes == null) {
            throw new IllegalStateException("no platform-http server on port " + port);
        }
        Router root = rootRouter(routes.getServer());
        PROBLEMS.forEach((status, problem) -> root.errorHandler(status, ctx -> answer(ctx, problem)));
        readiness.serving();
    }

    /**
     * The server's top router. The routes live on a sub-router (the one bound in the registry), but Vert.x asks
     * the top router what to answer when nothing matched or a handler failed with a status, and the server has no
     * accessor for it. If a Camel upgrade renames the field, the start fails here and the tests say why.
     */
    private static Router rootRouter(VertxPlatformHttpServer server) {
        try {
            Field field = VertxPlatformHttpServer.class.getDeclaredField("router");
            field.setAccessible(true);
            return (Router) field.get(server);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the platform-http server's router", e);
        }
    }

    private static void answer(RoutingContext ctx, Problem problem) {
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Answers.PROBLEM_JSON)
                .putHeader("Connection", problem.status() == 413 ? "close" : "keep-alive")
                .end(Answers.json(problem));
    }
}
