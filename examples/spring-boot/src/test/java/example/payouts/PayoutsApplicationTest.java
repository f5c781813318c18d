package example.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import payoutroutes.sandbox.SandboxProviders;
import payoutroutes.sandbox.SandboxSettings;
import payoutroutes.sandbox.aopay.AopaySandbox;

/** The application pays out through the aopay Kamelet, here against the library's own sandbox of the platform. */
@SpringBootTest
class PayoutsApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The aopay platform, played in this JVM by payout-routes' sandbox on a free port. */
    private static final SandboxProviders SANDBOX = SandboxProviders.withEveryFamily(new SandboxSettings(key ->
            Optional.ofNullable(Map.of(
                    "payouts.sandbox.port", "0",
                    "payouts.sandbox.settle-after-ms", "200",
                    "payouts.sandbox.aopay-family.brands", "aopay",
                    "payouts.sandbox.aopay.merchant-code", "SANDBOX-AOPAY",
                    "payouts.sandbox.aopay.secret", "sandbox-aopay-secret").get(key)))).start();

    @DynamicPropertySource
    static void aopayIsTheSandbox(DynamicPropertyRegistry properties) {
        properties.add("payouts.aopay.base-url", () -> "http://127.0.0.1:" + SANDBOX.port() + "/sandbox/aopay");
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Autowired
    private PayoutSender payouts;

    @Autowired
    private CamelContext camel;

    private static final String PAYOUT = """
            {"payoutId": "SB-1", "provider": "aopay",
             "amount": {"value": 10000, "currency": "IDR"}, "method": "BANK_TRANSFER",
             "beneficiary": {"name": "Test account", "accountNumber": "11223344", "bankCode": "BNK_000",
                             "email": "customer@test.com", "country": "ID"}}""";

    @Test
    void aPayoutGoesThroughTheAopayKameletAndSettles() throws Exception {
        JsonNode created = JSON.readTree(payouts.create(PAYOUT));

        assertThat(created.path("outcome").asText()).isEqualTo("ANSWERED");
        assertThat(created.path("status").asText()).isEqualTo("PROCESSING");
        assertThat(created.path("providerReference").asText()).isEqualTo("SB-1");
        AopaySandbox aopay = SANDBOX.sandbox(AopaySandbox.class);
        assertThat(aopay.createCalls("aopay", "SB-1")).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> JSON.readTree(payouts.status(PAYOUT)).path("status").asText(), "SUCCEEDED"::equals);
        assertThat(JSON.readTree(payouts.status(PAYOUT)).path("fee").path("currency").asText()).isEqualTo("USD");
        assertThat(aopay.createCalls("aopay", "SB-1")).as("asked about, never sent again").isEqualTo(1);
    }

    @Test
    void theLibraryBindsNothingAndBringsNoServiceDependency() {
        assertThat(camel.getRegistry().findByType(io.vertx.core.VertxOptions.class)).isEmpty();
        assertThat(camel.getRegistry().findByType(javax.sql.DataSource.class)).isEmpty();
        // the service's store and logging backend stay out of an embedder's classpath
        assertThatThrownBy(() -> Class.forName("org.h2.Driver")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.flywaydb.core.Flyway")).isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.apache.logging.slf4j.SLF4JServiceProvider"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
