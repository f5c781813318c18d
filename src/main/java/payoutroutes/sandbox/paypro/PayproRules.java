package payoutroutes.sandbox.paypro;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What paypro refuses in a payOut or a queryPayOutResult body (each broken rule named; none: it is taken). */
final class PayproRules {

    static final Set<String> PAY_OUT_FIELDS = Set.of("sign", "timestamp", "tradeNo", "amount",
            "customerName", "mobile", "email", "bankAccountNo", "bankCode", "notifyUrl", "remark");
    static final Set<String> QUERY_FIELDS = Set.of("sign", "timestamp", "tradeNo");
    private static final Pattern MILLIS = Pattern.compile("[0-9]{13}");
    private static final Pattern MOBILE = Pattern.compile("(?=[0-9]{10,13}$)(08|628)[0-9]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern URL = Pattern.compile("https?://\\S+");

    private PayproRules() {
    }

    /** @param amount the amount as JSON, for its type (the signed text does not tell 100000 from 100000.0) */
    static List<String> payOut(Map<String, String> fields, JsonNode amount) {
        Set<String> required = new LinkedHashSet<>(PAY_OUT_FIELDS);
        required.remove("remark");
        List<String> errors = new ArrayList<>(unknownOrMissing(fields, PAY_OUT_FIELDS, required));
        check(errors, fields, "timestamp", MILLIS, "timestamp must be in milliseconds");
        check(errors, fields, "mobile", MOBILE, "mobile must start with 08 or 628 and have 10 to 13 digits");
        check(errors, fields, "email", EMAIL, "email is not an email address");
        check(errors, fields, "notifyUrl", URL, "notifyUrl must be an http(s) URL");
        if (amount != null && !(amount.isIntegralNumber() && amount.bigIntegerValue().signum() > 0)) {
            errors.add("amount must be a whole number greater than 0 (decimals are not supported)");
        }
        if (fields.get("tradeNo") != null && fields.get("tradeNo").length() > 64) {
            errors.add("tradeNo is longer than 64 characters");
        }
        return errors;
    }

    static List<String> query(Map<String, String> fields) {
        List<String> errors = new ArrayList<>(unknownOrMissing(fields, QUERY_FIELDS, QUERY_FIELDS));
        check(errors, fields, "timestamp", MILLIS, "timestamp must be in milliseconds");
        return errors;
    }

    private static List<String> unknownOrMissing(Map<String, String> fields, Set<String> known, Set<String> required) {
        List<String> errors = new ArrayList<>();
        fields.keySet().stream().filter(f -> !known.contains(f)).sorted().forEach(f -> errors.add(f + " is not a field"));
        required.stream().sorted().filter(f -> fields.get(f) == null || fields.get(f).isBlank())
                .forEach(f -> errors.add(f + " is required"));
        return errors;
    }

    private static void check(List<String> errors, Map<String, String> fields, String field, Pattern rule,
                              String message) {
        String value = fields.get(field);
        if (value != null && !value.isBlank() && !rule.matcher(value).matches()) {
            errors.add(message);
        }
    }
}
