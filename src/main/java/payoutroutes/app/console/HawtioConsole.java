package payoutroutes.app.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hawtio operations console, on a port of its own ({@code payouts.hawtio.*}): Hawtio's war in an embedded
 * Jetty, started and stopped with the Camel context (Hawtio finds the Camel context through JMX).
 * Its Jolokia (/hawtio/jolokia) is held to {@code jolokia-access.xml}; login is against the users file.
 */
public class HawtioConsole extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(HawtioConsole.class);
    /** The JAAS realm of the console's login. */
    static final String REALM = "payout-routes";
    private static final String WAR = "hawtio.war";
    private static final String JOLOKIA_POLICY = "jolokia-access.xml";

    private Server server;
    private Path temporaryWar;

    /** What the console is told by the service's properties. */
    record Settings(boolean enabled, String host, int port, boolean authentication, Path usersFile) {

        static Settings of(PropertiesComponent properties) {
            return new Settings(
                    Boolean.parseBoolean(properties.resolveProperty("payouts.hawtio.enabled").orElse("true")),
                    properties.resolveProperty("payouts.hawtio.host").orElse("127.0.0.1"),
                    Integer.parseInt(properties.resolveProperty("payouts.hawtio.port").orElse("8081")),
                    Boolean.parseBoolean(properties.resolveProperty("payouts.hawtio.authentication").orElse("true")),
                    Path.of(properties.resolveProperty("payouts.hawtio.users-file").orElse(HawtioUsers.DEFAULT_FILE)));
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        Settings settings = Settings.of(context.getPropertiesComponent());
        if (!settings.enabled()) {
            return;
        }
        // a service of the Camel context, so that it starts and stops with it however the service is run
        // (camel-main's start and stop callbacks only come with Main.run, not with Main.start as the tests use)
        addService(context, new ServiceSupport() {
            @Override
            protected void doStart() throws Exception {
                try {
                    HawtioConsole.this.start(settings);
                } catch (Exception e) {
                    throw new IllegalStateException("the Hawtio console did not start on " + settings.host() + ":"
                            + settings.port() + " (payouts.hawtio.*): " + e.getMessage(), e);
                }
            }

            @Override
            protected void doStop() {
                HawtioConsole.this.stop();
            }
        });
    }

    private static void addService(CamelContext context, ServiceSupport service) {
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the Hawtio console to the Camel context", e);
        }
    }

    /** The port the console listens on (the configured one, or the one chosen for port 0); -1 when not running. */
    public int port() {
        return server == null ? -1 : ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private void start(Settings settings) throws Exception {
        long started = System.nanoTime();
        configureHawtio(settings);

        WebAppContext webapp = new HawtioWebApp(resource(JOLOKIA_POLICY).toExternalForm());
        webapp.setContextPath("/hawtio");
        webapp.setWar(warFile().toString());
        // the console's session cookie is never sent along with a request another site makes (its Jolokia takes POSTs)
        webapp.getSessionHandler().setSameSite(HttpCookie.SameSite.STRICT);
        // the war brings its own log4j and slf4j; its lines go through the service's logging instead
        webapp.getProtectedClassMatcher().add("org.slf4j.", "org.apache.logging.");

        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("hawtio");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.setHandler(webapp);
        server.setStopAtShutdown(false); // stopped with the Camel context
        server.start();
        if (webapp.getUnavailableException() != null) {
            stop();
            throw new IllegalStateException("Hawtio did not deploy", webapp.getUnavailableException());
        }
        LOG.info("Hawtio console on http://{}:{}/hawtio (login {}), started in {} ms", settings.host(), port(),
                settings.authentication() ? "required, users in " + settings.usersFile() : "OFF",
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Hawtio's war, with its Jolokia held to the access policy and stripped of the services the console has no use for. */
    private static final class HawtioWebApp extends WebAppContext {
        // Jolokia's JSR-160 proxy would connect to any JMX URL a request names; notifications bypass the policy's
        // command list; discovery answers multicast; history keeps values over time: none is needed to show this JVM
        private static final String UNUSED_JOLOKIA_SERVICES = String.join(",",
                "org.jolokia.service.jsr160.Jsr160RequestHandler",
                "org.jolokia.service.notif.pull.PullNotificationBackend",
                "org.jolokia.service.notif.sse.SseNotificationBackend",
                "org.jolokia.service.discovery.JolokiaDiscovery",
                "org.jolokia.service.discovery.DiscoveryMulticastResponder",
                "org.jolokia.service.history.HistoryMBeanRequestInterceptor");
        private final String jolokiaPolicy;

        HawtioWebApp(String jolokiaPolicy) {
            this.jolokiaPolicy = jolokiaPolicy;
        }

        @Override
        protected void startWebapp() throws Exception {
            // Hawtio's web.xml has declared its Jolokia servlet by now, and the servlet is not initialised yet.
            // A URL rather than "classpath:": Jolokia allows everything when a classpath policy is not found,
            // and denies everything when a URL cannot be read.
            var jolokia = getServletHandler().getServlet("jolokia-agent");
            jolokia.setInitParameter("policyLocation", jolokiaPolicy);
            jolokia.setInitParameter("disabledServices", UNUSED_JOLOKIA_SERVICES);
            super.startWebapp();
        }
    }

    /**
     * Hawtio reads its settings from JVM system properties and its login from the JVM's JAAS configuration, so
     * both are set here, before it starts: one console per JVM, as the service runs one.
     */
    private void configureHawtio(Settings settings) throws IOException {
        System.setProperty("hawtio.authenticationEnabled", String.valueOf(settings.authentication()));
        System.setProperty("hawtio.realm", REALM);
        System.setProperty("hawtio.roles", HawtioUsers.ADMIN_ROLE);
        System.setProperty("hawtio.rolePrincipalClasses", UsersFileLoginModule.ConsoleRole.class.getName());
        // no container (Tomcat) login to discover: Hawtio would warn at every start that it found none
        System.setProperty("hawtio.authenticationContainerDiscoveryClasses", "");
        // Hawtio's /proxy connects to other JVMs' Jolokia: this console shows this service only
        System.setProperty("hawtio.disableProxy", "true");
        System.setProperty("hawtio.localAddressProbing", "false");
        if (!settings.authentication()) {
            LOG.warn("Hawtio console: login is OFF (payouts.hawtio.authentication=false); for local development only");
            return;
        }
        Configuration.setConfiguration(new ConsoleLogin(settings.usersFile(), previousJaasConfiguration()));
        if (new HawtioUsers(settings.usersFile()).read().isEmpty()) {
            LOG.warn("Hawtio console: no users in {}, so every login is refused. Add one with: java -cp "
                    + "target/payout-routes.jar payoutroutes.app.console.HawtioUsers add <user> {}",
                    settings.usersFile().toAbsolutePath(), HawtioUsers.ADMIN_ROLE);
        }
    }

    private static Configuration previousJaasConfiguration() {
        try {
            Configuration previous = Configuration.getConfiguration();
            return previous instanceof ConsoleLogin login ? login.others : previous;
        } catch (SecurityException noneConfigured) {
            return null; // no java.security.auth.login.config: the console's realm is the only one
        }
    }

    /** The JVM's JAAS configuration: the console's realm logs in against the users file; other realms as before. */
    private static final class ConsoleLogin extends Configuration {
        private final AppConfigurationEntry[] console;
        private final Configuration others;

        ConsoleLogin(Path usersFile, Configuration others) {
            Map<String, String> options = new HashMap<>();
            options.put(UsersFileLoginModule.USERS_FILE_OPTION, usersFile.toAbsolutePath().toString());
            this.console = new AppConfigurationEntry[] {new AppConfigurationEntry(UsersFileLoginModule.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
            this.others = others;
        }

        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            if (REALM.equals(name)) {
                return console;
            }
            return others == null ? null : others.getAppConfigurationEntry(name);
        }
    }

    private void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("Hawtio console did not stop cleanly: {}", e.toString());
        }
        server = null;
        try {
            if (temporaryWar != null) {
                Files.deleteIfExists(temporaryWar);
            }
        } catch (IOException e) {
            LOG.debug("could not delete {}", temporaryWar, e);
        }
        temporaryWar = null;
    }

    private static URL resource(String name) {
        URL url = HawtioConsole.class.getResource(name);
        if (url == null) {
            // never start without the access policy: Jolokia would then allow every MBean
            throw new IllegalStateException(name + " is missing from the build");
        }
        return url;
    }

    /** Jetty needs the war as a file: in the jar it is an entry of the jar, so it is copied out for the run. */
    private Path warFile() throws IOException, URISyntaxException {
        URL war = resource(WAR);
        if ("file".equals(war.getProtocol())) {
            return Path.of(war.toURI());
        }
        temporaryWar = Files.createTempFile("payout-routes-hawtio", ".war");
        try (InputStream in = war.openStream()) {
            Files.copy(in, temporaryWar, StandardCopyOption.REPLACE_EXISTING);
        }
        return temporaryWar;
    }
}
