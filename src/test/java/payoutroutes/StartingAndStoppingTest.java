package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * While the service starts, and while it stops, its business port never says that a payout which exists does not:
 * a client reading it right then gets the payout, a 503 problem with Retry-After, or no connection at all; never a
 * 404, never an HTML page. The service is a real process, read in a tight loop from before its port opens.
 */
class StartingAndStoppingTest {

    /** What one read of the payout got: its HTTP status and Content-Type, or "no connection". */
    record Seen(int status, String contentType, boolean retryAfter) {
        static final Seen NO_CONNECTION = new Seen(0, "", false);

        boolean acceptable() {
            return this.equals(NO_CONNECTION) || status == 200 && contentType.equals("application/json")
                    || status == 503 && contentType.equals("application/problem+json") && retryAfter;
        }

        @Override
        public String toString() {
            return status == 0 ? "no connection" : status + " " + contentType;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    @Test
    void anExistingPayoutIsNeverAnsweredAsUnknownWhileTheServiceStartsOrStops() throws Exception {
        Path dir = Files.createTempDirectory("starting-store");
        Map<String, String> properties = new HashMap<>();
        try (SandboxProcess sandbox = SandboxProcess.start(Map.of())) {
            properties.putAll(sandbox.providerBaseUrls());
            properties.put("payouts.sandbox.enabled", "false");
            properties.put("payouts.store.url", "jdbc:h2:file:" + dir.resolve("payouts").toAbsolutePath()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
            if (System.getenv("PAYOUTS_TEST_POSTGRES") != null) {
                properties.putAll(RunningService.freshStore());
            }
            ServiceProcess service = ServiceProcess.start(properties, Files.createDirectories(Path.of("target",
                    "crash-tests")).resolve("starting-" + System.currentTimeMillis() + ".log"));
            try {
                assertEquals(201, service.post("STARTING-1", Payouts.seed("aopay")).status());

                List<Seen> stopping = whileReading(service, service::close);
                List<Seen> starting = whileReading(service, service::restart);
                List<Seen> stoppingAgain = whileReading(service, service::close);

                Map<String, Integer> counts = new TreeMap<>();
                for (List<Seen> seen : List.of(stopping, starting, stoppingAgain)) {
                    seen.forEach(s -> counts.merge(s.toString(), 1, Integer::sum));
                    assertEquals(List.of(), seen.stream().filter(s -> !s.acceptable()).distinct().toList(),
                            "answers that would tell a client the payout does not exist");
                }
                System.out.printf("starting and stopping: %s%n", counts);
                assertTrue(starting.contains(new Seen(503, "application/problem+json", true)),
                        "the port answered while the routes were still starting: " + counts);
                assertTrue(starting.stream().anyMatch(s -> s.status() == 200), "and served the payout once up");
            } finally {
                service.close();
            }
        }
    }

    /** Reads the payout over and over while {@code action} runs, and a little after (until 20 reads are answered). */
    private static List<Seen> whileReading(ServiceProcess service, Runnable action) throws Exception {
        List<Seen> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        HttpRequest read = HttpRequest.newBuilder(URI.create(service.url("/payouts/STARTING-1")))
                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + RunningService.SANDBOX_KEY).build();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            int answeredAfter = 0;
            while (!done.get() || answeredAfter < 20) {
                Seen one = read(read);
                seen.add(one);
                if (done.get()) {
                    answeredAfter++;
                }
                if (one.equals(Seen.NO_CONNECTION) && done.get()) {
                    return;
                }
            }
        });
        try {
            action.run();
        } finally {
            done.set(true);
        }
        reader.get();
        return List.copyOf(seen);
    }

    private static Seen read(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Seen(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").isPresent());
        } catch (IOException e) {
            return Seen.NO_CONNECTION;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Seen.NO_CONNECTION;
        }
    }
}
