package payoutroutes.sandbox;

import payoutroutes.RunningService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox in a process of its own, as benchmarks and crash tests run it: started from the project root on
 * the shared application.properties, overridden by -D and the environment, stopped by SIGTERM.
 */
class SandboxAppTest {

    @Test
    void runsAloneAndStopsCleanlyOnSigterm(@TempDir Path logs) throws Exception {
        int port = RunningService.freePort();
        Path log = logs.resolve("sandbox.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dpayouts.sandbox.faults=create.500@1%", "-cp", System.getProperty("java.class.path"),
                SandboxApp.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PAYOUTS_SANDBOX_PORT", String.valueOf(port));
        builder.environment().put("PAYOUTS_SANDBOX_MAX_PAYOUTS", "1234");
        builder.environment().put("PAYOUTS_SANDBOX_FAULTS", "status.500@1%"); // the system property wins
        Process process = builder.start();
        try {
            JsonNode stats = statsOnceUp(port, process);
            assertEquals(1234, stats.path("maxPayouts").asInt(), "the environment overrides the file");
            assertEquals("create.500@1%", stats.path("faults").asText(), "a system property overrides the environment");
            assertEquals(List.of("aopay", "echelonpay", "komopay", "overpay", "paypro"),
                    SandboxUnderTest.providerIds(stats), "from application.properties");
        } finally {
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped on SIGTERM");
        }
        List<String> output = Files.readAllLines(log);
        assertTrue(output.stream().anyMatch(l -> l.contains("listening on http://127.0.0.1:" + port)), output.toString());
        assertTrue(output.stream().anyMatch(l -> l.contains("Sandbox stopped")), output.toString());
    }

    private static JsonNode statsOnceUp(int port, Process process) throws InterruptedException {
        HttpRequest stats = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/_stats")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                return SandboxUnderTest.json(SandboxUnderTest.sendOrThrow(stats));
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the sandbox did not answer on port " + port);
    }
}
