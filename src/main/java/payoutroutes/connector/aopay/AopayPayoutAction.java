package payoutroutes.connector.aopay;

import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import payoutroutes.connector.ConnectorCall;
import payoutroutes.connector.Parameters;
import payoutroutes.connector.PayoutAction;
import payoutroutes.connector.PayoutNotSent;
import payoutroutes.model.ProviderOutcome;

/**
 * The bean of the {@code aopay-payout-action} Kamelet, one per Kamelet instance (one per brand), made
 * from its parameters: it builds the request, asks for the payout's token when it has none (a call of the Kamelet's
 * route), authorizes the request with it, and reads the answer.
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

    /** Exchange property: whether the payout needs a token first (no good one cached). */
    static final String TOKEN_NEEDED = "PayoutAopayTokenNeeded";
    /** Exchange property: a token call is out; a failure now means the payout itself was not (again) sent. */
    private static final String TOKEN_CALL = "PayoutAopayTokenCall";

    /** Reads the canonical payout and says whether a token must be asked for first (property PayoutAopayTokenNeeded). */
    public void read(Exchange exchange) {
        ConnectorCall call = begin(exchange);
        settings();
        exchange.setProperty(TOKEN_NEEDED, !tokens.has(call.payoutId()));
    }

    /** The token request for this payout on the message ({@code POST /auth-tokens}). */
    public void askForToken(Exchange exchange) {
        tokens.ask(exchange.getMessage(), call(exchange).payoutId(), settings());
        exchange.setProperty(TOKEN_CALL, true);
    }

    /** The platform's answer to the token request: the token kept, or why there is none. */
    public void tokenReceived(Exchange exchange) {
        exchange.removeProperty(TOKEN_CALL);
        tokens.take(exchange.getMessage(), call(exchange).payoutId(), settings());
    }

    /** {@code POST /payouts/{id}} (create) or {@code GET /payouts/{id}} (status), with the payout's token. */
    public void request(Exchange exchange) {
        ConnectorCall call = call(exchange);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        AopayRequests.request(call, settings(), message);
        tokens.authorize(message, call.payoutId());
    }

    /** After a 401 the payout was not taken: its token is forgotten, and a fresh one asked for. */
    public void renewToken(Exchange exchange) {
        tokens.forget(call(exchange).payoutId());
        askForToken(exchange);
    }

    public ProviderOutcome reply(Exchange exchange) {
        return AopayReplies.outcome(call(exchange), exchange.getMessage(), settings());
    }

    /** A token call that failed means the payout itself was not sent, even after a refused create (a 401). */
    @Override
    public ProviderOutcome failure(Exchange exchange) {
        if (Boolean.TRUE.equals(exchange.removeProperty(TOKEN_CALL))) {
            Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new PayoutNotSent("no token from "
                    + settings().baseUrl(), cause));
        }
        return super.failure(exchange);
    }

    @Override
    public void answer(Exchange exchange) {
        exchange.removeProperty(TOKEN_NEEDED);
        exchange.removeProperty(TOKEN_CALL);
        super.answer(exchange);
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
