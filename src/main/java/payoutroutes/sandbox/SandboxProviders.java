package payoutroutes.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Set;
import org.apache.camel.CamelContext;

/**
 * The built-in sandbox providers (contract section 7): real HTTP peers speaking the providers'
 * protocols, on a port and a Vert.x instance of their own, so that a payout route blocked on a
 * provider call never waits for a worker that the provider itself needs.
 */
public class SandboxProviders extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxProviders.class);

    private final SandboxSettings settings;
    private final CamelContext context;
    private Vertx vertx;
    private HttpServer server;

    public SandboxProviders(SandboxSettings settings, CamelContext context) {
        this.settings = settings;
        this.context = context;
    }

    @Override
    protected void doStart() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create().setBodyLimit(1024 * 1024));
        Set<ProviderSandbox> sandboxes = context.getRegistry().findByType(ProviderSandbox.class);
        sandboxes.forEach(sandbox -> sandbox.mount(vertx, router, settings));
        server = vertx.createHttpServer().requestHandler(router)
                .listen(settings.port(), settings.host()).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        LOG.info("Sandbox providers listening on http://{}:{}/sandbox/ ({})", settings.host(), server.actualPort(),
                sandboxes.stream().map(s -> s.getClass().getSimpleName()).sorted().toList());
    }

    @Override
    protected void doStop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    public int port() {
        return server.actualPort();
    }
}
