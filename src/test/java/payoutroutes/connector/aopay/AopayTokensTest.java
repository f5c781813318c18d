package payoutroutes.connector.aopay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.connector.StubProvider;
import payoutroutes.connector.StubProvider.Reply;

/**
 * A payout's token is reused until shortly before the expiry its JWT states, on the connector's clock (here a
 * clock the test moves, instead of waiting ten minutes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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

    private final StubProvider platform = StubProvider.start();
    private final CamelContext camel = new DefaultCamelContext();
    private TestClock clock;
    private AopayTokens tokens;
    private final AopaySettings settings = AopaySettings.of(platform.url(), "M-1", "s3cret");

    AopayTokensTest() {
        camel.start();
    }

    /** Each test: a new cache on a clock back at ISSUED, and a platform that has issued nothing yet. */
    @BeforeEach
    void freshTokens() {
        clock = new TestClock(ISSUED);
        tokens = new AopayTokens(clock);
        platform.reset();
        // each token the platform issues expires ten minutes after ISSUED, as its exp says
        platform.answer("POST /auth-tokens", request -> Reply.json(200, "{\"token\":\"" + JWT.create()
                .withClaim("n", platform.requests("POST /auth-tokens").size())
                .withExpiresAt(ISSUED.plusSeconds(600)).sign(Algorithm.HMAC256("platform-key")) + "\"}"));
    }

    @AfterAll
    void stop() {
        camel.stop();
        platform.close();
    }

    private String authorize(String payoutId) {
        Exchange exchange = new DefaultExchange(camel);
        tokens.authorize(exchange, payoutId, settings);
        return exchange.getMessage().getHeader("Authorization", String.class);
    }

    @Test
    void aTokenIsReusedUntilThirtySecondsBeforeItsExpiry() {
        String first = authorize("T-1");

        clock.advance(Duration.ofSeconds(569));
        assertEquals(first, authorize("T-1"), "still 31 s to go");
        assertEquals(1, platform.requests("POST /auth-tokens").size());

        clock.advance(Duration.ofSeconds(1));
        assertNotEquals(first, authorize("T-1"), "30 s to go: a fresh one");
        assertEquals(2, platform.requests("POST /auth-tokens").size());
    }

    @Test
    void eachPayoutHasATokenOfItsOwn() {
        assertNotEquals(authorize("T-2"), authorize("T-3"));
        assertEquals(2, platform.requests("POST /auth-tokens").size());
    }

    @Test
    void aRenewalForgetsTheCachedToken() {
        String first = authorize("T-4");
        Exchange exchange = new DefaultExchange(camel);

        tokens.renew(exchange, "T-4", settings);

        assertNotEquals(first, exchange.getMessage().getHeader("Authorization"));
        assertEquals(2, platform.requests("POST /auth-tokens").size());
    }
}
