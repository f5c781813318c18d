package payoutroutes.connector.begateway;

import java.util.Map;

/** One shop of a beGateway brand, as its Kamelets' parameters configure it. */
record BegatewaySettings(String baseUrl, String shopId, String secretKey, int timeoutMs,
                         Map<String, Integer> currencyExponents, String notificationUrl, Map<String, String> methodTypes) {

    static final String DEFAULT_METHOD_TYPES = "BANK_TRANSFER:bank_transfer";
}
