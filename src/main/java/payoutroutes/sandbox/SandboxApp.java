package payoutroutes.sandbox;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox providers alone, in a process of their own, for benchmarks and crash tests that must not share
 * a JVM with the service: {@code java -cp target/payout-routes.jar payoutroutes.sandbox.SandboxApp}, started in
 * the project root. Reads {@code ./application.properties} (or the file given as the one argument), overridden
 * by system properties and environment variables as the service's are; stops cleanly on SIGTERM (Ctrl-C).
 */
public final class SandboxApp {

    private SandboxApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        // our own hook stops the sandbox and then the logging, so that the last lines are not lost
        System.setProperty("log4j.shutdownHookEnabled", "false");
        Logger log = LoggerFactory.getLogger(SandboxApp.class);
        Path file = Path.of(args.length > 0 ? args[0] : "application.properties");
        SandboxProviders sandbox = SandboxProviders.withEveryFamily(new SandboxSettings(SandboxProperties.load(file)));
        CountDownLatch stopped = new CountDownLatch(1);
        // registered before it listens: a SIGTERM as soon as it answers must still stop it cleanly
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Sandbox stopping");
            sandbox.close();
            log.info("Sandbox stopped");
            LogManager.shutdown();
            stopped.countDown();
        }, "sandbox-stop"));
        try {
            sandbox.start();
        } catch (RuntimeException e) {
            log.error("The sandbox did not start: {}", e.getMessage(), e);
            System.exit(1);
        }
        log.info("Sandbox running alone (settings from {} and the environment); stop it with SIGTERM or Ctrl-C",
                file.toAbsolutePath().normalize());
        stopped.await();
    }
}
