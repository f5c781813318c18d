package payoutroutes.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.sandbox.aopay.AopaySandbox;
import payoutroutes.sandbox.merchant.MerchantSandbox;
import payoutroutes.sandbox.overpay.OverpaySandbox;
import payoutroutes.sandbox.paypro.PayproSandbox;

/**
 * The sandbox providers (contract section 7): real HTTP peers speaking the providers' protocols, on a port
 * and a Vert.x of their own, so that a payout route blocked on a provider call never waits for a worker the
 * provider itself needs. It needs neither Camel nor the service: the service starts one in its own process,
 * {@link SandboxApp} starts one alone.
 *
 * <p>Beside the providers it serves {@code GET /sandbox/_stats} (what reached each provider, what it sent, what
 * the merchant endpoint got) and {@code GET}/{@code POST /sandbox/_faults} (the configured faults, replaced by
 * the posted text; {@code ?seed=N} for a repeatable draw).
 */
public final class SandboxProviders implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxProviders.class);
    private static final int BODY_LIMIT = 1024 * 1024;

    private final SandboxSettings settings;
    private final List<ProviderSandbox> sandboxes;
    private Vertx vertx;
    private HttpServer server;
    private SandboxRuntime runtime;

    public SandboxProviders(SandboxSettings settings, List<ProviderSandbox> sandboxes) {
        this.settings = settings;
        this.sandboxes = List.copyOf(sandboxes);
    }

    /** Every family (aopay platform, overpay, paypro) and the merchant's event endpoint. */
    public static SandboxProviders withEveryFamily(SandboxSettings settings) {
        return new SandboxProviders(settings, List.of(new AopaySandbox(), new OverpaySandbox(), new PayproSandbox(),
                new MerchantSandbox()));
    }

    /** Listens, or fails saying why; returns once it answers. */
    public synchronized SandboxProviders start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        try {
            runtime = new SandboxRuntime(vertx, settings);
            Router router = Router.router(vertx);
            router.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
            router.get("/sandbox/_stats").handler(ctx -> Reply.json(200, stats()).send(ctx));
            router.get("/sandbox/_faults").handler(ctx -> Reply.text(200, runtime.faults().configured() + "\n").send(ctx));
            router.post("/sandbox/_faults").handler(this::configureFaults);
            sandboxes.forEach(sandbox -> sandbox.mount(runtime, router));
            server = vertx.createHttpServer().requestHandler(router).listen(settings.port(), settings.host())
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the sandbox could not listen on " + settings.host() + ":" + settings.port(), e);
        }
        LOG.info("Sandbox providers listening on http://{}:{}/sandbox/ ({}; stats at /sandbox/_stats)", settings.host(),
                server.actualPort(), sandboxes.stream().map(s -> s.getClass().getSimpleName()).toList());
        return this;
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("the sandbox did not stop cleanly: {}", e.toString());
            }
            vertx = null;
            server = null;
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** A family's sandbox, to count what reached it or to steer it. */
    public <T extends ProviderSandbox> T sandbox(Class<T> type) {
        return sandboxes.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " in this sandbox"));
    }

    /** What reached one provider (each brand of the aopay platform on its own), for tests in this process. */
    public ProviderStats stats(String provider) {
        return runtime.stats(provider);
    }

    /** The body of {@code GET /sandbox/_stats}. */
    public ObjectNode stats() {
        ObjectNode stats = runtime.statsJson();
        sandboxes.forEach(sandbox -> sandbox.report(stats));
        return stats;
    }

    private void configureFaults(RoutingContext ctx) {
        String seed = ctx.request().getParam("seed");
        try {
            OptionalLong chosen = seed == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(seed));
            String plan = runtime.faults().configure(ctx.body().asString(), chosen).toString();
            Reply.text(200, plan + "\n").send(ctx);
        } catch (IllegalArgumentException e) {
            Reply.text(400, e.getMessage() + "\n").send(ctx);
        }
    }
}
