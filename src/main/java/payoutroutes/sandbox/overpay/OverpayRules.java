package payoutroutes.sandbox.overpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import payoutroutes.sandbox.SandboxJson;

/**
 * What beGateway refuses in a payout request, each broken rule named where beGateway names it
 * ({@code {"request":{"amount":["is missing"]}}}); empty: it is taken.
 */
final class OverpayRules {

    private OverpayRules() {
    }

    static ObjectNode broken(JsonNode request, Set<String> methodTypes) {
        ObjectNode errors = SandboxJson.object();
        JsonNode amount = request.path("amount");
        if (amount.isMissingNode() || amount.isNull()) {
            error(errors, "is missing", "amount");
        } else if (!amount.isIntegralNumber()) {
            error(errors, "must be an integer", "amount");
        } else if (amount.bigIntegerValue().signum() <= 0) {
            error(errors, "must be greater than 0", "amount");
        }
        String currency = request.path("currency").asText("");
        if (currency.isEmpty()) {
            error(errors, "is missing", "currency");
        } else if (!isCurrency(currency)) {
            error(errors, "is invalid", "currency");
        }
        String description = request.path("description").asText("");
        if (description.isBlank()) {
            error(errors, "is missing", "description");
        } else if (description.codePointCount(0, description.length()) > 255) {
            error(errors, "is too long (maximum is 255 characters)", "description");
        }
        JsonNode trackingId = request.path("tracking_id");
        if (!trackingId.isMissingNode() && (!trackingId.isTextual() || trackingId.asText().length() > 255)) {
            error(errors, "is invalid", "tracking_id");
        }
        JsonNode notificationUrl = request.path("notification_url");
        if (!notificationUrl.isMissingNode() && !notificationUrl.asText("").matches("https?://\\S+")) {
            error(errors, "is invalid", "notification_url");
        }
        if (!request.path("test").isMissingNode() && !request.path("test").isBoolean()) {
            error(errors, "must be a boolean", "test");
        }
        JsonNode customer = request.path("customer");
        if (!customer.isMissingNode() && !customer.isObject()) {
            error(errors, "is invalid", "customer");
        }
        if (customer.has("email") && !customer.path("email").asText("").matches("[^@\\s]+@[^@\\s]+")) {
            error(errors, "is invalid", "customer", "email");
        }
        if (customer.has("country") && !customer.path("country").asText("").matches("[A-Z]{2}")) {
            error(errors, "is invalid", "customer", "country");
        }
        JsonNode method = request.path("method");
        String type = method.path("type").asText("");
        if (!method.isObject()) {
            error(errors, "is missing", "method");
        } else if (type.isEmpty()) {
            error(errors, "is missing", "method", "type");
        } else if (!methodTypes.contains(type)) {
            error(errors, "is not supported", "method", "type");
        } else if ("bank_transfer".equals(type)) {
            // a bank transfer needs the account, and who and where the beneficiary is
            for (String field : List.of("account_number", "bank_code")) {
                if (method.path(field).asText("").isBlank()) {
                    error(errors, "is missing", "method", field);
                }
            }
            for (String field : List.of("first_name", "country")) {
                if (customer.path(field).asText("").isBlank()) {
                    error(errors, "is missing", "customer", field);
                }
            }
        }
        return errors;
    }

    private static void error(ObjectNode errors, String message, String... path) {
        ObjectNode node = errors;
        for (int i = 0; i < path.length - 1; i++) {
            node = node.has(path[i]) && node.get(path[i]).isObject() ? (ObjectNode) node.get(path[i])
                    : node.putObject(path[i]);
        }
        String last = path[path.length - 1];
        (node.has(last) && node.get(last).isArray() ? (ArrayNode) node.get(last) : node.putArray(last)).add(message);
    }

    private static boolean isCurrency(String code) {
        try {
            return Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
