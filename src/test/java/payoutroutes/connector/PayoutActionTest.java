package payoutroutes.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import payoutroutes.model.Json;
import payoutroutes.model.ProviderOutcome;

/**
 * What every payout Kamelet does around its provider's call: only what provably never left is "not sent";
 * whatever may have reached the provider is "no answer"; and nothing of the call is left on the message.
 */
class PayoutActionTest {

    private final PayoutAction action = new PayoutAction() { };

    private Exchange payout() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("PayoutOperation", "create");
        exchange.getMessage().setHeader("Authorization", "Bearer from-the-caller");
        exchange.getMessage().setBody("{\"payoutId\": \"P-1\", \"provider\": \"aopay\"}");
        return exchange;
    }

    private ProviderOutcome.Kind after(Exchange exchange, Exception failure) {
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return action.failure(exchange).kind();
    }

    @Test
    void aFailureBeforeTheRequestLeavesNeverLeft() {
        Exchange exchange = payout();
        action.begin(exchange);
        assertEquals(ProviderOutcome.Kind.NOT_SENT, after(exchange, new IllegalStateException("mapping bug")));
    }

    @Test
    void aBodyThatIsNotAPayoutNeverLeaves() {
        Exchange exchange = payout();
        exchange.getMessage().setBody("not json");
        try {
            action.begin(exchange);
        } catch (IllegalArgumentException expected) {
            assertEquals(ProviderOutcome.Kind.NOT_SENT, after(exchange, expected));
        }
    }

    @Test
    void aReadTimeoutOrABrokenAnswerAfterSendingMayHaveLeft() {
        Exchange exchange = payout();
        action.begin(exchange);
        action.sending(exchange);
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, after(exchange, new SocketTimeoutException()));
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, after(exchange, new IllegalStateException()));
    }

    @Test
    void aRefusedConnectionOrNoTokenNeverLeftEvenWhileSending() {
        Exchange exchange = payout();
        action.begin(exchange);
        action.sending(exchange);
        assertEquals(ProviderOutcome.Kind.NOT_SENT, after(exchange, new ConnectException("refused")));
        assertEquals(ProviderOutcome.Kind.NOT_SENT, after(exchange, new PayoutNotSent("no token", null)));
    }

    @Test
    void refusedCredentialsFailThePayout() {
        Exchange exchange = payout();
        action.begin(exchange);
        assertEquals(ProviderOutcome.Kind.ANSWERED, after(exchange, new ProviderAuthenticationRefused("401")));
    }

    @Test
    void theAnswerIsTheOutcomeJsonAndNothingElse() throws Exception {
        Exchange exchange = payout();
        action.begin(exchange);
        assertNull(exchange.getMessage().getHeader("Authorization"), "the caller's headers never reach the provider");
        exchange.getMessage().setHeader("Authorization", "Bearer provider-token");
        exchange.getMessage().setBody(ProviderOutcome.noAnswer("timeout"));

        action.answer(exchange);

        assertEquals("NO_ANSWER", Json.MAPPER.readTree(exchange.getMessage().getBody(String.class)).path("outcome").asText());
        assertEquals(java.util.Set.of("Content-Type"), exchange.getMessage().getHeaders().keySet());
        assertTrue(exchange.getProperties().keySet().stream().noneMatch(name -> name.startsWith("Payout")),
                exchange.getProperties().toString());
    }
}
