package payoutroutes.service.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import payoutroutes.model.Json;

/**
 * SHA-256 of a request's content "equal after parsing" (contract 9.2): keys sorted, nulls dropped,
 * numbers by value, and amount.value by value whether it came as a number or a decimal string.
 */
final class Fingerprint {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Fingerprint() {
    }

    static String of(JsonNode request) {
        JsonNode canonical = canonical(request);
        JsonNode amount = canonical.path("amount").path("value");
        if (amount.isTextual()) {
            ((ObjectNode) canonical.get("amount")).set("value", number(new BigDecimal(amount.asText())));
        }
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(canonical);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getValue().isNull()) {
                    sorted.put(field.getKey(), canonical(field.getValue()));
                }
            }
            ObjectNode out = NODES.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = NODES.arrayNode();
            node.forEach(item -> out.add(canonical(item)));
            return out;
        }
        if (node.isNumber()) {
            return number(node.decimalValue());
        }
        return node;
    }

    private static JsonNode number(BigDecimal value) {
        return NODES.numberNode(value.compareTo(BigDecimal.ZERO) == 0 ? BigDecimal.ZERO : value.stripTrailingZeros());
    }
}
