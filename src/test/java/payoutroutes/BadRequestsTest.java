package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import payoutroutes.RunningService.Answer;

/** Every bad input in the contract's table gets its answer, names its fields, and changes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestsTest {

    private RunningService service;
    private int counter;

    @BeforeAll
    void start() {
        service = RunningService.start();
    }

    @AfterAll
    void stop() {
        service.close();
    }

    static Stream<Arguments> badRequests() {
        String seed = Payouts.seed("aopay");
        return Stream.of(
                Arguments.of("malformed JSON", "{\"amount\": ", 400, List.of("body")),
                Arguments.of("empty body", "", 400, List.of("body")),
                Arguments.of("not an object", "[1,2]", 400, List.of("body")),
                Arguments.of("missing amount", seed.replaceFirst("\"amount\": \\{[^}]*},", ""), 400, List.of("amount")),
                Arguments.of("missing account number and bank code",
                        seed.replace("\"accountNumber\": \"11223344\",", "").replace("\"bankCode\": \"BNK_000\",", ""),
                        400, List.of("beneficiary.accountNumber", "beneficiary.bankCode")),
                Arguments.of("every bad field at once", """
                        {"amount":{"value":-5,"currency":"usd"},"method":"CHEQUE",
                         "beneficiary":{"name":"","accountNumber":"1","bankCode":"B","email":"not-an-email","country":"XX"},
                         "colour":"red"}""", 400,
                        List.of("amount.value", "amount.currency", "method", "beneficiary.name", "beneficiary.email",
                                "beneficiary.country", "colour")),
                Arguments.of("zero amount", seed.replace("\"value\": 10000", "\"value\": 0"), 400, List.of("amount.value")),
                Arguments.of("amount string with an exponent", seed.replace("\"value\": 10000", "\"value\": \"1e4\""),
                        400, List.of("amount.value")),
                Arguments.of("amount as a float string with a sign", seed.replace("\"value\": 10000", "\"value\": \"+10\""),
                        400, List.of("amount.value")),
                Arguments.of("unknown currency", seed.replace("\"IDR\"", "\"XYZ\""), 400, List.of("amount.currency")),
                Arguments.of("description too long", seed.replace("Payout for order 1234", "x".repeat(256)), 400,
                        List.of("description")),
                Arguments.of("callback URL not http", seed.replace("https://merchant.example.com/payout-events",
                        "ftp://merchant.example.com"), 400, List.of("callbackUrl")),
                Arguments.of("unknown provider", seed.replace("\"aopay\"", "\"nopay\""), 422, List.of()),
                Arguments.of("more decimals than the currency has",
                        Payouts.seed("aopay", "10.001", "USD", "11223344"), 422, List.of()),
                Arguments.of("no rule fits", Payouts.seed(null, "10", "CHF", "11223344"), 422, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedAndLeavesNothingBehind(String name, String body, int status, List<String> fields) {
        String id = "BAD-" + (++counter);
        Answer answer = service.post(id, body);

        assertEquals(status, answer.status(), answer.body());
        assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
        assertEquals(status, answer.json().path("status").asInt());
        assertEquals(new java.util.TreeSet<>(fields),
                new java.util.TreeSet<>(namedFields(answer).stream().filter(fields::contains).toList()),
                "every bad field is named: " + answer.body());
        if (status == 400) {
            assertEquals(fields.size(), namedFields(answer).stream().distinct().count(), answer.body());
        }
        assertEquals(0, service.aopaySandbox().createCalls("aopay", id), "no provider call");
        assertEquals(404, service.get(id).status(), "nothing kept");
    }

    @Test
    void anInvalidPayoutIdIs400() {
        Answer answer = service.post("not%20valid", Payouts.seed("aopay"));
        assertEquals(400, answer.status());
        assertEquals(List.of("payoutId"), namedFields(answer));
        assertEquals(400, service.post("x".repeat(65), Payouts.seed("aopay")).status());
        assertEquals(400, service.post("...", Payouts.seed("aopay")).status());
        assertEquals(201, service.post("a.b-c_D.9", Payouts.seed("aopay")).status());
    }

    @Test
    void aBodyOver64KiBIs413() {
        String huge = Payouts.seed("aopay").replace("\"orderId\": \"1234\"",
                "\"orderId\": \"1234\", \"padding\": \"" + "x".repeat(70_000) + "\"");
        Answer answer = service.post("HUGE-1", huge);
        assertEquals(413, answer.status(), answer.body());
        assertEquals(404, service.get("HUGE-1").status());
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        Answer answer = RunningService.send(service.api("/payouts/FORM-1")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("amount=1")).build());
        assertEquals(415, answer.status(), answer.body());
    }

    @Test
    void problemsDoNotEchoPersonalData() {
        String body = Payouts.seed("aopay").replace("\"email\": \"customer@test.com\"", "\"email\": \"customer-at-test\"");
        Answer answer = service.post("PII-1", body);
        assertEquals(400, answer.status());
        assertTrue(!answer.body().contains("customer-at-test") && !answer.body().contains("11223344"), answer.body());
    }

    private static List<String> namedFields(Answer answer) {
        List<String> fields = new ArrayList<>();
        for (JsonNode error : answer.json().path("errors")) {
            fields.add(error.path("field").asText());
        }
        return fields;
    }
}
