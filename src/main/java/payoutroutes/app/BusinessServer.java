package payoutroutes.app;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.Service;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.apache.camel.main.MainHttpServerFactory;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceHelper;
import payoutroutes.service.api.PayoutRequestReader;

/**
 * The business port's HTTP server: camel-main's (camel.server.*), with handlers of ours in front of every route
 * from before it listens: the {@link ServingGate} (503 until every route has started, and once stopping) and
 * {@link CallbackBodies} (a notification's body is read without a worker, bounded in size and time). camel-main
 * takes the server factory it finds in the registry, so PayoutRoutesApp binds this one there; the management port's
 * server is camel-main's own.
 */
final class BusinessServer implements MainHttpServerFactory {

    private final DefaultMainHttpServerFactory camels = new DefaultMainHttpServerFactory();
    private final ServingGate gate = new ServingGate();

    @Override
    public Service newHttpServer(CamelContext context, HttpServerConfigurationProperties configuration) {
        MainHttpServer configured = (MainHttpServer) camels.newHttpServer(context, configuration);
        long bodyTimeoutMs = context.getPropertiesComponent().resolveProperty("payouts.callbacks.body-timeout-ms")
                .map(Long::parseLong).orElse(5_000L);
        Server server = new Server(new CallbackBodies(bodyTimeoutMs, PayoutRequestReader.MAX_BODY_BYTES));
        server.setCamelContext(context);
        server.setConfiguration(configured.getConfiguration());
        server.setStaticEnabled(configured.isStaticEnabled());
        server.setStaticContextPath(configured.getStaticContextPath());
        server.setStaticSourceDir(configured.getStaticSourceDir());
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext context, HttpManagementServerConfigurationProperties configuration) {
        return camels.newHttpManagementServer(context, configuration);
    }

    /** camel-main's server, whose Vert.x server puts our handlers first as soon as its router exists. */
    private final class Server extends MainHttpServer {

        private final CallbackBodies callbackBodies;
        private VertxPlatformHttpServer vertxServer;

        Server(CallbackBodies callbackBodies) {
            this.callbackBodies = callbackBodies;
        }

        @Override
        protected void doInit() throws Exception {
            CamelContext context = getCamelContext();
            // what MainHttpServer.doInit does, with a Vert.x server of ours
            getConfiguration().setServerType(VertxPlatformHttpRouter.SERVER_TYPE_SERVER);
            vertxServer = new HandlersFirst(getConfiguration(), routes -> {
                routes.route().order(Integer.MIN_VALUE).handler(gate);
                routes.route("/callbacks/*").method(HttpMethod.POST).order(Integer.MIN_VALUE + 1).handler(callbackBodies);
            });
            context.addService(vertxServer);
            context.addStartupListener(new OpenWhenStarted());
            context.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onContextStopping(CamelContext stopping) {
                    gate.close();
                }
            });
        }

        @Override
        protected void doStart() throws Exception {
            ServiceHelper.startService(vertxServer);
            super.doStart();
        }
    }

    /**
     * Camel's Vert.x server, with handlers of ours put on its router before it listens. The routes' own body handler
     * leaves a body alone that one of ours has read already: it would read the request again (an HTTP/2 one refuses).
     */
    private static final class HandlersFirst extends VertxPlatformHttpServer {

        private final VertxPlatformHttpServerConfiguration configuration;
        private final Consumer<Router> handlers;

        HandlersFirst(VertxPlatformHttpServerConfiguration configuration, Consumer<Router> handlers) {
            super(configuration);
            this.configuration = configuration;
            this.handlers = handlers;
        }

        @Override
        protected void initializeServer() {
            super.initializeServer();
            String name = VertxPlatformHttpRouter.getRouterNameFromPort(configuration.getPort());
            VertxPlatformHttpRouter camels = VertxPlatformHttpRouter.lookup(getCamelContext(), name);
            Handler<RoutingContext> readBody = camels.bodyHandler();
            VertxPlatformHttpRouter routes = new VertxPlatformHttpRouter(this, getVertx(), camels, name,
                    camels.getServerType()) {
                @Override
                public Handler<RoutingContext> bodyHandler() {
                    return ctx -> {
                        if (((RoutingContextInternal) ctx).seenHandler(RoutingContextInternal.BODY_HANDLER)) {
                            ctx.next();
                        } else {
                            readBody.handle(ctx);
                        }
                    };
                }
            };
            // in Camel's place: the registry keeps a bean per name and type, so Camel's is unbound first
            getCamelContext().getRegistry().unbind(name);
            getCamelContext().getRegistry().bind(name, routes);
            handlers.accept(routes);
        }
    }

    /**
     * Opens the gate once every route has started, after every other startup listener (ServerProblems' answers for
     * paths no route serves are in place by then).
     */
    private final class OpenWhenStarted implements StartupListener, Ordered {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // not yet: the routes are started, but the last listeners have not run
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            gate.open();
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }
    }
}
