package payoutroutes.connector.aopay;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import payoutroutes.connector.PayoutNotSent;
import payoutroutes.connector.ProviderAuthenticationRefused;
import payoutroutes.model.Json;

/**
 * The platform's tokens: one per payout, scoped to exactly {@code POST /payouts/{id}} and
 * {@code GET /payouts/{id}}, reused until shortly before it expires. The token is the platform's own
 * JWT; we read its {@code exp} and trust nothing else in it. The token call itself is a step of the Kamelet's
 * route ({@link #ask} puts it on the message, {@link #take} reads the answer), so that waiting for it holds no
 * thread either.
 */
final class AopayTokens {

    private record Token(String value, Instant renewAt) {
    }

    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final int MAX_CACHED = 50_000;

    private final Clock clock;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();

    AopayTokens(Clock clock) {
        this.clock = clock;
    }

    /** Whether this payout has a token that is still good for a call now. */
    boolean has(String payoutId) {
        Token token = cache.get(payoutId);
        return token != null && clock.instant().isBefore(token.renewAt());
    }

    /** Puts the token request for this payout on the message: {@code POST /auth-tokens}, scoped to the payout. */
    void ask(Message message, String payoutId, AopaySettings settings) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("merchantCode", settings.merchantCode());
        body.put("secret", settings.secret());
        body.put("validitySecs", settings.tokenValiditySecs());
        body.putArray("operations").add("POST /payouts/" + payoutId).add("GET /payouts/" + payoutId);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, "/auth-tokens");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        message.setHeader("X-API-Version", AopayRequests.API_VERSION);
        message.setBody(body.toString());
    }

    /**
     * Keeps the token the platform answered for this payout; our credentials refused is
     * {@link ProviderAuthenticationRefused}, any other answer without a token {@link PayoutNotSent}.
     */
    void take(Message reply, String payoutId, AopaySettings settings) {
        int code = reply.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (code == 401 || code == 403) {
            throw new ProviderAuthenticationRefused("POST /auth-tokens answered " + code);
        }
        String token = tokenOf(code, reply.getBody(String.class));
        if (token == null) {
            throw new PayoutNotSent("no token from " + settings.baseUrl() + " (HTTP " + code + ")", null);
        }
        Instant answered = clock.instant();
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(t -> !answered.isBefore(t.renewAt()));
        }
        cache.put(payoutId, new Token(token, expiry(token, answered.plusSeconds(settings.tokenValiditySecs()))
                .minus(MARGIN)));
    }

    /** The payout's token on its call; {@link #has} said there is one. */
    void authorize(Message message, String payoutId) {
        Token token = cache.get(payoutId);
        if (token == null) {
            throw new PayoutNotSent("no token for payout " + payoutId, null);
        }
        message.setHeader("Authorization", "Bearer " + token.value());
    }

    /** After a 401: the cached token is no good. */
    void forget(String payoutId) {
        cache.remove(payoutId);
    }

    private static String tokenOf(int code, String body) {
        if (code < 200 || code >= 300 || body == null) {
            return null;
        }
        try {
            JsonNode token = Json.MAPPER.readTree(body).path("token");
            return token.isTextual() && !token.asText().isBlank() ? token.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Instant expiry(String token, Instant fallback) {
        try {
            Instant exp = JWT.decode(token).getExpiresAtAsInstant();
            return exp != null ? exp : fallback;
        } catch (JWTDecodeException e) {
            return fallback;
        }
    }
}
