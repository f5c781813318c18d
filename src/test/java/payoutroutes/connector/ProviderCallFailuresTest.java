package payoutroutes.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import payoutroutes.model.ProviderOutcome;

/** Only what provably never left is "not sent"; whatever may have reached the provider is "no answer". */
class ProviderCallFailuresTest {

    private static ProviderOutcome.Kind after(String lastEndpoint, Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(ExchangePropertyKey.TO_ENDPOINT, lastEndpoint);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return new ProviderCallFailures().outcome(exchange).kind();
    }

    @Test
    void aFailureBeforeTheCallNeverLeft() {
        assertEquals(ProviderOutcome.Kind.NOT_SENT,
                after("direct://provider-aopay", new IllegalStateException("mapping bug")));
    }

    @Test
    void aReadTimeoutOrABrokenAnswerMayHaveLeft() {
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, after("http://provider/payouts", new SocketTimeoutException()));
        assertEquals(ProviderOutcome.Kind.NO_ANSWER, after("http://provider/payouts", new IllegalStateException()));
    }

    @Test
    void aRefusedConnectionNeverLeft() {
        assertEquals(ProviderOutcome.Kind.NOT_SENT, after("http://provider/payouts", new ConnectException("refused")));
        assertEquals(ProviderOutcome.Kind.NOT_SENT, after("http://provider/payouts",
                new PayoutNotSent("no token", null)));
    }

    @Test
    void refusedCredentialsFailThePayout() {
        assertEquals(ProviderOutcome.Kind.ANSWERED,
                after("direct://provider-aopay", new ProviderAuthenticationRefused("401 on /auth-tokens")));
    }
}
