package payoutroutes.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The standalone sandbox reads its properties by the service's rule: system property, environment, file. */
class SandboxPropertiesTest {

    private static final Properties FILE = new Properties();

    static {
        FILE.setProperty("payouts.sandbox.port", "8090");
        FILE.setProperty("payouts.sandbox.max-payouts", "100000");
        FILE.setProperty("payouts.sandbox.faults", "create.500@1%");
        FILE.setProperty("payouts.events.signing-secret", "from-the-file");
        FILE.setProperty("payouts.sandbox.merchant.signing-secret", "{{payouts.events.signing-secret}}");
        FILE.setProperty("payouts.sandbox.host", "{{payouts.sandbox.bind:127.0.0.1}}");
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironmentWhichWinsOverTheFile() {
        Function<String, Optional<String>> lookup = SandboxProperties.layered(FILE,
                Map.of("payouts.sandbox.port", "9100")::get,
                Map.of("PAYOUTS_SANDBOX_PORT", "9200", "PAYOUTS_SANDBOX_MAX_PAYOUTS", "50"));

        assertEquals(Optional.of("9100"), lookup.apply("payouts.sandbox.port"));
        assertEquals(Optional.of("50"), lookup.apply("payouts.sandbox.max-payouts"));
        assertEquals(Optional.of("create.500@1%"), lookup.apply("payouts.sandbox.faults"));
        assertEquals(Optional.empty(), lookup.apply("payouts.sandbox.faults-seed"));
    }

    @Test
    void placeholdersAreResolvedThroughTheSameLayers() {
        Function<String, Optional<String>> fileOnly = SandboxProperties.layered(FILE, key -> null, Map.of());
        assertEquals(Optional.of("from-the-file"), fileOnly.apply("payouts.sandbox.merchant.signing-secret"));
        assertEquals(Optional.of("127.0.0.1"), fileOnly.apply("payouts.sandbox.host"), "the default after the colon");

        Function<String, Optional<String>> overridden = SandboxProperties.layered(FILE, key -> null,
                Map.of("PAYOUTS_EVENTS_SIGNING_SECRET", "from-the-environment"));
        assertEquals(Optional.of("from-the-environment"), overridden.apply("payouts.sandbox.merchant.signing-secret"));
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertEquals("PAYOUTS_SANDBOX_AOPAY_FAMILY_BRANDS", SandboxProperties.environmentName(
                "payouts.sandbox.aopay-family.brands"));
    }
}
