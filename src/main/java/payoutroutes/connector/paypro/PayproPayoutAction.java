package payoutroutes.connector.paypro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.apache.camel.Exchange;
import payoutroutes.connector.ConnectorCall;
import payoutroutes.connector.PayoutAction;
import payoutroutes.model.ProviderOutcome;

/**
 * The bean of the {@code paypro-payout-action} Kamelet, made from its parameters: it builds the request,
 * signs it with the app secret, and reads paypro's two-layer answer.
 */
public class PayproPayoutAction extends PayoutAction {

    /** The unsigned body, between the request step and the sign step. */
    private String merchantNo;
    private String appSecret;
    private String secretPosition = "append";
    private String notificationUrl;
    private String tradeNoTakenCodes = String.join(",", PayproCodes.DEFAULT.tradeNoTaken());
    private String noSuchOrderCodes = "";
    private final Clock clock;
    private volatile PayproSettings settings;

    public PayproPayoutAction() {
        this(Clock.systemUTC());
    }

    PayproPayoutAction(Clock clock) {
        this.clock = clock;
    }

    /** The canonical payout in; {@code POST /v1/paypro/payOut} or {@code POST /v1/paypro/queryPayOutResult} out, unsigned. */
    public void request(Exchange exchange) {
        ConnectorCall call = begin(exchange);
        exchange.getMessage().setBody(PayproRequests.request(call, settings(), exchange.getMessage(), clock.millis()));
    }

    /** The body's sign, over every other field, salted with the app secret. */
    public void sign(Exchange exchange) {
        PayproSettings current = settings();
        exchange.getMessage().setBody(PayproSigner.signed(exchange.getMessage().getBody(ObjectNode.class),
                current.appSecret(), current.secretPosition()));
    }

    public ProviderOutcome reply(Exchange exchange) {
        return PayproReplies.outcome(call(exchange), exchange.getMessage(), settings().codes());
    }

    PayproSettings settings() {
        PayproSettings current = settings;
        if (current == null) {
            current = new PayproSettings(required("merchantNo", merchantNo), required("appSecret", appSecret),
                    PayproSigner.SecretPosition.of(secretPosition),
                    notificationUrl == null || notificationUrl.isBlank() ? null : notificationUrl,
                    PayproCodes.of(tradeNoTakenCodes, noSuchOrderCodes));
            settings = current;
        }
        return current;
    }

    public void setTradeNoTakenCodes(String tradeNoTakenCodes) {
        this.tradeNoTakenCodes = tradeNoTakenCodes;
    }

    public void setNoSuchOrderCodes(String noSuchOrderCodes) {
        this.noSuchOrderCodes = noSuchOrderCodes;
    }

    public void setMerchantNo(String merchantNo) {
        this.merchantNo = merchantNo;
    }

    public void setAppSecret(String appSecret) {
        this.appSecret = appSecret;
    }

    public void setSecretPosition(String secretPosition) {
        this.secretPosition = secretPosition;
    }

    public void setNotificationUrl(String notificationUrl) {
        this.notificationUrl = notificationUrl;
    }
}
