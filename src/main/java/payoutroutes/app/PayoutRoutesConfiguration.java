package payoutroutes.app;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import payoutroutes.service.api.Answers;
import payoutroutes.service.api.PayoutRequestReader;
import payoutroutes.service.events.DeadLetters;
import payoutroutes.service.events.EventDelivery;
import payoutroutes.service.events.RetrySchedule;
import payoutroutes.service.PayoutLedger;
import payoutroutes.service.callbacks.Notifications;
import payoutroutes.service.ProviderCalls;
import payoutroutes.service.Providers;
import payoutroutes.sandbox.SandboxProviders;
import payoutroutes.sandbox.SandboxSettings;
import payoutroutes.service.store.Database;
import payoutroutes.service.store.EventOutbox;
import payoutroutes.service.store.PayoutStore;

/** The core beans the YAML routes call, by the names they call them; each provider family binds its own. */
@Configuration
public class PayoutRoutesConfiguration implements CamelConfiguration {

    @PropertyInject("payouts.store.url")
    private String storeUrl;
    @PropertyInject(value = "payouts.store.username", defaultValue = "")
    private String storeUser;
    @PropertyInject(value = "payouts.store.password", defaultValue = "")
    private String storePassword;
    @PropertyInject(value = "payouts.store.pool-size", defaultValue = "16")
    private int storePoolSize;
    @PropertyInject(value = "payouts.http.worker-pool-size", defaultValue = "64")
    private int workerPoolSize;
    @PropertyInject("payouts.events.signing-secret")
    private String eventsSigningSecret;
    @PropertyInject(value = "payouts.events.retry-delays", defaultValue = RetrySchedule.DEFAULT)
    private String eventsRetryDelays;
    @PropertyInject(value = "payouts.events.batch-size", defaultValue = "100")
    private int eventsBatchSize;

    // whole milliseconds, as the store keeps them: its timestamp(3) columns round a finer instant, so an answer
    // made from the instant in memory could differ by 1 ms from what the store later shows
    private final Clock clock = Clock.tickMillis(java.time.ZoneOffset.UTC);
    private final Providers providers = new Providers();

    @Override
    public void configure(CamelContext context) throws Exception {
        HikariDataSource dataSource = Database.open(storeUrl, storeUser, storePassword, storePoolSize);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        });
        PayoutStore store = new PayoutStore(dataSource);
        providers.setCamelContext(context);
        var registry = context.getRegistry();
        registry.bind("dataSource", dataSource);
        PayoutLedger ledger = new PayoutLedger(store, providers, clock);
        registry.bind("payoutLedger", ledger);
        registry.bind("notifications", new Notifications(providers, ledger));
        EventDelivery eventDelivery = new EventDelivery(new EventOutbox(dataSource),
                RetrySchedule.parse(eventsRetryDelays), eventsSigningSecret, eventsBatchSize, clock);
        registry.bind("eventDelivery", eventDelivery);
        context.addService(new DeadLetters(eventDelivery, context), true, true);

        PropertiesComponent properties = context.getPropertiesComponent();
        if (properties.resolveProperty("payouts.sandbox.enabled").map(Boolean::parseBoolean).orElse(true)) {
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
     * The business server's workers: each payout holds one while its provider answers, so size it for that.
     * camel.server.* has no key for them in 4.18 (platform-http takes a VertxOptions found by type), so it is
     * bound here, in the service's own wiring, which only PayoutRoutesApp scans: the library binds nothing in a
     * host application's registry.
     */
    @BindToRegistry
    public VertxOptions vertxOptions() {
        return new VertxOptions().setWorkerPoolSize(workerPoolSize);
    }

    @BindToRegistry
    public Providers providers() {
        return providers;
    }

    @BindToRegistry
    public PayoutRequestReader payoutRequests() {
        return new PayoutRequestReader();
    }

    @BindToRegistry
    public Answers answers() {
        return new Answers();
    }

    /** The service's side of every connector: the canonical payout JSON in, the outcome read back. */
    @BindToRegistry
    public ProviderCalls providerCalls() {
        return new ProviderCalls();
    }

}
