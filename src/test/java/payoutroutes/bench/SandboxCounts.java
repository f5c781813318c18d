package payoutroutes.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import payoutroutes.model.Json;
import payoutroutes.sandbox.merchant.EventLag;

/**
 * What the sandbox in its own process counted ({@code GET /sandbox/_stats}) at one moment: creates and duplicate
 * creates over every provider, events the merchant verified, and the event lag buckets. Two of them make the
 * figures of the run between them.
 */
record SandboxCounts(long creates, long duplicates, long eventsVerified, long[] lagCounts) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static SandboxCounts read(String sandboxUrl) {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/sandbox/_stats"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode stats = Json.MAPPER.readTree(body);
            long creates = 0;
            long duplicates = 0;
            for (JsonNode provider : stats.path("providers")) {
                creates += provider.path("creates").asLong();
                duplicates += provider.path("duplicateCreates").asLong();
            }
            JsonNode merchant = stats.path("merchant");
            JsonNode counts = merchant.path("eventLag").path("counts");
            long[] lag = new long[counts.size()];
            for (int i = 0; i < lag.length; i++) {
                lag[i] = counts.get(i).asLong();
            }
            return new SandboxCounts(creates, duplicates, merchant.path("verified").asLong(), lag);
        } catch (IOException e) {
            throw new IllegalStateException("could not read the sandbox's stats", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What happened between {@code earlier} and this. */
    SandboxCounts since(SandboxCounts earlier) {
        long[] lag = new long[lagCounts.length];
        for (int i = 0; i < lag.length; i++) {
            lag[i] = lagCounts[i] - (i < earlier.lagCounts.length ? earlier.lagCounts[i] : 0);
        }
        return new SandboxCounts(creates - earlier.creates, duplicates - earlier.duplicates,
                eventsVerified - earlier.eventsVerified, lag);
    }

    /** The event lag at this fraction of the events first delivered in the run, in ms (a bucket's upper bound). */
    long lagMs(double fraction) {
        long total = 0;
        for (long count : lagCounts) {
            total += count;
        }
        return EventLag.percentile(lagCounts, total, fraction);
    }
}
