package payoutroutes.app;

import java.nio.file.Path;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import payoutroutes.app.console.HawtioConsole;

/** Runs payout-routes: {@code java -jar target/payout-routes.jar}, started in the project root. */
public final class PayoutRoutesApp {

    private static final String PROPERTIES = "application.properties";

    private PayoutRoutesApp() {
    }

    public static void main(String[] args) throws Exception {
        try {
            main().run(args);
        } catch (Exception e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SandboxPlace.RefusedToStart refused) {
                    // one line that says why, for the operator; no stack trace, a non-zero exit
                    System.err.println(refused.getMessage());
                    System.exit(2);
                }
            }
            throw e;
        }
    }

    /**
     * The service, configured from ./application.properties (JVM system properties and environment
     * variables override it) with the beans of {@link PayoutRoutesConfiguration} and the routes under ./routes/.
     */
    public static Main main() {
        Main main = new Main(PayoutRoutesApp.class);
        main.setPropertyPlaceholderLocations("file:" + PROPERTIES);
        EnvironmentOverrides.of(Path.of(PROPERTIES), System.getenv(), System.getProperties())
                .forEach((key, value) -> main.addOverrideProperty((String) key, (String) value));
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport main) {
                // the contract: an environment variable (PAYOUTS_PROVIDERS_AOPAY_BASE_URL) overrides the file
                ((PropertiesComponent) main.getCamelContext().getPropertiesComponent())
                        .setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_OVERRIDE);
            }
        });
        // the business port's server: 503 problem until every route has started (and once stopping); callback bodies
        // read without a worker
        main.bind("businessServer", new BusinessServer());
        main.addMainListener(new HawtioConsole());
        return main;
    }
}
