package payoutroutes.connector.aopay;

import java.time.Clock;
import org.apache.camel.Exchange;
import payoutroutes.connector.ConnectorCall;
import payoutroutes.connector.Parameters;
import payoutroutes.connector.PayoutAction;
import payoutroutes.model.ProviderOutcome;

/**
 * The bean of the {@code aopay-payout-action} Kamelet, one per Kamelet instance (one per brand), made
 * from its parameters: it builds the request, authorizes it with the payout's token, and reads the answer.
 */
public class AopayPayoutAction extends PayoutAction {

    private String baseUrl;
    private String merchantCode;
    private String secret;
    private int timeoutMs = 10_000;
    private int tokenValiditySecs = 600;
    private String notificationUrl;
    private String methodCodes = AopaySettings.DEFAULT_METHOD_CODES;
    private String failedStatuses;
    private String cancelledStatuses;
    private String expiredStatuses;
    private volatile AopaySettings settings;
    private final AopayTokens tokens;

    public AopayPayoutAction() {
        this(Clock.systemUTC());
    }

    AopayPayoutAction(Clock clock) {
        this.tokens = new AopayTokens(clock);
    }

    /** The canonical payout in, {@code POST /payouts/{id}} (create) or {@code GET /payouts/{id}} (status) out. */
    public void request(Exchange exchange) {
        ConnectorCall call = begin(exchange);
        AopayRequests.request(call, settings(), exchange.getMessage());
    }

    /** This payout's token; the platform is asked for one ({@code POST /auth-tokens}) when none is cached. */
    public void authorize(Exchange exchange) {
        tokens.authorize(exchange, call(exchange).payoutId(), settings());
    }

    /** After a 401 the payout was not taken: the same request again, with a fresh token. */
    public void renew(Exchange exchange) {
        ConnectorCall call = call(exchange);
        exchange.getMessage().removeHeaders("*");
        AopayRequests.request(call, settings(), exchange.getMessage());
        tokens.renew(exchange, call.payoutId(), settings());
    }

    public ProviderOutcome reply(Exchange exchange) {
        return AopayReplies.outcome(call(exchange), exchange.getMessage(), settings());
    }

    AopaySettings settings() {
        AopaySettings current = settings;
        if (current == null) {
            current = new AopaySettings(AopaySettings.stripSlash(required("baseUrl", baseUrl)),
                    required("merchantCode", merchantCode), required("secret", secret), timeoutMs,
                    tokenValiditySecs, notificationUrl == null || notificationUrl.isBlank() ? null : notificationUrl,
                    Parameters.pairs(methodCodes), AopaySettings.words(failedStatuses, AopaySettings.FAILED),
                    AopaySettings.words(cancelledStatuses, AopaySettings.CANCELLED),
                    AopaySettings.words(expiredStatuses, AopaySettings.EXPIRED));
            settings = current;
        }
        return current;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void setMerchantCode(String merchantCode) {
        this.merchantCode = merchantCode;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public void setTimeoutMs(int timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public void setTokenValiditySecs(int tokenValiditySecs) {
        this.tokenValiditySecs = tokenValiditySecs;
    }

    public void setNotificationUrl(String notificationUrl) {
        this.notificationUrl = notificationUrl;
    }

    public void setMethodCodes(String methodCodes) {
        this.methodCodes = methodCodes;
    }

    public void setFailedStatuses(String failedStatuses) {
        this.failedStatuses = failedStatuses;
    }

    public void setCancelledStatuses(String cancelledStatuses) {
        this.cancelledStatuses = cancelledStatuses;
    }

    public void setExpiredStatuses(String expiredStatuses) {
        this.expiredStatuses = expiredStatuses;
    }
}
