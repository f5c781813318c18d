package payoutroutes.sandbox.aopay;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The aopay platform's tokens as the sandbox issues them: HS256 JWTs with the merchant as subject, the brand as
 * issuer and the granted operations ({@code "POST /payouts/ID"}) as a claim, signed with a key of the sandbox's own.
 */
final class AopayTokens {

    /** What a request's token allows, or why it allows nothing. */
    enum Check { GRANTED, INVALID, NOT_GRANTED }

    private volatile Algorithm signing;

    AopayTokens() {
        rotate();
    }

    /** Signs new tokens with a new key: every token issued so far is refused from now on. */
    void rotate() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        signing = Algorithm.HMAC256(key);
    }

    String issue(String brand, String merchant, List<String> operations, int validitySecs) {
        Instant now = Instant.now();
        return JWT.create().withIssuer(brand).withSubject(merchant).withClaim("operations", operations)
                .withIssuedAt(now).withExpiresAt(now.plusSeconds(validitySecs)).withJWTId(UUID.randomUUID().toString())
                .sign(signing);
    }

    /** Whether this token, issued by this brand and unexpired, grants the operation. */
    Check check(String brand, String token, String operation) {
        List<String> operations;
        try {
            operations = JWT.require(signing).withIssuer(brand).build().verify(token).getClaim("operations")
                    .asList(String.class);
        } catch (JWTVerificationException e) {
            return Check.INVALID;
        }
        return operations != null && operations.contains(operation) ? Check.GRANTED : Check.NOT_GRANTED;
    }
}
