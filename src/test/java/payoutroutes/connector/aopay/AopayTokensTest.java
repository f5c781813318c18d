package payoutroutes.connector.aopay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import payoutroutes.connector.PayoutNotSent;
import payoutroutes.connector.ProviderAuthenticationRefused;
import payoutroutes.model.Json;

/**
 * A payout's token is scoped to it, and reused until shortly before the expiry its JWT states, on the connector's
 * clock (here a clock the test moves, instead of waiting ten minutes). The token call itself is the Kamelet's.
 */
class AopayTokensTest {

    /** A clock that stands still until the test moves it. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static final Instant ISSUED = Instant.parse("2026-11-21T10:00:00Z");

    private final CamelContext camel = new DefaultCamelContext();
    private final AopaySettings settings = AopaySettings.of("http://platform", "M-1", "s3cret");
    private final List<String> issued = new ArrayList<>();
    private TestClock clock;
    private AopayTokens tokens;

    /** Each test: a new cache on a clock back at ISSUED. */
    @BeforeEach
    void freshTokens() {
        clock = new TestClock(ISSUED);
        tokens = new AopayTokens(clock);
        issued.clear();
    }

    /** The platform's answer to a token request: a JWT that expires ten minutes after ISSUED, as its exp says. */
    private Message answer(int status, String body) {
        Message reply = new DefaultExchange(camel).getMessage();
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        reply.setBody(body);
        return reply;
    }

    /** Asks for and takes a token for the payout, as the Kamelet's route does; returns its Authorization header. */
    private String tokenFor(String payoutId) {
        if (!tokens.has(payoutId)) {
            String token = JWT.create().withClaim("n", issued.size()).withExpiresAt(ISSUED.plusSeconds(600))
                    .sign(Algorithm.HMAC256("platform-key"));
            issued.add(token);
            tokens.take(answer(200, "{\"token\":\"" + token + "\"}"), payoutId, settings);
        }
        Message call = new DefaultExchange(camel).getMessage();
        tokens.authorize(call, payoutId);
        return call.getHeader("Authorization", String.class);
    }

    @Test
    void theTokenRequestIsScopedToThePayout() throws Exception {
        Message request = new DefaultExchange(camel).getMessage();
        request.setHeader("X-Caller", "not for the platform");

        tokens.ask(request, "T-0", settings);

        assertEquals("POST", request.getHeader(Exchange.HTTP_METHOD));
        assertEquals("/auth-tokens", request.getHeader(Exchange.HTTP_PATH));
        assertNull(request.getHeader("X-Caller"));
        assertEquals(Json.MAPPER.readTree("""
                {"merchantCode":"M-1","secret":"s3cret","validitySecs":600,
                 "operations":["POST /payouts/T-0","GET /payouts/T-0"]}"""),
                Json.MAPPER.readTree(request.getBody(String.class)));
    }

    @Test
    void aTokenIsReusedUntilThirtySecondsBeforeItsExpiry() {
        String first = tokenFor("T-1");

        clock.advance(Duration.ofSeconds(569));
        assertEquals(first, tokenFor("T-1"), "still 31 s to go");
        assertEquals(1, issued.size());

        clock.advance(Duration.ofSeconds(1));
        assertNotEquals(first, tokenFor("T-1"), "30 s to go: a fresh one");
        assertEquals(2, issued.size());
    }

    @Test
    void eachPayoutHasATokenOfItsOwn() {
        assertNotEquals(tokenFor("T-2"), tokenFor("T-3"));
        assertEquals(2, issued.size());
    }

    @Test
    void aForgottenTokenIsAskedForAgain() {
        String first = tokenFor("T-4");

        tokens.forget("T-4");

        assertFalse(tokens.has("T-4"));
        assertNotEquals(first, tokenFor("T-4"));
        assertEquals(2, issued.size());
    }

    @Test
    void refusedCredentialsAndAnswersWithoutATokenAreNoToken() {
        assertThrows(ProviderAuthenticationRefused.class, () -> tokens.take(answer(401, "{}"), "T-5", settings));
        assertThrows(PayoutNotSent.class, () -> tokens.take(answer(503, ""), "T-5", settings));
        assertThrows(PayoutNotSent.class, () -> tokens.take(answer(200, "{\"token\":\"\"}"), "T-5", settings));
        assertFalse(tokens.has("T-5"));
    }
}
