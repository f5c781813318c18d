package payoutroutes.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox alone, no Camel and no service, on a free loopback port, with quick settling and credentials of
 * its own; tests speak to it over HTTP as a connector (or a test in another process) would.
 */
public final class SandboxUnderTest implements AutoCloseable {

    public static final String AOPAY_MERCHANT = "TEST-AOPAY";
    public static final String AOPAY_SECRET = "test-aopay-secret";
    public static final String OVERPAY_SHOP = "2002";
    public static final String OVERPAY_SECRET = "test-overpay-secret";
    public static final String PAYPRO_MERCHANT = "1234567890";
    public static final String PAYPRO_SECRET = "test-paypro-secret";
    public static final String EVENTS_SECRET = "test-events-secret";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final SandboxProviders providers;

    private SandboxUnderTest(SandboxProviders providers) {
        this.providers = providers;
    }

    public static SandboxUnderTest start(Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>();
        properties.put("payouts.sandbox.port", "0");
        properties.put("payouts.sandbox.settle-after-ms", "50");
        properties.put("payouts.sandbox.slow-reply-ms", "1000");
        properties.put("payouts.sandbox.aopay-family.brands", "aopay");
        properties.put("payouts.sandbox.aopay.merchant-code", AOPAY_MERCHANT);
        properties.put("payouts.sandbox.aopay.secret", AOPAY_SECRET);
        properties.put("payouts.sandbox.overpay.shop-id", OVERPAY_SHOP);
        properties.put("payouts.sandbox.overpay.secret-key", OVERPAY_SECRET);
        properties.put("payouts.sandbox.paypro.merchant-no", PAYPRO_MERCHANT);
        properties.put("payouts.sandbox.paypro.app-secret", PAYPRO_SECRET);
        properties.put("payouts.sandbox.paypro.notify-retry-ms", "100,100");
        properties.put("payouts.sandbox.merchant.signing-secret", EVENTS_SECRET);
        properties.putAll(overrides);
        SandboxSettings settings = new SandboxSettings(key -> Optional.ofNullable(properties.get(key)));
        return new SandboxUnderTest(SandboxProviders.withEveryFamily(settings).start());
    }

    public SandboxProviders providers() {
        return providers;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + providers.port() + path;
    }

    /** {@code GET /sandbox/_stats}, over HTTP. */
    public JsonNode stats() {
        return json(send(HttpRequest.newBuilder(URI.create(url("/sandbox/_stats"))).GET().build()));
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return sendOrThrow(request);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends it; an answer that never came (a reset, a timeout) is the IOException. */
    public static HttpResponse<String> sendOrThrow(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The answer's body as JSON; null when it is not JSON. */
    public static JsonNode json(HttpResponse<String> response) {
        return SandboxJson.readOrNull(response.body());
    }

    /** The providers a {@code _stats} body lists, in its order. */
    public static List<String> providerIds(JsonNode stats) {
        List<String> ids = new ArrayList<>();
        stats.path("providers").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    @Override
    public void close() {
        providers.close();
    }
}
