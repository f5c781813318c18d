package payoutroutes.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of the benchmark's own (the service, or the sandbox alone), started from the project root with the
 * runnable jar; its memory read from {@code /proc}. Stopped by its own handle only, never by name.
 */
final class JavaProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;
    private long peakRssKb;

    private JavaProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = command;
        this.log = log;
    }

    /** Starts {@code java <jvmOptions> -D<properties> <main>} and waits until {@code readyUrl} answers 200. */
    static JavaProcess start(String name, List<String> jvmOptions, Map<String, String> properties, List<String> main,
                             Path log, String readyUrl) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(main);
        JavaProcess process = new JavaProcess(name, command, log);
        process.launch(readyUrl);
        return process;
    }

    private void launch(String readyUrl) {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the " + name, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (status(readyUrl) == 200) {
                return;
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("the " + name + " was not ready within 90 s; see " + log);
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Resident memory now, in kB (VmRSS). */
    long rssKb() {
        return procStatus("VmRSS:");
    }

    /** The most resident memory since start or the last {@link #resetPeak}, in kB (VmHWM). */
    long peakRssKb() {
        long peak = Math.max(peakRssKb, procStatus("VmHWM:"));
        peakRssKb = peak;
        return peak;
    }

    /** Starts a new peak (the kernel's clear_refs 5); the peak of the whole life is still kept here. */
    long resetPeak() {
        long peak = peakRssKb();
        try {
            Files.writeString(Path.of("/proc", String.valueOf(pid()), "clear_refs"), "5");
        } catch (IOException e) {
            // an older kernel: the peak then covers the whole life
        }
        return peak;
    }

    /** Live threads of the process. */
    long threads() {
        return procStatus("Threads:");
    }

    private long procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }

    /** SIGTERM, then SIGKILL after 30 s; this process only. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        peakRssKb();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
