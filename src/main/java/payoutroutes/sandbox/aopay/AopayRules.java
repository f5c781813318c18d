package payoutroutes.sandbox.aopay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/** What the aopay platform refuses in a payout's body (each broken rule named; none: it is taken). */
final class AopayRules {

    private AopayRules() {
    }

    static List<String> broken(JsonNode body) {
        List<String> errors = new ArrayList<>();
        JsonNode money = body.path("paymentRequested").path("money");
        JsonNode amount = money.path("amount");
        String currency = money.path("currencyCode").asText("");
        if (!amount.isNumber() || amount.decimalValue().signum() <= 0) {
            errors.add("paymentRequested.money.amount must be a positive number");
        }
        int exponent;
        try {
            exponent = Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException e) {
            exponent = -1;
            errors.add("paymentRequested.money.currencyCode is unknown");
        }
        if (amount.isNumber() && exponent >= 0 && amount.decimalValue().stripTrailingZeros().scale() > exponent) {
            errors.add("paymentRequested.money.amount has too many decimals for " + currency);
        }
        JsonNode method = body.path("paymentMethod");
        if (!AopayPayout.BANK_TRANSFER.equals(method.path("paymentMethodCode").asText())) {
            errors.add("paymentMethod.paymentMethodCode must be BANK_TRANSFER");
        }
        for (String field : List.of("accountName", "accountNumber")) {
            if (method.path("account").path(field).asText("").isBlank()) {
                errors.add("paymentMethod.account." + field + " is required");
            }
        }
        if (method.path("paymentOperatorCode").asText("").isBlank()) {
            errors.add("paymentMethod.paymentOperatorCode is required");
        }
        String callback = body.path("callbackUrl").asText("");
        if (!callback.isEmpty() && !callback.matches("https?://.+")) {
            errors.add("callbackUrl must be an absolute http(s) URL");
        }
        return errors;
    }
}
