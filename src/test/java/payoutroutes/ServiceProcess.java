package payoutroutes;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import payoutroutes.app.PayoutRoutesApp;

/**
 * The service as a real operating-system process (the README's {@code java} command, on the test
 * classpath), so that a test can kill it the hard way ({@code kill -9}: no shutdown hook, no flush)
 * and start it again on the same store.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Map<String, String> properties;
    private final Path log;
    private final int port;
    private final int managementPort;
    private Process process;

    private ServiceProcess(Map<String, String> properties, Path log) {
        this.properties = new TreeMap<>(properties);
        this.log = log;
        this.port = Integer.parseInt(this.properties.get("camel.server.port"));
        this.managementPort = Integer.parseInt(this.properties.get("camel.management.port"));
    }

    /**
     * Starts the service with these properties (on top of ./application.properties) on free ports, and
     * waits until it is ready. Its output goes to {@code log}.
     */
    public static ServiceProcess start(Map<String, String> overrides, Path log) {
        Map<String, String> properties = new TreeMap<>();
        int port = RunningService.freePort();
        properties.put("camel.server.port", String.valueOf(port));
        properties.put("camel.management.port", String.valueOf(RunningService.freePort()));
        properties.put("payouts.public-base-url", "http://localhost:" + port);
        properties.put("camel.main.routes-reload-enabled", "false");
        // the console has a port of its own (8081 by default): off unless a test turns it on, as in RunningService
        properties.put("payouts.hawtio.enabled", "false");
        properties.putAll(overrides);
        ServiceProcess service = new ServiceProcess(properties, log);
        service.launch();
        return service;
    }

    /** Starts the same service again (same ports, same store), after a kill or a stop. */
    public void restart() {
        launch();
    }

    /** SIGKILL: the process gets no chance to flush, close or answer anything more. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public RunningService.Answer post(String payoutId, String json) {
        return RunningService.send(HttpRequest.newBuilder(URI.create(url("/payouts/" + payoutId)))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + RunningService.SANDBOX_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public RunningService.Answer get(String payoutId) {
        return RunningService.send(HttpRequest.newBuilder(URI.create(url("/payouts/" + payoutId)))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + RunningService.SANDBOX_KEY)
                .GET().build());
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(classpath());
        command.add(PayoutRoutesApp.class.getName());
        try {
            process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the service", e);
        }
        awaitReady(Duration.ofSeconds(60));
    }

    private void awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        URI ready = URI.create("http://localhost:" + managementPort + "/observe/health/ready");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (RunningService.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).GET().build())
                        .status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            sleep(100);
        }
        kill();
        throw new IllegalStateException("the service was not ready within " + within + "; see " + log);
    }

    /** Surefire hands the test JVM its classpath in a property when the JVM's own is a manifest jar. */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
