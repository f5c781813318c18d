package payoutroutes.service;

import java.util.List;
import payoutroutes.model.PayoutIds;

/**
 * A refused request, answered as application/problem+json (RFC 9457). Thrown anywhere on the
 * API path; the {@code problems} route configuration turns it into the answer.
 */
public class Problem extends RuntimeException {

    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    public Problem(int status, String title, String detail, List<FieldError> errors, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem(400, "Invalid payout request", errors.size() + " field(s) are missing or wrong", errors, null);
    }

    public static Problem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** A payoutId that breaks the contract's rule is a 400, wherever it is met (a path, a notification). */
    public static void requireValidPayoutId(String payoutId) {
        if (!PayoutIds.isValid(payoutId)) {
            throw invalid("payoutId", PayoutIds.RULE);
        }
    }

    public static Problem tooLarge(int limit) {
        return new Problem(413, "Request body too large", "The body may be at most " + limit + " bytes", List.of(), null);
    }

    public static Problem notFound(String payoutId) {
        return new Problem(404, "Payout not found", "No payout with id " + payoutId, List.of(), null);
    }

    public static Problem conflict(String payoutId) {
        return new Problem(409, "Payout id already used",
                "A payout with id " + payoutId + " exists with different content", List.of(), null);
    }

    /** Another client's payoutId: a conflict, without a word about that payout. */
    public static Problem taken() {
        return new Problem(409, "Payout id already used", "This payoutId cannot be used; choose another", List.of(), null);
    }

    public static Problem unprocessable(String detail) {
        return new Problem(422, "Payout cannot be processed", detail, List.of(), null);
    }

    public static Problem providerUnavailable(String provider, int retryAfterSeconds) {
        return new Problem(503, "Provider unavailable", "Provider " + provider
                + " cannot be reached now; nothing was kept, the same payoutId can be sent again",
                List.of(), retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
