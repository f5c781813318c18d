package payoutroutes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import payoutroutes.app.PayoutRoutesApp;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import payoutroutes.model.Json;
import payoutroutes.sandbox.ProviderSandbox;
import payoutroutes.sandbox.SandboxProviders;
import payoutroutes.sandbox.merchant.MerchantSandbox;
import payoutroutes.sandbox.aopay.AopaySandbox;
import payoutroutes.service.store.EventOutbox;

/**
 * The service as the README runs it (same main, same application.properties, same routes), on free
 * ports and a fresh in-memory database, with the sandbox providers settling quickly. Tests talk to it
 * over HTTP only, as a merchant would, and look at the sandbox to count what reached the providers.
 */
public final class RunningService implements AutoCloseable {

    public record Answer(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {
        public String text(String field) {
            return json.path(field).asText(null);
        }
    }

    /** The key of the shipped sandbox client (application.properties keeps only its SHA-256). */
    public static final String SANDBOX_KEY = "sandbox-api-key";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final String baseUrl;
    private final String managementUrl;
    private final String apiKey;

    private RunningService(Main main, String baseUrl, String managementUrl, String apiKey) {
        this.main = main;
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
        this.apiKey = apiKey;
    }

    /**
     * The same service, as a client with another API key ({@code null}: none at all). Its post, get and refresh
     * send that key; close the original, not this view.
     */
    public RunningService withApiKey(String key) {
        return new RunningService(main, baseUrl, managementUrl, key);
    }

    /** A request to the API with this view's key, if it has one. */
    public HttpRequest.Builder api(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        return apiKey == null ? request : request.header("Authorization", "Bearer " + apiKey);
    }

    public String managementUrl() {
        return managementUrl;
    }

    /** A page of the management port (/observe/health, /observe/metrics). */
    public Answer management(String path) {
        return send(HttpRequest.newBuilder(URI.create(managementUrl + path)).GET().build());
    }

    public static RunningService start(Map<String, String> overrides) {
        int port = freePort();
        Properties properties = new Properties();
        properties.put("camel.server.port", String.valueOf(port));
        int managementPort = freePort();
        properties.put("camel.management.port", String.valueOf(managementPort));
        properties.put("payouts.sandbox.port", String.valueOf(freePort()));
        properties.put("payouts.sandbox.host", "127.0.0.1");
        properties.put("payouts.public-base-url", "http://localhost:" + port);
        properties.putAll(freshStore());
        properties.put("camel.main.routes-reload-enabled", "false");
        properties.put("payouts.sandbox.settle-after-ms", "300");
        // the console costs a second and a port at each start: only the tests about it turn it on
        properties.put("payouts.hawtio.enabled", "false");
        properties.putAll(overrides);
        Main main = PayoutRoutesApp.main();
        main.setOverrideProperties(properties);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("service did not start", e);
        }
        return new RunningService(main, "http://localhost:" + port, "http://localhost:" + managementPort, SANDBOX_KEY);
    }

    /**
     * A database of its own for each service: in-memory H2 by default; a new PostgreSQL database when
     * PAYOUTS_TEST_POSTGRES names a server (jdbc:postgresql://localhost:5432/, user and password in
     * PAYOUTS_TEST_POSTGRES_USER and _PASSWORD) or is {@code embedded} ({@link TestPostgres}), to run the same
     * suite against PostgreSQL.
     */
    public static Map<String, String> freshStore() {
        String postgres = System.getenv("PAYOUTS_TEST_POSTGRES");
        if (postgres == null || postgres.isBlank()) {
            return Map.of("payouts.store.url", "jdbc:h2:mem:" + UUID.randomUUID()
                    + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        }
        return TestPostgres.freshDatabase();
    }

    public static RunningService start() {
        return start(Map.of());
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public AopaySandbox aopaySandbox() {
        return sandbox(AopaySandbox.class);
    }

    /** The sandbox providers the service started (bound as sandboxProviders). */
    public SandboxProviders sandboxProviders() {
        return context().getRegistry().lookupByNameAndType("sandboxProviders", SandboxProviders.class);
    }

    /** A provider family's sandbox, to count what reached it or to steer it. */
    public <T extends ProviderSandbox> T sandbox(Class<T> type) {
        return sandboxProviders().sandbox(type);
    }

    /** The sandbox merchant's event endpoint, to give a payout as its callbackUrl ({@code ?fail=N} optional). */
    public String merchantUrl(String query) {
        return "http://127.0.0.1:" + sandboxPort() + "/sandbox/merchant/events" + query;
    }

    /** The verified events the sandbox merchant got for a payout, every attempt, in order. */
    public java.util.List<MerchantSandbox.Received> merchantEvents(String payoutId) {
        return sandbox(MerchantSandbox.class).received().stream()
                .filter(r -> r.verified() && payoutId.equals(r.json().at("/payout/payoutId").asText())).toList();
    }

    /** The payout statuses of those events. */
    public java.util.List<String> merchantEventStatuses(String payoutId) {
        return merchantEvents(payoutId).stream().map(r -> r.json().at("/payout/status").asText()).toList();
    }

    /** How many creates for this payout reached its provider's sandbox (refused ones too). */
    public int createCalls(String provider, String payoutId) {
        return sandboxProviders().stats(provider).creates(payoutId);
    }

    /** How many status queries about this payout reached its provider's sandbox. */
    public int statusQueries(String provider, String payoutId) {
        return sandboxProviders().stats(provider).statusQueries(payoutId);
    }

    /** The events the status changes of this payout wrote to the outbox, in order: one per change. */
    public java.util.List<EventOutbox.Stored> storedEvents(String payoutId) {
        return new EventOutbox(context().getRegistry().lookupByNameAndType("dataSource", javax.sql.DataSource.class))
                .ofPayout(payoutId);
    }

    /** A bean of the service, to hold its writers in a race test. */
    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    public int sandboxPort() {
        return sandboxProviders().port();
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public Answer post(String payoutId, String json) {
        return send(api("/payouts/" + payoutId).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Answer get(String payoutId) {
        return send(api("/payouts/" + payoutId).GET().build());
    }

    public Answer refresh(String payoutId) {
        return send(api("/payouts/" + payoutId + "?refresh=true").GET().build());
    }

    public static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = response.body().isEmpty() ? null : Json.MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                // some answers are not JSON
            }
            return new Answer(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Polls until the condition holds and returns the value that made it hold; when the time is up first, fails
     * with the last value seen (a test that waits for something that never comes must not go on as if it had).
     */
    public static <T> T eventually(java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done,
                                   Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("not within " + within + "; last seen: " + describe(value));
            }
            Thread.sleep(100);
            value = probe.get();
        }
        return value;
    }

    private static String describe(Object value) {
        return value instanceof Answer answer ? answer.status() + " " + answer.body() : String.valueOf(value);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        main.stop();
    }
}
