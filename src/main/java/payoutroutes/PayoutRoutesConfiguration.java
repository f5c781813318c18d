package payoutroutes;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import payoutroutes.api.Answers;
import payoutroutes.api.PayoutRequestReader;
import payoutroutes.payout.PayoutLedger;
import payoutroutes.provider.ProviderCallFailures;
import payoutroutes.provider.Providers;
import payoutroutes.sandbox.SandboxProviders;
import payoutroutes.sandbox.SandboxSettings;
import payoutroutes.store.Database;
import payoutroutes.store.PayoutStore;

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

    // whole milliseconds: the store keeps timestamp(3) and would round a finer instant, so the answer to a
    // create and a later read of the same payout would differ by a millisecond about half the time
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
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
        registry.bind("payoutLedger", new PayoutLedger(store, providers, clock));

        PropertiesComponent properties = context.getPropertiesComponent();
        if (properties.resolveProperty("payouts.sandbox.enabled").map(Boolean::parseBoolean).orElse(true)) {
            SandboxProviders sandbox = new SandboxProviders(new SandboxSettings(properties), context);
            context.addService(sandbox, true, true);
            registry.bind("sandboxProviders", sandbox);
        }
    }

    /** The business server's workers: each payout holds one while its provider answers, so size it for that. */
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

    @BindToRegistry
    public ProviderCallFailures providerCallFailures() {
        return new ProviderCallFailures();
    }

}
