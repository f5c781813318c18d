package payoutroutes.service.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import payoutroutes.model.PayoutConstants;
import payoutroutes.service.Problem;

class ApiClientsTest {

    private static ApiClients configured(String... keysAndValues) {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.put("payouts.events.signing-secret", "shared-secret");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        context.getPropertiesComponent().setInitialProperties(properties);
        return ApiClients.configured(context.getPropertiesComponent());
    }

    private static Exchange request(String authorization) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        if (authorization != null) {
            exchange.getMessage().setHeader("Authorization", authorization);
        }
        return exchange;
    }

    @Test
    void aKeyIsKnownByItsHashAndItsClientTakesItsOwnSecret() {
        ApiClients clients = configured(
                "payouts.clients.erp.api-key-sha256", ApiClients.sha256Hex("erp-key"),
                "payouts.clients.erp.events-signing-secret", "erp-secret",
                "payouts.clients.shop.api-key-sha256", ApiClients.sha256Hex("shop-key").toUpperCase());

        assertEquals("erp", clients.clientOf("Bearer erp-key").orElseThrow().id());
        assertEquals("shop", clients.clientOf("bearer shop-key").orElseThrow().id());
        assertEquals("erp-secret", clients.eventsSigningSecret("erp"));
        assertEquals("shared-secret", clients.eventsSigningSecret("shop"));
        assertEquals("shared-secret", clients.eventsSigningSecret("default"));
    }

    @Test
    void anythingElseIsRefusedWith401() {
        ApiClients clients = configured("payouts.clients.erp.api-key-sha256", ApiClients.sha256Hex("erp-key"));
        for (String authorization : new String[] {null, "", "Bearer", "Bearer ", "Bearer erp-kez", "Bearer erp-key2",
                "Basic ZXJwOmVycC1rZXk=", "erp-key", "Bearer " + ApiClients.sha256Hex("erp-key")}) {
            Exchange exchange = request(authorization);
            Problem refused = assertThrows(ApiKeyRefused.class, () -> clients.authenticate(exchange), authorization);
            assertEquals(401, refused.status());
            assertEquals(null, exchange.getProperty(PayoutConstants.CLIENT));
        }
    }

    @Test
    void theKeyDoesNotTravelFurtherWithTheExchange() {
        ApiClients clients = configured("payouts.clients.erp.api-key-sha256", ApiClients.sha256Hex("erp-key"));
        Exchange exchange = request("Bearer erp-key");
        clients.authenticate(exchange);
        assertEquals("erp", exchange.getProperty(PayoutConstants.CLIENT));
        assertEquals(null, exchange.getMessage().getHeader("Authorization"));
    }

    @Test
    void anEmptyHashDisablesAClientAndABadOneStopsTheStart() {
        assertEquals(Optional.empty(), configured("payouts.clients.old.api-key-sha256", "").clientOf("Bearer "));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> configured("payouts.clients.erp.api-key-sha256", "erp-key"));
        assertTrue(bad.getMessage().contains("payouts.clients.erp.api-key-sha256"), bad.getMessage());
    }

    @Test
    void withAuthenticationNoneEveryRequestIsTheDefaultClient() {
        ApiClients clients = configured("payouts.api.authentication", "none");
        Exchange exchange = request(null);
        clients.authenticate(exchange);
        assertEquals(ApiClients.DEFAULT, exchange.getProperty(PayoutConstants.CLIENT));
        assertThrows(IllegalArgumentException.class, () -> configured("payouts.api.authentication", "off"));
    }

    /** The hashes are compared with the JDK's constant-time compare, never with equals (which stops at the first difference). */
    @Test
    void hashesAreComparedInConstantTime() throws Exception {
        String source = Files.readString(Path.of("src/main/java/payoutroutes/service/api/ApiClients.java"));
        assertTrue(source.contains("MessageDigest.isEqual(client.keySha256(), presented)"));
        assertTrue(!source.contains("Arrays.equals") && !source.contains(".equals(presented"));
    }
}
