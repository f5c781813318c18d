package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import payoutroutes.RunningService.Answer;

/** Readiness says ready only when this instance serves the API: from the start, not a moment before. */
class ReadinessTest {

    @Test
    void readyOnlyOnceTheBusinessPortServesTheApi() throws Exception {
        int port = RunningService.freePort();
        int management = RunningService.freePort();
        CompletableFuture<RunningService> starting = CompletableFuture.supplyAsync(() -> RunningService.start(Map.of(
                "camel.server.port", String.valueOf(port), "camel.management.port", String.valueOf(management),
                "payouts.public-base-url", "http://localhost:" + port)));
        List<Integer> before = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try {
            while (System.nanoTime() < deadline) {
                int ready = status("http://localhost:" + management + "/observe/health/ready");
                if (ready == 200) {
                    // at once, before anything else can happen: what a load balancer would send now is served
                    Answer unknownPath = RunningService.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/no-such-path")).GET().build());
                    assertEquals(404, unknownPath.status());
                    assertEquals("application/problem+json", unknownPath.headers().firstValue("Content-Type").orElse(""),
                            "the server's own answers are in place");
                    assertEquals(200, status("http://localhost:" + port + "/api/openapi.yaml"));
                    break;
                }
                before.add(ready);
            }
        } finally {
            starting.get().close();
        }
        assertTrue(!before.isEmpty() && before.stream().noneMatch(s -> s == 200),
                "readiness was asked during the start, and said not ready: " + before.stream().distinct().toList());
    }

    /** The status of a GET, 0 when nothing listens yet. */
    private static int status(String url) {
        try {
            return RunningService.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET()
                    .build()).status();
        } catch (IllegalStateException notListening) {
            return 0;
        }
    }
}
