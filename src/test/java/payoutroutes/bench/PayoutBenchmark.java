package payoutroutes.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark the project keeps ({@code bench/run.sh}; not a test, surefire never runs it). It starts the sandbox
 * providers alone in one JVM and the service in another (its README run command's heap, its embedded H2 file
 * store), and loads them with wrk, side by side in one run:
 * <ol>
 * <li>the limit: the sandbox's overpay create called directly, at 16 and 64 connections;</li>
 * <li>the full payout path per provider family (aopay, overpay, paypro) at the same concurrency;</li>
 * <li>latency against load: both paced at fixed rates, up to where the full path saturates;</li>
 * <li>a provider that answers every create after 1 s: what one node carries;</li>
 * <li>sustained load for several minutes, minute by minute;</li>
 * <li>GET and create latency with about a thousand and with a million payouts stored.</li>
 * </ol>
 * Every full-path payout has the sandbox merchant as its callbackUrl, so each event's delivery lag is measured
 * there; duplicate sends are counted by the sandbox. The tables go to {@code bench/results/latest.md}, the plot to
 * {@code bench/results/latency-vs-load.png}, the logs to {@code target/bench/}.
 *
 * <p>Settings (environment): {@code BENCH_QUICK=1} (short runs, to try the benchmark itself), {@code BENCH_SUSTAIN_MINUTES}
 * (10), {@code BENCH_SETTLE_MS} (how long the sandbox takes to settle and notify, 2000; 3600000 holds
 * notifications back), {@code BENCH_SERVICE_JAVA_OPTS} (the README's), {@code BENCH_STORED} (1000000),
 * {@code BENCH_LABEL} (a line under the heading, e.g. which commit), {@code BENCH_PROFILE=1} (bench/run.sh then
 * starts the service under async-profiler, and writes its CPU flame graphs to the logs' directory).
 */
public final class PayoutBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String[] PROVIDERS = {"aopay", "echelonpay", "komopay", "overpay", "paypro"};
    /** The service's JVM options, as the README runs it. */
    static final String SERVICE_JAVA_OPTS = "-Xms256m -Xmx512m";

    private final boolean quick = "1".equals(System.getenv("BENCH_QUICK"));
    private final int sustainMinutes = intSetting("BENCH_SUSTAIN_MINUTES", quick ? 2 : 10);
    private final int settleMs = intSetting("BENCH_SETTLE_MS", 2000);
    private final long stored = intSetting("BENCH_STORED", 1_000_000);
    private final List<String> serviceJavaOpts = Arrays.asList(
            setting("BENCH_SERVICE_JAVA_OPTS", SERVICE_JAVA_OPTS).trim().split("\\s+"));
    private final Path work = Path.of("target", "bench",
            ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    private final Path results = Path.of("bench", "results");
    private final BenchReport report = new BenchReport();
    private final Wrk wrk = new Wrk(work.resolve("wrk.log"));
    private final int servicePort = freePort();
    private final int managementPort = freePort();
    private final int sandboxPort = freePort();
    private final String serviceUrl = "http://127.0.0.1:" + servicePort;
    private final String sandboxUrl = "http://127.0.0.1:" + sandboxPort;
    private final String merchantUrl = sandboxUrl + "/sandbox/merchant/events";
    private final String storeUrl = "jdbc:h2:file:" + work.toAbsolutePath().resolve("data/payouts")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    private JavaProcess sandbox;
    private JavaProcess service;
    private String overpayPublicKey;
    private long servicePeakKb;
    private int run;
    private int profiles;

    public static void main(String[] args) throws Exception {
        new PayoutBenchmark().runAll();
        System.exit(0);
    }

    private void runAll() throws Exception {
        Files.createDirectories(work);
        Files.createDirectories(results);
        String load = loadAverage();
        log("work directory " + work + "; load average at start " + load);
        try {
            startSandbox();
            startService();
            warmUp();
            storedLatency("about 1,000 stored", "GET", 1_000);
            limitAndFamilies();
            latencyAgainstLoad();
            slowProvider();
            sustained();
            service.close();
            servicePeakKb = Math.max(servicePeakKb, service.peakRssKb());
            long added = topUpStore();
            startService();
            storedLatency(String.format(Locale.ROOT, "%,d stored", stored), "BULK", added);
        } catch (Exception | Error e) {
            // what was measured until then is still worth the report
            log("the run stopped early: " + e);
            report.note("the run stopped early: " + e.getMessage());
        } finally {
            if (service != null) {
                service.close();
                servicePeakKb = Math.max(servicePeakKb, service.peakRssKb());
            }
            if (sandbox != null) {
                sandbox.close();
            }
        }
        String loadAfter = loadAverage();
        long duplicates = report.rows().stream().mapToLong(r -> r.sandbox().duplicates()).sum()
                + report.minutes().stream().mapToLong(m -> m.sandbox().duplicates()).sum();
        report.note(String.format(Locale.ROOT, "service peak RSS over the whole run: %d MB; duplicate sends counted "
                + "by the sandbox in all: %d", servicePeakKb / 1024, duplicates));
        report.note("load average (1, 5, 15 min) before: " + load + "; after: " + loadAfter
                + " (the machine's other work competes for its 2 cores: figures taken at a high load are noise)");
        String heading = "### Benchmark of " + LocalDate.now() + " on " + machine()
                + labelLine(System.getenv("BENCH_LABEL"));
        Files.writeString(results.resolve("latest.md"), report.markdown(heading));
        report.plot(work.resolve("plot"), results.resolve("latency-vs-load.png"),
                "payout-routes benchmark, " + LocalDate.now() + ", " + machine());
        log("results: " + results.resolve("latest.md") + " and " + results.resolve("latency-vs-load.png"));
        System.out.println(report.markdown(heading));
    }

    private static String labelLine(String label) {
        return label == null || label.isBlank() ? "" : "\n\n" + label;
    }

    // ---------------------------------------------------------------- processes

    private void startSandbox() throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("payouts.sandbox.port", String.valueOf(sandboxPort));
        properties.put("payouts.sandbox.host", "127.0.0.1");
        properties.put("payouts.sandbox.settle-after-ms", String.valueOf(settleMs));
        sandbox = JavaProcess.start("sandbox", List.of("-Xmx1g"), properties,
                List.of("-cp", "target/payout-routes.jar", "payoutroutes.sandbox.SandboxApp"),
                work.resolve("sandbox.log"), sandboxUrl + "/sandbox/_stats");
        overpayPublicKey = get(sandboxUrl + "/sandbox/overpay/public-key").trim();
    }

    private void startService() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("camel.server.port", String.valueOf(servicePort));
        properties.put("camel.management.port", String.valueOf(managementPort));
        properties.put("camel.main.routes-reload-enabled", "false");
        properties.put("payouts.hawtio.enabled", "false");
        properties.put("payouts.sandbox.enabled", "false");
        properties.put("payouts.public-base-url", serviceUrl);
        properties.put("payouts.store.url", storeUrl);
        for (String provider : PROVIDERS) {
            properties.put("payouts.providers." + provider + ".base-url", sandboxUrl + "/sandbox/" + provider);
        }
        // overpay's notifications are then proof, as they are with a real overpay that signs them
        properties.put("payouts.providers.overpay.public-key", overpayPublicKey);
        properties.put("payouts.events.allowed-hosts", "127.0.0.1:" + sandboxPort);
        // every notification comes from the one sandbox address: its wake-ups are not an attack here
        properties.put("payouts.callbacks.wake-ups-per-minute.per-source", "100000000");
        List<String> options = new ArrayList<>(serviceJavaOpts);
        String profiler = System.getenv("BENCH_PROFILER");
        if (profiler != null && !profiler.isBlank()) {
            // async-profiler (bench/run.sh fetches it from Maven): a flame graph of the service's CPU over its life
            options.add("-agentpath:" + profiler + "=start,event=itimer,interval=5ms,file="
                    + work.toAbsolutePath().resolve("service-cpu-" + (++profiles) + ".html"));
        }
        // up when it lives and its business port serves: readiness also waits for an events backlog left by the
        // previous load to drain (it would keep a load balancer away, rightly), which is not what is measured here
        service = JavaProcess.start("service", options, properties, List.of("-jar", "target/payout-routes.jar"),
                work.resolve("service.log"), "http://127.0.0.1:" + managementPort + "/observe/health/live");
        awaitServing(serviceUrl + "/api/openapi.yaml");
        log("service pid " + service.pid() + " with " + String.join(" ", options));
    }

    /** The business port answers 503 until every route has started. */
    private static void awaitServing(String url) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
                Thread.sleep(200);
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the service did not serve " + url + " within 90 s");
    }

    // ---------------------------------------------------------------- phases

    private void warmUp() {
        log("warming up the JIT of both processes");
        load(serviceUrl, quick ? 5 : 20, 64, 0, create("overpay"));
        load(sandboxUrl, quick ? 3 : 10, 64, 0, direct());
        drainEvents();
    }

    /** (a) the sandbox directly and (b) the full path per family, at the same concurrency. */
    private void limitAndFamilies() {
        int seconds = quick ? 8 : 30;
        for (int connections : new int[] {16, 64}) {
            measure("sandbox overpay directly", connections + " connections", sandboxUrl, seconds, connections, 0,
                    direct());
            for (String provider : new String[] {"overpay", "aopay", "paypro"}) {
                measure("full path, " + provider, connections + " connections", serviceUrl, seconds, connections, 0,
                        create(provider));
            }
        }
    }

    /** Both paths paced at rising rates; the full path's sweep ends once it can no longer keep the pace. */
    private void latencyAgainstLoad() {
        int seconds = quick ? 6 : 20;
        int[] rates = {100, 250, 500, 750, 1000, 1500, 2000, 3000, 4000};
        for (String path : new String[] {"direct", "full"}) {
            for (int rate : rates) {
                int connections = Math.max(32, Math.min(400, rate / 5));
                Wrk.Result result = path.equals("direct")
                        ? load(sandboxUrl, seconds, connections, rate, direct())
                        : measure("full path, overpay", rate + "/s paced", serviceUrl, seconds, connections, rate,
                                create("overpay"));
                if (path.equals("direct") && rate == 500) {
                    report.add(new BenchReport.Row("sandbox overpay directly", "500/s paced", result,
                            new SandboxCounts(0, 0, 0, new long[0]), 0));
                }
                report.add(new BenchReport.Point(path, rate, result));
                if (result.perSecond() < rate * 0.9) {
                    break;
                }
            }
        }
    }

    /** (e) every overpay create answered after 1 s: how many payouts one node carries. */
    private void slowProvider() {
        int connections = 1_200;
        post(sandboxUrl + "/sandbox/_faults", "overpay:create.delay=1000ms");
        try {
            measure("sandbox overpay directly, creates answered after 1 s", connections + " connections", sandboxUrl,
                    quick ? 10 : 30, connections, 0, direct());
            measure("full path, overpay, creates answered after 1 s", connections + " connections", serviceUrl,
                    quick ? 15 : 60, connections, 0, create("overpay"));
        } finally {
            post(sandboxUrl + "/sandbox/_faults", "");
        }
    }

    /** (c) the full path for several minutes, measured minute by minute. */
    private void sustained() {
        log("sustained load, " + sustainMinutes + " minutes");
        for (int minute = 1; minute <= sustainMinutes; minute++) {
            SandboxCounts before = SandboxCounts.read(sandboxUrl);
            Wrk.Result result = load(serviceUrl, 60, 64, 0, create("overpay"));
            SandboxCounts during = SandboxCounts.read(sandboxUrl).since(before);
            report.add(new BenchReport.Minute(minute, result, during, service.rssKb() / 1024));
            log(String.format(Locale.ROOT, "minute %d: %.0f payouts/s p99 %.1f ms, %d events, lag p99 %d ms, RSS %d MB",
                    minute, result.perSecond(), result.p99(), during.eventsVerified(), during.lagMs(0.99),
                    service.rssKb() / 1024));
        }
        drainEvents();
    }

    /** (d) GET of stored payouts, then creates, both paced, at the store's present size. */
    private void storedLatency(String label, String getPrefix, long getCount) {
        if (getPrefix.equals("GET")) {
            makePayouts(getPrefix, (int) getCount);
        }
        int seconds = quick ? 8 : 20;
        measure("GET a payout, " + label, "200/s paced", serviceUrl, seconds, 32, 200,
                Map.of("BENCH_MODE", "get", "BENCH_GET", getPrefix + ":" + getCount));
        measure("create, overpay, " + label, "100/s paced", serviceUrl, seconds, 32, 100, create("overpay"));
    }

    // ---------------------------------------------------------------- the store

    /** Creates payouts {@code <prefix>-1..count} through the API (for GETs), 16 at a time. */
    private void makePayouts(String prefix, int count) {
        log("creating " + count + " payouts to read");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String id = prefix + "-" + i;
                answers.add(pool.submit(() -> HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/payouts/" + id))
                        .header("Authorization", "Bearer sandbox-api-key").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(OVERPAY_PAYOUT)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                if (status != 201 && status != 200) {
                    throw new IllegalStateException("a payout to read was answered " + status);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    private static final String OVERPAY_PAYOUT = "{\"provider\":\"overpay\",\"amount\":{\"value\":\"12.34\",\"currency\":"
            + "\"USD\"},\"method\":\"BANK_TRANSFER\",\"beneficiary\":{\"name\":\"Bench Account\",\"accountNumber\":"
            + "\"11223344\",\"bankCode\":\"BNK_000\",\"country\":\"US\"}}";

    /**
     * With the service stopped: fills the store up to {@code stored} payouts, each settled long ago with its two
     * events delivered (the history a store has after a million payouts), in one SQL statement per 100,000.
     * Returns how many were added (their ids BULK-1..n).
     */
    private long topUpStore() throws Exception {
        try (Connection c = DriverManager.getConnection(storeUrl, "sa", "")) {
            long present;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from payouts")) {
                r.next();
                present = r.getLong(1);
            }
            long missing = Math.max(1_000, stored - present);
            log(String.format(Locale.ROOT, "the store holds %,d payouts; adding %,d settled ones with their events",
                    present, missing));
            long started = System.nanoTime();
            for (long from = 1; from <= missing; from += 100_000) {
                long to = Math.min(missing, from + 99_999);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("insert into payouts (payout_id, fingerprint, provider, status, amount_value, "
                            + "amount_currency, provider_reference, fee_value, fee_currency, callback_url, created_at, "
                            + "updated_at, client_id, next_check_at) select 'BULK-' || \"X\", repeat('0', 64), 'overpay', "
                            + "'SUCCEEDED', 12.34, 'USD', 'ref-' || \"X\", 0.1, 'USD', '" + merchantUrl + "', "
                            + "current_timestamp - interval '1' day, current_timestamp - interval '1' day, 'sandbox', "
                            + "null from system_range(" + from + ", " + to + ")");
                    for (int seq = 1; seq <= 2; seq++) {
                        s.executeUpdate("insert into payout_events (event_id, payout_id, seq, body, callback_url, state, "
                                + "attempts, next_attempt_at, created_at, delivered_at) select random_uuid(), "
                                + "'BULK-' || \"X\", " + seq + ", '{\"type\":\"payout.status_changed\"}', '" + merchantUrl
                                + "', 'DELIVERED', 1, null, "
                                + "current_timestamp - interval '1' day, current_timestamp - interval '1' day "
                                + "from system_range(" + from + ", " + to + ")");
                    }
                }
            }
            log(String.format(Locale.ROOT, "added in %d s", Duration.ofNanos(System.nanoTime() - started).toSeconds()));
            return missing;
        }
    }

    // ---------------------------------------------------------------- one measurement

    private Wrk.Result measure(String name, String load, String url, int seconds, int connections, int rate,
                               Map<String, String> settings) {
        SandboxCounts before = SandboxCounts.read(sandboxUrl);
        service.resetPeak();
        Wrk.Result result = load(url, seconds, connections, rate, settings);
        long peakKb = service.peakRssKb();
        servicePeakKb = Math.max(servicePeakKb, peakKb);
        if (url.equals(serviceUrl)) {
            drainEvents();
        }
        SandboxCounts during = SandboxCounts.read(sandboxUrl).since(before);
        report.add(new BenchReport.Row(name, load, result, during, url.equals(serviceUrl) ? peakKb / 1024 : 0));
        log(String.format(Locale.ROOT, "%s, %s: %.0f/s p50 %.1f p99 %.1f p99.9 %.1f ms, %d errors, %d duplicates, "
                        + "%d events (lag p50 %d p99 %d ms), service RSS peak %d MB, %d threads",
                name, load, result.perSecond(), result.p50(), result.p99(), result.p999(), result.errors(),
                during.duplicates(), during.eventsVerified(), during.lagMs(0.5), during.lagMs(0.99), peakKb / 1024,
                service.threads()));
        return result;
    }

    private Wrk.Result load(String url, int seconds, int connections, int rate, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("BENCH_PREFIX", "R" + (++run) + "-" + Long.toString(System.currentTimeMillis(), 36));
        return wrk.run(url, seconds, connections, rate, all);
    }

    private Map<String, String> create(String provider) {
        return Map.of("BENCH_MODE", "create", "BENCH_PROVIDER", provider, "BENCH_CALLBACK", merchantUrl);
    }

    private static Map<String, String> direct() {
        return Map.of("BENCH_MODE", "direct");
    }

    /**
     * Waits until the merchant has had no new event for 2 s (the outbox has caught up), at most 30 s: the events of
     * one run are counted with it, not with the next.
     */
    private void drainEvents() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos() + Duration.ofMillis(settleMs).toNanos();
        long last = SandboxCounts.read(sandboxUrl).eventsVerified();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            JavaProcess.sleep(500);
            long now = SandboxCounts.read(sandboxUrl).eventsVerified();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofMillis(2_000 + settleMs).toNanos()) {
                return;
            }
        }
        log("events still arriving after 30 s: the outbox is behind");
    }

    // ---------------------------------------------------------------- helpers

    private static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static void post(String url, String body) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException e) {
            // keep unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java "
                + System.getProperty("java.version");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String setting(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int intSetting(String name, int fallback) {
        return Integer.parseInt(setting(name, String.valueOf(fallback)));
    }

    private static void log(String line) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + line);
    }
}
