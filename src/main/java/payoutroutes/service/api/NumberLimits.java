package payoutroutes.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import payoutroutes.service.Problem;

/**
 * Every number of a request must fit the store's {@code numeric(38,12)}: at most 26 digits before the point and 12
 * after. A larger one (1e400, 1E+26) would fail the insert, and one like 1e999999999 the fingerprint; both are the
 * client's mistake, so they are a 400 naming the field, found before anything else looks at the numbers.
 */
final class NumberLimits {

    static final int MAX_INTEGER_DIGITS = 26;
    static final int MAX_DECIMALS = 12;
    static final String RULE = "is out of range: at most " + MAX_INTEGER_DIGITS + " digits before the point and "
            + MAX_DECIMALS + " after";

    private NumberLimits() {
    }

    static List<Problem.FieldError> errors(JsonNode request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode amount = request.path("amount").path("value");
        if (amount.isTextual() && amount.asText().matches("[0-9]+(\\.[0-9]+)?") && !fits(new BigDecimal(amount.asText()))) {
            errors.add(new Problem.FieldError("amount.value", RULE));
        }
        collect(request, "", errors);
        return errors;
    }

    private static void collect(JsonNode node, String path, List<Problem.FieldError> errors) {
        if (node.isNumber() && !fits(node.decimalValue())) {
            errors.add(new Problem.FieldError(path, RULE));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collect(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "." + i, errors);
            }
        }
    }

    /** Compares scale and precision only: no arithmetic on a number that may have a billion-digit exponent. */
    static boolean fits(BigDecimal value) {
        BigDecimal plain = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        long integerDigits = (long) plain.precision() - plain.scale();
        return plain.scale() <= MAX_DECIMALS && integerDigits <= MAX_INTEGER_DIGITS;
    }
}
