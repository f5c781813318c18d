package embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.Payouts;
import payoutroutes.connector.NotificationRefused;
import payoutroutes.connector.StubProvider;
import payoutroutes.model.Json;
import payoutroutes.sandbox.SandboxUnderTest;
import payoutroutes.sandbox.aopay.AopaySandbox;
import payoutroutes.sandbox.overpay.OverpaySandbox;
import payoutroutes.sandbox.paypro.PayproSandbox;

/**
 * The connectors as another Camel application uses them (contract section 13): a bare DefaultCamelContext,
 * none of this service's configuration, no camel-main, no database; one YAML file of routes (as an embedder
 * would write it) loaded with Camel's routes loader, each route sending to a Kamelet from the classpath. The
 * providers are the sandbox, in process; their notifications reach a small receiver, and what it got, raw
 * bytes and headers, goes through the notification Kamelets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedConnectorsTest {

    private final SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of());
    private final StubProvider receiver = StubProvider.start();
    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate template;

    EmbeddedConnectorsTest() throws Exception {
        receiver.answer("POST /notify/aopay", 200, "");
        receiver.answer("POST /notify/overpay", 200, "");
        receiver.answer("POST /notify/paypro", 200, "OK");
        Properties properties = new Properties();
        properties.put("notify.url", receiver.url() + "/notify");
        properties.put("aopay.base-url", sandbox.url("/sandbox/aopay"));
        properties.put("aopay.merchant-code", SandboxUnderTest.AOPAY_MERCHANT);
        properties.put("aopay.secret", SandboxUnderTest.AOPAY_SECRET);
        properties.put("overpay.base-url", sandbox.url(OverpaySandbox.ROOT));
        properties.put("overpay.shop-id", SandboxUnderTest.OVERPAY_SHOP);
        properties.put("overpay.secret-key", SandboxUnderTest.OVERPAY_SECRET);
        properties.put("overpay.public-key", sandbox.providers().sandbox(OverpaySandbox.class).publicKey());
        properties.put("paypro.base-url", sandbox.url(PayproSandbox.ROOT));
        properties.put("paypro.merchant-no", SandboxUnderTest.PAYPRO_MERCHANT);
        properties.put("paypro.app-secret", SandboxUnderTest.PAYPRO_SECRET);
        camel.getPropertiesComponent().setInitialProperties(properties);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveMandatoryResource(camel,
                "classpath:embedding/payouts.yaml"));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    void stop() {
        camel.stop();
        receiver.close();
        sandbox.close();
    }

    private Exchange send(String endpoint, Map<String, Object> headers, Object body) {
        return template.send(endpoint, exchange -> {
            exchange.getMessage().setHeaders(new HashMap<>(headers));
            exchange.getMessage().setBody(body);
        });
    }

    private JsonNode pay(String endpoint, String operation, String payoutId, String canonical) {
        Exchange exchange = send(endpoint, Map.of("PayoutOperation", operation), withId(payoutId, canonical));
        assertEquals(null, exchange.getException());
        assertEquals(List.of("Content-Type"), List.copyOf(exchange.getMessage().getHeaders().keySet()),
                "nothing but the outcome leaves the Kamelet");
        return json(exchange.getMessage().getBody(String.class));
    }

    @Test
    void aPayoutGoesThroughTheBegatewayKameletAndSettles() throws Exception {
        JsonNode created = pay("direct:overpay", "create", "EMB-OVERPAY-1", Payouts.seed("overpay", "32.45", "USD", "11223344"));

        OverpaySandbox overpay = sandbox.providers().sandbox(OverpaySandbox.class);
        assertEquals("ANSWERED", created.path("outcome").asText(), created.toString());
        assertEquals("PROCESSING", created.path("status").asText());
        assertEquals(overpay.transaction("EMB-OVERPAY-1").orElseThrow().path("uid").asText(),
                created.path("providerReference").asText());
        assertEquals(3245, overpay.transaction("EMB-OVERPAY-1").orElseThrow().path("amount").asLong());
        assertEquals(1, overpay.createCalls("EMB-OVERPAY-1"));

        JsonNode settled = eventually(() -> pay("direct:overpay", "status", "EMB-OVERPAY-1", Payouts.seed("overpay")),
                s -> "SUCCEEDED".equals(s.path("status").asText()), Duration.ofSeconds(5));
        assertEquals("SUCCEEDED", settled.path("status").asText(), settled.toString());
        assertEquals(created.path("providerReference"), settled.path("providerReference"));
        assertEquals(1, overpay.createCalls("EMB-OVERPAY-1"), "asked about, never sent again");
    }

    @Test
    void nothingOfTheServiceIsBoundInTheHostsContext() {
        assertTrue(camel.getRegistry().findByType(io.vertx.core.VertxOptions.class).isEmpty());
        assertTrue(camel.getRegistry().findByType(javax.sql.DataSource.class).isEmpty());
        assertTrue(camel.getRegistry().findByType(payoutroutes.connector.PayoutAction.class).isEmpty(),
                "each Kamelet's bean is its own, created from its parameters");
    }

    @Test
    void aBegatewayNotificationIsVerifiedAndATamperedOneRefused() throws Exception {
        pay("direct:overpay", "create", "EMB-OVERPAY-2", Payouts.seed("overpay"));
        StubProvider.Request posted = notification("/notify/overpay", "EMB-OVERPAY-2");

        JsonNode proven = verified("direct:overpay-notification", posted);
        assertEquals("EMB-OVERPAY-2", proven.path("payoutId").asText());
        assertFalse(proven.path("wakeUp").asBoolean());
        assertEquals("SUCCEEDED", proven.path("status").asText());

        StubProvider.Request tampered = new StubProvider.Request(posted.method(), posted.path(), posted.query(),
                posted.headers(), posted.body().replace("successful", "failed"));
        assertRefused("direct:overpay-notification", tampered);
        Map<String, String> otherShop = new HashMap<>(posted.headers());
        otherShop.put("authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("2002:guess".getBytes()));
        assertRefused("direct:overpay-notification", new StubProvider.Request(posted.method(), posted.path(),
                posted.query(), otherShop, posted.body()));
    }

    @Test
    void anAopayNotificationWakesUpAndOnlyTheStatusQueryIsBelieved() throws Exception {
        pay("direct:aopay", "create", "EMB-AOPAY-1", Payouts.seed("aopay"));
        assertEquals(1, sandbox.providers().sandbox(AopaySandbox.class).createCalls("aopay", "EMB-AOPAY-1"));
        StubProvider.Request posted = notification("/notify/aopay", "EMB-AOPAY-1");

        JsonNode proven = verified("direct:aopay-notification", posted);
        assertEquals("EMB-AOPAY-1", proven.path("payoutId").asText());
        assertTrue(proven.path("wakeUp").asBoolean(), "the platform signs nothing: a wake-up, not proof");
        assertTrue(proven.path("status").isMissingNode());

        JsonNode asked = pay("direct:aopay", "status", proven.path("payoutId").asText(), Payouts.seed("aopay"));
        assertEquals("SUCCEEDED", asked.path("status").asText(), asked.toString());
        assertRefused("direct:aopay-notification", new StubProvider.Request("POST", "/notify/aopay", null, Map.of(),
                "{\"paymentMethodResponse\":{}}"));
    }

    @Test
    void aPayproNotificationIsVerifiedOnItsSignAndATamperedOneRefused() throws Exception {
        JsonNode created = pay("direct:paypro", "create", "EMB-PAYPRO-1", Payouts.seed("paypro", "100000", "IDR", "11223344"));
        assertEquals("PROCESSING", created.path("status").asText(), created.toString());
        assertEquals(1, sandbox.providers().sandbox(PayproSandbox.class).payOutCalls("EMB-PAYPRO-1"));
        StubProvider.Request posted = notification("/notify/paypro", "EMB-PAYPRO-1");

        JsonNode proven = verified("direct:paypro-notification", posted);
        assertEquals("EMB-PAYPRO-1", proven.path("payoutId").asText());
        assertEquals("SUCCEEDED", proven.path("status").asText());
        assertEquals(created.path("providerReference"), proven.path("providerReference"));

        assertRefused("direct:paypro-notification", new StubProvider.Request(posted.method(), posted.path(),
                posted.query(), posted.headers(), posted.body().replace("EMB-PAYPRO-1", "EMB-PAYPRO-2")));
    }

    /** The first notification the receiver got about this payout, waiting for the sandbox to settle it. */
    private StubProvider.Request notification(String path, String payoutId) throws InterruptedException {
        List<StubProvider.Request> about = eventually(() -> receiver.requests("POST " + path).stream()
                .filter(r -> r.body().contains(payoutId)).toList(), r -> !r.isEmpty(), Duration.ofSeconds(5));
        assertFalse(about.isEmpty(), "the sandbox notified about " + payoutId);
        return about.get(0);
    }

    /** What the notification Kamelet answers to exactly what was posted: raw bytes, headers and query parameters. */
    private JsonNode verified(String endpoint, StubProvider.Request posted) {
        Exchange exchange = send(endpoint, headers(posted), posted.body().getBytes(StandardCharsets.UTF_8));
        assertEquals(null, exchange.getException());
        return json(exchange.getMessage().getBody(String.class));
    }

    private void assertRefused(String endpoint, StubProvider.Request posted) {
        Exchange exchange = send(endpoint, headers(posted), posted.body().getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(NotificationRefused.class, exchange.getException());
    }

    /** The request's headers and its query parameters, as an HTTP consumer (platform-http, servlet) hands them on. */
    private static Map<String, Object> headers(StubProvider.Request posted) {
        Map<String, Object> headers = new HashMap<>(posted.headers());
        if (posted.query() != null) {
            for (String pair : posted.query().split("&")) {
                String[] kv = pair.split("=", 2);
                headers.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return headers;
    }

    private static String withId(String payoutId, String canonical) {
        ObjectNode json = (ObjectNode) json(canonical);
        json.put("payoutId", payoutId);
        return json.toString();
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
