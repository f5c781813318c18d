package payoutroutes.app;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.VertxOptions;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.camel.BindToRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.seda.SedaComponent;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.app.http.AsyncHttpEngine;
import payoutroutes.service.api.Answers;
import payoutroutes.service.api.ApiClients;
import payoutroutes.service.api.PayoutRequestReader;
import payoutroutes.service.events.CallbackDestinations;
import payoutroutes.service.events.DeadLetters;
import payoutroutes.service.events.EventBacklog;
import payoutroutes.service.events.EventBacklogCheck;
import payoutroutes.service.events.EventMetrics;
import payoutroutes.service.events.EventDelivery;
import payoutroutes.service.events.EventRetention;
import payoutroutes.service.events.RetrySchedule;
import payoutroutes.service.ConfiguredIds;
import payoutroutes.service.FallbackProviders;
import payoutroutes.service.PayoutLedger;
import payoutroutes.service.ProviderBreakers;
import payoutroutes.service.callbacks.Notifications;
import payoutroutes.service.callbacks.WakeUpLimits;
import payoutroutes.service.PayoutMetrics;
import payoutroutes.service.ProviderCalls;
import payoutroutes.service.ProvidersCheck;
import payoutroutes.service.Providers;
import payoutroutes.sandbox.SandboxProviders;
import payoutroutes.sandbox.SandboxSettings;
import payoutroutes.service.store.CachedReading;
import payoutroutes.service.store.Database;
import payoutroutes.service.store.EventOutbox;
import payoutroutes.service.store.OpenPayouts;
import payoutroutes.service.store.PayoutStore;
import payoutroutes.service.store.StoreCheck;
import payoutroutes.service.reconciliation.Reconciler;
import payoutroutes.service.reconciliation.Reconciliation;
import payoutroutes.service.reconciliation.ReconciliationMetrics;
import payoutroutes.service.reconciliation.ReconciliationSchedule;

