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
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import payoutroutes.model.Json;
import payoutroutes.connector.NoHttpRetries;
import payoutroutes.connector.PayoutNotSent;
import payoutroutes.connector.ProviderAuthenticationRefused;

/**
 * The platform's tokens: one per payout, scoped to exactly {@code POST /payouts/{id}} and
 * {@code GET /payouts/{id}}, reused until shortly before it expires. The token is the platform's own
 * JWT; we read its {@code exp} and trust nothing else in it.
 */
final class AopayTokens {

    private record Token(String value, Instant renewAt) {
    }

    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final int MAX_CACHED = 50_000;

    private final Clock clock;
    private final Map<String, Token> cache = new ConcurrentHashMap<>();
    private ProducerTemplate producer;

    AopayTokens(Clock clock) {
        this.clock = clock;
    }

    /** Sets the Authorization header for this payout's call, asking for a token when none is cached. */
    void authorize(Exchange exchange, String payoutId, AopaySettings settings) {
        Token token = cache.get(payoutId);
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = fetch(exchange.getContext(), settings, payoutId);
            if (cache.size() >= MAX_CACHED) {
                evictExpired();
            }
            cache.put(payoutId, token);
        }
        exchange.getMessage().setHeader("Authorization", "Bearer " + token.value());
    }

    /** After a 401: forget the cached token and get a fresh one. */
    void renew(Exchange exchange, String payoutId, AopaySettings settings) {
        cache.remove(payoutId);
        authorize(exchange, payoutId, settings);
    }

    private Token fetch(CamelContext context, AopaySettings settings, String payoutId) {
        int validitySecs = settings.tokenValiditySecs();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("merchantCode", settings.merchantCode());
        body.put("secret", settings.secret());
        body.put("validitySecs", validitySecs);
        body.putArray("operations").add("POST /payouts/" + payoutId).add("GET /payouts/" + payoutId);
        Instant asked = clock.instant();
        Exchange reply = producer(context).request(tokenEndpoint(settings), ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "POST");
            ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            ex.getMessage().setHeader("Accept", "application/json");
            ex.getMessage().setHeader("X-API-Version", AopayRequests.API_VERSION);
            ex.getMessage().setBody(body.toString());
        });
        if (reply.getException() != null) {
            throw new PayoutNotSent("no token from " + settings.baseUrl(), reply.getException());
        }
        int code = reply.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (code == 401 || code == 403) {
            throw new ProviderAuthenticationRefused("POST /auth-tokens answered " + code);
        }
        String token = tokenOf(code, reply.getMessage().getBody(String.class));
        if (token == null) {
            throw new PayoutNotSent("no token from " + settings.baseUrl() + " (HTTP " + code + ")", null);
        }
        return new Token(token, expiry(token, asked.plusSeconds(validitySecs)).minus(MARGIN));
    }

    /** The token call is made from here, not from the Kamelet's route: it is part of authorizing the payout's call. */
    private static String tokenEndpoint(AopaySettings settings) {
        int timeout = settings.timeoutMs();
        return settings.baseUrl() + "/auth-tokens?throwExceptionOnFailure=false&connectTimeout=" + timeout
                + "&responseTimeout=" + timeout + "&connectionRequestTimeout=" + timeout
                + "&httpClient.retryStrategy=#class:" + NoHttpRetries.class.getName();
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

    private void evictExpired() {
        Instant now = clock.instant();
        cache.values().removeIf(t -> !now.isBefore(t.renewAt()));
    }

    private synchronized ProducerTemplate producer(CamelContext context) {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }
}
