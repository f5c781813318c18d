package payoutroutes.service.api;

import java.util.List;
import payoutroutes.service.Problem;

/** A request without a valid API key: 401 with {@code WWW-Authenticate: Bearer}, and no hint about the payout. */
public class ApiKeyRefused extends Problem {

    public ApiKeyRefused() {
        super(401, "Unauthorized", "A valid API key is required: Authorization: Bearer <key>", List.of(), null);
    }
}