/** The core beans the YAML routes call, by the names they call them; each provider family binds its own. */
@Configuration
public class PayoutRoutesConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(PayoutRoutesConfiguration.class);

    @PropertyInject("payouts.store.url")
    private String storeUrl;
    @PropertyInject(value = "payouts.store.username", defaultValue = "")
    private String storeUser;
    @PropertyInject(value = "payouts.store.password", defaultValue = "")
    private String storePassword;
    @PropertyInject(value = "payouts.store.pool-size", defaultValue = "16")
    private int storePoolSize;
    @PropertyInject(value = "camel.server.port", defaultValue = "8080")
    private int serverPort;
    @PropertyInject(value = "payouts.http.worker-pool-size", defaultValue = "64")
    private int workerPoolSize;
    @PropertyInject(value = "payouts.events.retry-delays", defaultValue = RetrySchedule.DEFAULT)
    private String eventsRetryDelays;
    @PropertyInject(value = "payouts.events.batch-size", defaultValue = "100")
    private int eventsBatchSize;
    @PropertyInject(value = "payouts.events.queue-size", defaultValue = "1000")
    private int eventsQueueSize;
    @PropertyInject(value = "payouts.events.retention", defaultValue = "7d")
    private String eventsRetention;
    @PropertyInject(value = "payouts.events.uri", defaultValue = "")
    private String eventsUri;
    @PropertyInject(value = "payouts.callbacks.wake-ups-per-minute.per-source", defaultValue = "1200")
    private int wakeUpsPerSource;
    @PropertyInject(value = "payouts.callbacks.wake-ups-per-minute.per-payout", defaultValue = "20")
    private int wakeUpsPerPayout;
    @PropertyInject(value = "payouts.events.allowed-hosts", defaultValue = "")
    private String eventsAllowedHosts;
    @PropertyInject(value = "payouts.events.timeout-ms", defaultValue = "10000")
    private int eventsTimeoutMs;
    @PropertyInject(value = "payouts.health.store-timeout-ms", defaultValue = "2000")
    private int storeCheckTimeoutMs;
    @PropertyInject(value = "payouts.health.events.max-delivery-lag", defaultValue = "5m")
    private String eventsMaxDeliveryLag;
    @PropertyInject(value = "payouts.reconciliation.delays", defaultValue = "1m,5m,15m,1h,6h,24h")
    private String reconciliationDelays;
    @PropertyInject(value = "payouts.reconciliation.grace", defaultValue = "24h")
    private String reconciliationGrace;
    @PropertyInject(value = "payouts.reconciliation.flag-after", defaultValue = "48h")
    private String reconciliationFlagAfter;
    @PropertyInject(value = "payouts.reconciliation.batch-size", defaultValue = "100")
    private int reconciliationBatchSize;
    @PropertyInject(value = "payouts.reconciliation.concurrency", defaultValue = "4")
    private int reconciliationConcurrency;

    // whole milliseconds, as the store keeps them: its timestamp(3) columns round a finer instant, so an answer
    // made from the instant in memory could differ by 1 ms from what the store later shows
    private final Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);
    private final Providers providers = new Providers();

    @Override
    public void configure(CamelContext context) throws Exception {
        // before anything opens: a deployment with a real provider and a shipped credential does not start
        PropertiesComponent properties = context.getPropertiesComponent();
        ApiClients clients = ApiClients.configured(properties);
        SandboxPlace sandboxPlace = SandboxPlace.of(properties);
        sandboxPlace.refuseShippedCredentials(clients, properties.resolveProperty("payouts.events.signing-secret")
                .orElse(""));
        HikariDataSource dataSource = Database.open(storeUrl, storeUser, storePassword, storePoolSize);
        CallbackDestinations destinations = CallbackDestinations.of(eventsAllowedHosts);
        PoolingHttpClientConnectionManager eventsConnections = eventsConnections(destinations);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                eventsConnections.close();
                dataSource.close();
            }
        });
        ApiReadiness apiReadiness = new ApiReadiness(serverPort);
        context.getRegistry().bind("apiReadiness", apiReadiness);
        context.addStartupListener(new ServerProblems(serverPort, apiReadiness));
        providers.setCamelContext(context);
        ReconciliationSchedule schedule = new ReconciliationSchedule(reconciliationDelays,
                ReconciliationSchedule.duration(reconciliationGrace), ReconciliationSchedule.duration(reconciliationFlagAfter),
                providers::inFlight);
        // an event with no callbackUrl has nowhere to go unless payouts.events.uri is set: then it is written delivered
        EventOutbox outbox = new EventOutbox(dataSource, !eventsUri.isBlank(), EventOutbox.leaseFor(Duration.ofMillis(eventsTimeoutMs)));
        PayoutStore store = new PayoutStore(dataSource, schedule, outbox);
        var registry = context.getRegistry();
        // Camel's Prometheus registry (camel.metrics.enabled); without it the meters count for nobody
        MeterRegistry meters = Optional.ofNullable(registry.findSingleByType(MeterRegistry.class))
                .orElseGet(SimpleMeterRegistry::new);
        PayoutMetrics metrics = new PayoutMetrics(meters);
        Executor operatorReadings = context.getExecutorServiceManager().newSingleThreadExecutor(this, "operator-readings");
        registry.bind("payoutMetrics", metrics);
        registry.bind("providerCalls", new ProviderCalls(metrics, clock));
        registry.bind("providersCheck", new ProvidersCheck(providers));
        registry.bind("dataSource", dataSource);
        registry.bind("storeCheck", new StoreCheck(dataSource, Duration.ofMillis(storeCheckTimeoutMs)));
        registry.bind("payoutStore", store);
        // each provider's breaker, asked and told by its route (ProviderBreakers); its states and calls are in
        // /observe/metrics as resilience4j_circuitbreaker_*
        ProviderBreakers breakers = new ProviderBreakers();
        registry.bind("providerBreakers", breakers);
        for (String provider : ConfiguredIds.under(properties, "payouts.providers.", ".base-url")) {
            breakers.create(provider, properties::resolveProperty);
        }
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers.registry()).bindTo(meters);
        // a 503 for a provider whose breaker is open says when it may be tried again
        PayoutLedger ledger = new PayoutLedger(store, providers, clock, breakers::retryAfterSeconds);
        registry.bind("payoutLedger", ledger);
        registry.bind("fallbackProviders", new FallbackProviders(store, providers, clock));
        OpenPayouts openPayouts = new OpenPayouts(dataSource);
        registry.bind("openPayouts", openPayouts);
        Reconciler reconciler = new Reconciler(openPayouts, store, ledger, providers, schedule, reconciliationBatchSize,
                clock);
        registry.bind("reconciler", reconciler);
        // its own few threads: a backlog of checks waits for them, never for the API's workers
        registry.bind("reconciliationWorkers", context.getExecutorServiceManager()
                .newFixedThreadPool(this, "reconciliation", reconciliationConcurrency));
        context.addService(new Reconciliation(reconciler, context), true, true);
        new ReconciliationMetrics(meters, operatorReading(operatorReadings, () -> openPayouts.backlog(clock.instant())));
        registry.bind("notifications", new Notifications(providers, ledger,
                new WakeUpLimits(wakeUpsPerSource, wakeUpsPerPayout), metrics));
        registry.bind("payoutRequests", new PayoutRequestReader(destinations));
        registry.bind("eventsConnectionManager", eventsConnections);
        registry.bind("apiClients", clients);
        EventBacklog backlog = new EventBacklog(operatorReading(operatorReadings, () -> outbox.backlog(clock.instant())),
                clock);
        registry.bind("eventsCheck", new EventBacklogCheck(backlog, eventsMaxDeliveryLag));
        EventDelivery eventDelivery = new EventDelivery(outbox, RetrySchedule.parse(eventsRetryDelays),
                clientId -> clients.eventsSigningSecret(clientId == null ? ApiClients.DEFAULT : clientId),
                destinations, eventsBatchSize, eventsQueueSize, clock, new EventMetrics(meters, backlog));
        // each event goes to the delivery queue (routes/events.yaml) as soon as its status change commits
        // (bounded by EventDelivery itself: the queue only has to hold what it lets in; the due search, too, takes only what
        // the queue has room for, so a queue size of 0 stops delivery altogether: tests use it to stall the outbox)
        context.getComponent("seda", SedaComponent.class).setQueueSize(Math.max(1, eventsQueueSize));
        ProducerTemplate events = context.createProducerTemplate();
        eventDelivery.queueTo(event -> events.sendBody("seda:deliver-events", event));
        outbox.dispatchTo(eventDelivery);
        registry.bind("eventDelivery", eventDelivery);
        registry.bind("eventRetention", EventRetention.of(outbox, eventsRetention, clock));
        context.addService(new DeadLetters(eventDelivery, context), true, true);

        boolean sandboxWanted = properties.resolveProperty("payouts.sandbox.enabled").map(Boolean::parseBoolean)
                .orElse(true);
        if (sandboxWanted && !sandboxPlace.everyProviderIsSandbox()) {
            LOG.info("step=sandbox not started: providers {} are real, so none may be settled by the sandbox",
                    sandboxPlace.realProviders());
        }
        if (sandboxWanted && sandboxPlace.everyProviderIsSandbox()) {
            // the sandbox needs no Camel: it reads Camel's properties and lives as long as the context
            SandboxProviders sandbox = SandboxProviders.withEveryFamily(new SandboxSettings(properties::resolveProperty));
            context.addService(new ServiceSupport() {
                @Override
                protected void doStart() {
                    sandbox.start();
                }

                @Override
                protected void doStop() {
                    sandbox.close();
                }
            }, true, true);
            registry.bind("sandboxProviders", sandbox);
        }
    }

    /**
     * The connections of event deliveries: their resolver hands out only addresses events may go to (contract
     * section 11), so a name that resolves elsewhere at delivery than at create (DNS rebinding) gets no connection.
     */
    private PoolingHttpClientConnectionManager eventsConnections(CallbackDestinations destinations) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(destinations.dnsResolver())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(eventsTimeoutMs)).build())
                .setMaxConnTotal(200).setMaxConnPerRoute(20)
                .build();
    }

    /**
     * A query for operators (gauges, health): at most every 5 s, a scrape or a check held 1 s at most, on one
     * thread for all of them, so that a slow database never takes more than that from the service.
     */
    private <T> CachedReading<T> operatorReading(Executor thread, Supplier<T> query) {
        return new CachedReading<>(query, Duration.ofSeconds(5), Duration.ofSeconds(1), thread, clock);
    }

    /**
     * The business server's workers: each payout holds one while its provider answers, so size it for that.
     * camel.server.* has no key for them in 4.18 (platform-http takes a VertxOptions found by type), so it is
     * bound here, in the service's own wiring, which only PayoutRoutesApp scans: the library binds nothing in a
     * host application's registry.
     */
    @BindToRegistry
    public VertxOptions vertxOptions() {
        return new VertxOptions().setWorkerPoolSize(workerPoolSize);
    }

    /**
     * The business server's consumers run their routes on Camel's asynchronous routing engine, so that a payout
     * waiting for its provider holds no thread (platform-http looks this name up before making its own engine).
     */
    @BindToRegistry("platform-http-engine")
    public AsyncHttpEngine platformHttpEngine() {
        return new AsyncHttpEngine();
    }

    @BindToRegistry
    public Providers providers() {
        return providers;
    }

    @BindToRegistry
    public Answers answers() {
        return new Answers();
    }

}
