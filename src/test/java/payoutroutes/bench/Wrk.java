package payoutroutes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import payoutroutes.model.Json;

/** The load: Debian's wrk with bench/payouts.lua, one run, read back from the line the script prints. */
final class Wrk {

    private static final Path SCRIPT = Path.of("bench", "payouts.lua");

    /** What one run measured; latencies in ms. */
    record Result(long requests, double seconds, long errors, double p50, double p90, double p99, double p999,
                  double max) {
        double perSecond() {
            return seconds == 0 ? 0 : requests / seconds;
        }
    }

    private final Path log;

    Wrk(Path log) {
        this.log = log;
    }

    /**
     * Runs wrk against {@code url} for {@code seconds} with {@code connections}, the script's settings in
     * {@code settings} (BENCH_*). Errors are socket errors, timeouts and answers that are not 2xx.
     */
    Result run(String url, int seconds, int connections, int rate, Map<String, String> settings) {
        int threads = 2;
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + Math.max(connections, threads),
                "-d" + seconds + "s", "--timeout", "30s", "-s", SCRIPT.toString(), url));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(settings);
        builder.environment().put("BENCH_THREADS", String.valueOf(threads));
        builder.environment().put("BENCH_RATE", String.valueOf(rate));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Files.writeString(log, "$ " + settings + " " + String.join(" ", command) + "\n" + output + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            String line = output.lines().filter(l -> l.startsWith("BENCH-RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk said no result:\n" + output));
            JsonNode r = Json.MAPPER.readTree(line.substring("BENCH-RESULT ".length()));
            long errors = r.path("connect").asLong() + r.path("read").asLong() + r.path("write").asLong()
                    + r.path("status").asLong() + r.path("timeout").asLong();
            return new Result(r.path("requests").asLong(), r.path("duration_us").asLong() / 1e6, errors,
                    ms(r, "p50"), ms(r, "p90"), ms(r, "p99"), ms(r, "p999"), ms(r, "max"));
        } catch (IOException e) {
            throw new IllegalStateException("could not run wrk (bench/run.sh installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double ms(JsonNode result, String field) {
        return result.path(field).asLong() / 1000.0;
    }
}
