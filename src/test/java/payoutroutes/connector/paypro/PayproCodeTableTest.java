package payoutroutes.connector.paypro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static payoutroutes.RunningService.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import payoutroutes.Payouts;
import payoutroutes.connector.KameletTestSupport;
import payoutroutes.sandbox.SandboxUnderTest;
import payoutroutes.sandbox.paypro.PayproSandbox;

/**
 * paypro's code table line by line, through the {@code paypro-payout-action} Kamelet against the paypro sandbox
 * (which answers each line for an account-number hint): what the payOut's answer says, and what the status
 * queries say once paypro has settled. A create without an answer (UNKNOWN for the service) is NO_ANSWER here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayproCodeTableTest extends KameletTestSupport {

    private final SandboxUnderTest sandbox = SandboxUnderTest.start(Map.of());

    @AfterAll
    void stopSandbox() {
        sandbox.close();
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:paypro").to("kamelet:paypro-payout-action?baseUrl=" + sandbox.url(PayproSandbox.ROOT)
                        + "&merchantNo=" + SandboxUnderTest.PAYPRO_MERCHANT
                        + "&appSecret=" + SandboxUnderTest.PAYPRO_SECRET + "&timeoutMs=5000"
                        // paypro requires a notifyUrl; what it posts there is not this test's concern
                        + "&notificationUrl=http://127.0.0.1:1/callbacks/paypro");
            }
        };
    }

    private JsonNode send(String operation, String payoutId, String account) {
        return outcome(call("direct:paypro", operation, payout(payoutId, Payouts.seed("paypro", "100000", "IDR", account))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "data.status 0000: paid at once                  | 90070001 | ANSWERED  | SUCCEEDED  |           |",
        "data.status 0015 then 00029                     | 90030001 | ANSWERED  | PROCESSING | FAILED    | 00029",
        "data.status 0100019: refused                    | 90100001 | ANSWERED  | FAILED     |           | 0100019",
        "data.status 00032: unknown until a query tells  | 90080001 | NO_ANSWER |            | SUCCEEDED |",
        "outer code 5000: unknown until a query tells    | 90050001 | NO_ANSWER |            | SUCCEEDED |",
        "outer code 1006: refused                        | 90060001 | ANSWERED  | FAILED     |           | 1006",
        "HTTP 500: unknown until a query tells           | 90020001 | NO_ANSWER |            | SUCCEEDED |"})
    void everyLineOfTheCodeTable(String line, String account, String kind, String created, String settled,
                                 String providerCode) throws Exception {
        String id = "PAYPRO-CODE-" + account;
        JsonNode outcome = send("create", id, account);

        assertEquals(kind, outcome.path("outcome").asText(), outcome.toString());
        assertEquals(created, outcome.path("status").asText(null), outcome.toString());
        PayproSandbox paypro = sandbox.providers().sandbox(PayproSandbox.class);
        assertEquals(1, paypro.payOutCalls(id));
        if (settled != null) {
            outcome = eventually(() -> send("status", id, account), o -> settled.equals(o.path("status").asText()),
                    Duration.ofSeconds(5));
            assertEquals(settled, outcome.path("status").asText(), outcome.toString());
            assertEquals(1, paypro.payOutCalls(id), "asked about, never sent again");
        }
        if (providerCode != null) {
            assertEquals("PROVIDER_REJECTED", outcome.path("failure").path("code").asText(), outcome.toString());
            assertEquals(providerCode, outcome.path("failure").path("providerCode").asText());
        } else {
            assertEquals(true, outcome.path("failure").isNull(), outcome.toString());
        }
    }
}
