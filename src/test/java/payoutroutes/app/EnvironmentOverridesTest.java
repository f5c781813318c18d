package payoutroutes.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An environment variable in upper snake case overrides the key of application.properties it names. */
class EnvironmentOverridesTest {

    @Test
    void everyKeyOfTheFileCanBeOverriddenByItsVariable(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("application.properties"), """
                camel.server.port = 8080
                payouts.providers.aopay.base-url = http://localhost:8090/sandbox/aopay
                payouts.events.uri =
                """);
        Properties overrides = EnvironmentOverrides.of(file, Map.of(
                "CAMEL_SERVER_PORT", "18080",
                "PAYOUTS_PROVIDERS_AOPAY_BASE_URL", "https://api.sandbox.aopay.io",
                "PAYOUTS_NOT_A_KEY", "ignored"), new Properties());

        assertEquals("18080", overrides.getProperty("camel.server.port"));
        assertEquals("https://api.sandbox.aopay.io", overrides.getProperty("payouts.providers.aopay.base-url"));
        assertNull(overrides.getProperty("payouts.events.uri"));
        assertEquals(2, overrides.size());
    }

    @Test
    void aSystemPropertyForTheSameKeyWins(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("application.properties"), "camel.server.port = 8080\n");
        Properties system = new Properties();
        system.setProperty("camel.server.port", "28080");
        assertNull(EnvironmentOverrides.of(file, Map.of("CAMEL_SERVER_PORT", "18080"), system)
                .getProperty("camel.server.port"));
    }
}
