package payoutroutes.connector.paypro;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import payoutroutes.model.Json;
import payoutroutes.model.Beneficiary;
import payoutroutes.model.Money;
import payoutroutes.model.PayoutRequest;
import payoutroutes.connector.ConnectorCall;

/**
 * Builds paypro's HTTP request, still unsigned ({@link PayproSigner} signs it next): {@code POST
 * /v1/paypro/payOut} from the canonical payout, or {@code POST /v1/paypro/queryPayOutResult}; both with
 * the {@code merchantNo} header. Our payoutId is paypro's tradeNo.
 */
final class PayproRequests {

    public static final String PAY_OUT = "/v1/paypro/payOut";
    public static final String QUERY = "/v1/paypro/queryPayOutResult";

    /** An Indonesian mobile number as paypro takes it: 08... or 628..., 10 to 13 digits in all. */
    static final Pattern MOBILE = Pattern.compile("(?=[0-9]{10,13}$)(08|628)[0-9]+");

    private PayproRequests() {
    }

    /** The unsigned request ({@link PayproSigner} signs its body next): headers, and the body as JSON. */
    static ObjectNode request(ConnectorCall call, PayproSettings settings, Message message, long timestamp) {
        message.setHeader("merchantNo", settings.merchantNo());
        message.setHeader("Accept", "application/json");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (call.isCreate()) {
            message.setHeader(Exchange.HTTP_PATH, PAY_OUT);
            return payOutBody(call.payout(), settings, timestamp);
        }
        message.setHeader(Exchange.HTTP_PATH, QUERY);
        return queryBody(call.payoutId(), timestamp);
    }

    /** The payOut body as indonesia/payout.html shows it: whole rupiah, never a null (it would be signed). */
    static ObjectNode payOutBody(PayoutRequest request, PayproSettings settings, long timestamp) {
        Beneficiary beneficiary = request.beneficiary();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("timestamp", timestamp);
        body.put("tradeNo", request.payoutId());
        body.put("amount", wholeAmount(request.amount()));
        body.put("customerName", beneficiary.name());
        body.put("mobile", beneficiary.phone());
        body.put("email", beneficiary.email());
        body.put("bankAccountNo", beneficiary.accountNumber());
        body.put("bankCode", beneficiary.bankCode());
        if (settings.notificationUrl() != null) {
            body.put("notifyUrl", settings.notificationUrl());
        }
        if (request.description() != null && !request.description().isBlank()) {
            body.put("remark", request.description());
        }
        return body;
    }

    /** The query body; its timestamp is a string, as payoutQuery.html shows it (signed alike either way). */
    static ObjectNode queryBody(String payoutId, long timestamp) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("tradeNo", payoutId);
        body.put("timestamp", String.valueOf(timestamp));
        return body;
    }

    /** The amount as a JSON integer (100000, never 100000.0); a fraction was refused before, never rounded. */
    static BigInteger wholeAmount(Money amount) {
        if (amount.decimals() > 0) {
            throw new IllegalArgumentException("paypro takes whole amounts only; " + amount + " is never rounded");
        }
        return amount.normalized().toBigIntegerExact();
    }

    static boolean isMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }
}
