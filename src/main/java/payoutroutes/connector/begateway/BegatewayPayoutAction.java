package payoutroutes.connector.begateway;

import org.apache.camel.Exchange;
import payoutroutes.connector.ConnectorCall;
import payoutroutes.connector.Parameters;
import payoutroutes.connector.PayoutAction;
import payoutroutes.model.ProviderOutcome;

/**
 * The bean of the {@code begateway-payout-action} Kamelet, one per Kamelet instance (one per shop), made
 * from its parameters: it builds the request with the shop's Basic credentials and reads the answer.
 */
public class BegatewayPayoutAction extends PayoutAction {

    private String baseUrl;
    private String shopId;
    private String secretKey;
    private int timeoutMs = 10_000;
    private String currencyExponents;
    private String notificationUrl;
    private String methodTypes = BegatewaySettings.DEFAULT_METHOD_TYPES;
    private volatile BegatewaySettings settings;

    /**
     * The canonical payout in; {@code POST /transactions/payouts} (create) or
     * {@code GET /transactions/tracking_id/{payoutId}} (status) out.
     */
    public void request(Exchange exchange) {
        ConnectorCall call = begin(exchange);
        BegatewayRequests.request(call, settings(), exchange.getMessage());
    }

    /** The shop's Basic credentials on the call. */
    public void authorize(Exchange exchange) {
        BegatewayCredentials.authorize(exchange.getMessage(), settings());
    }

    public ProviderOutcome reply(Exchange exchange) {
        return BegatewayReplies.outcome(call(exchange), exchange.getMessage());
    }

    BegatewaySettings settings() {
        BegatewaySettings current = settings;
        if (current == null) {
            current = new BegatewaySettings(baseUrl, required("shopId", shopId), required("secretKey", secretKey), timeoutMs,
                    Parameters.exponents(currencyExponents),
                    notificationUrl == null || notificationUrl.isBlank() ? null : notificationUrl,
                    Parameters.pairs(methodTypes));
            settings = current;
        }
        return current;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void setShopId(String shopId) {
        this.shopId = shopId;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public void setTimeoutMs(int timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public void setCurrencyExponents(String currencyExponents) {
        this.currencyExponents = currencyExponents;
    }

    public void setNotificationUrl(String notificationUrl) {
        this.notificationUrl = notificationUrl;
    }

    public void setMethodTypes(String methodTypes) {
        this.methodTypes = methodTypes;
    }
}
