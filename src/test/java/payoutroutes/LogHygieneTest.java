package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import payoutroutes.model.Json;
import payoutroutes.RunningService.Answer;

/**
 * Secrets and personal data stay out of the logs: payouts through every provider, the unhappy paths
 * (a timeout, a refusal, a forged notification), and not one log line carries an account number,
 * email, phone, credential, token or signature, in either log format: the readable lines and the JSON
 * ({@code payouts.log.format=json}), each checked as the console writes it.
 */
class LogHygieneTest {

    private static final String ACCOUNT = "5550001234987";
    private static final String EMAIL = "pii.marker@example.org";
    private static final String PHONE = "6289990001112";
    private static final List<String> SECRETS = List.of("aopay-secret-marker", "overpay-secret-marker",
            "paypro-secret-marker", "events-secret-marker");

    private static final String SHOP_BASIC = java.util.Base64.getEncoder().encodeToString(
            ("1001:" + SECRETS.get(1)).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static String payout(String provider, String account) {
        return Payouts.seed(provider, "100000", "IDR", account)
                .replace("customer@test.com", EMAIL).replace("6281245907765", PHONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json"})
    void noLogLineCarriesPersonalDataOrSecrets(String format) throws Exception {
        List<String> lines;
        List<String> written;
        logFormat(format);
        try (CapturedLogs logs = CapturedLogs.install();
             RunningService service = RunningService.start(Map.ofEntries(
                     Map.entry("payouts.providers.aopay.secret", SECRETS.get(0)),
                     Map.entry("payouts.sandbox.aopay.secret", SECRETS.get(0)),
                     Map.entry("payouts.providers.overpay.secret-key", SECRETS.get(1)),
                     Map.entry("payouts.sandbox.overpay.secret-key", SECRETS.get(1)),
                     Map.entry("payouts.providers.paypro.app-secret", SECRETS.get(2)),
                     Map.entry("payouts.sandbox.paypro.app-secret", SECRETS.get(2)),
                     Map.entry("payouts.events.signing-secret", SECRETS.get(3)),
                     Map.entry("payouts.providers.aopay.timeout-ms", "500"),
                     Map.entry("payouts.sandbox.slow-reply-ms", "1000"),
                     Map.entry("payouts.sandbox.settle-after-ms", "800"),
                     Map.entry("payouts.events.poll-ms", "100")))) {
            String merchant = service.merchantUrl("?fail=1");
            for (String provider : List.of("aopay", "overpay", "paypro")) {
                Answer created = service.post("LOG-" + provider, payout(provider, ACCOUNT).replace(
                        "https://merchant.example.com/payout-events", merchant));
                assertEquals(201, created.status(), created.body());
            }
            assertEquals("UNKNOWN", service.post("LOG-SLOW", payout("aopay", "9001" + ACCOUNT)).text("status"));
            assertEquals(400, service.post("LOG-BAD", payout("aopay", ACCOUNT).replace(EMAIL, "not-an-email-" + PHONE))
                    .status());
            assertEquals(422, service.post("LOG-422", payout("paypro", ACCOUNT).replace(PHONE, "12" + PHONE)).status());
            RunningService.send(HttpRequest.newBuilder(URI.create(service.url("/callbacks/overpay")))
                    .header("Authorization", "Basic bm90OnRoZS1zZWNyZXQ=").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"transaction\":{}}")).build());
            for (String provider : List.of("aopay", "overpay", "paypro")) {
                eventually(() -> service.refresh("LOG-" + provider), a -> "SUCCEEDED".equals(a.text("status")),
                        Duration.ofSeconds(10));
            }
            eventually(() -> service.merchantEvents("LOG-paypro"), e -> e.size() >= 3, Duration.ofSeconds(10));
            service.close();
            lines = logs.lines();
            written = logs.written();
        } finally {
            logFormat("text");
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("payout=LOG-aopay")), "the payout steps are logged");
        if (format.equals("json")) {
            assertJsonWithFields(written);
        } else {
            assertTrue(written.stream().allMatch(l -> !l.startsWith("{")), "readable lines unless asked for JSON");
        }
        for (String line : java.util.stream.Stream.concat(lines.stream(), written.stream()).toList()) {
            for (String secret : SECRETS) {
                assertTrue(!line.contains(secret), "a secret in: " + line);
            }
            assertTrue(!line.contains(ACCOUNT), "an account number in: " + line);
            assertTrue(!line.contains(EMAIL), "an email in: " + line);
            assertTrue(!line.contains(PHONE), "a phone in: " + line);
            assertTrue(!line.contains("Bearer ey") && !line.matches(".*eyJ[A-Za-z0-9_-]{10,}.*"), "a token in: " + line);
            assertTrue(!line.contains(RunningService.SANDBOX_KEY), "an API key in: " + line);
            assertTrue(!line.contains(SHOP_BASIC) && !line.contains("bm90OnRoZS1zZWNyZXQ="), "Basic credentials in: " + line);
        }
    }

    /**
     * One JSON object per event, with the fixed fields only (nothing else of the log context or the exchange),
     * and the payout's steps carrying its payoutId, provider, client and route as fields.
     */
    private static void assertJsonWithFields(List<String> written) throws Exception {
        java.util.Set<String> allowed = java.util.Set.of("@timestamp", "level", "logger", "thread", "message", "payoutId",
                "provider", "client", "routeId", "exchangeId", "error.type", "error.message", "error.stack_trace");
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : written) {
            JsonNode json = Json.MAPPER.readTree(line);
            assertTrue(json.isObject() && line.endsWith("\n") && line.indexOf('\n') == line.length() - 1,
                    "one object per line: " + line);
            json.fieldNames().forEachRemaining(field -> assertTrue(allowed.contains(field), field + " in " + line));
            assertTrue(json.path("message").isTextual(), "the message is one string: " + line);
            events.add(json);
        }
        JsonNode recorded = events.stream().filter(e -> e.path("message").asText().startsWith("payout=LOG-aopay ")
                && e.path("message").asText().contains("step=recorded")).findFirst().orElseThrow();
        assertEquals("LOG-aopay", recorded.path("payoutId").asText());
        assertEquals("aopay", recorded.path("provider").asText());
        assertEquals("sandbox", recorded.path("client").asText());
        assertEquals("create-payout", recorded.path("routeId").asText());
        JsonNode delivered = events.stream().filter(e -> e.path("message").asText().contains("step=event-delivered"))
                .findFirst().orElseThrow();
        assertTrue(delivered.path("payoutId").asText().startsWith("LOG-"), delivered.toString());
        // pushed the moment its change committed: the queue's route, not the table's safety net
        assertEquals("deliver-queued-events", delivered.path("routeId").asText());
    }

    /** Switches the console's layout as a start with -Dpayouts.log.format would. */
    private static void logFormat(String format) {
        System.setProperty("payouts.log.format", format);
        ((LoggerContext) LogManager.getContext(false)).reconfigure();
    }

}
