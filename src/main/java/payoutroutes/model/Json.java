package payoutroutes.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one JSON mapper: decimals read exactly (never through a double) and written plainly, and what it reads
 * bounded, so that a hostile body is refused while it is parsed rather than failing later (a 2,000-level
 * nesting, a number of a million digits).
 */
public final class Json {

    /** Deeper than any request or provider reply we read; Jackson's default (1,000) is far more than needed. */
    public static final int MAX_NESTING_DEPTH = 32;
    /** Characters of one number: the store's numeric(38,12) needs at most 39 (26 digits, a point, 12 digits). */
    public static final int MAX_NUMBER_LENGTH = 64;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Json() {
    }

    /**
     * A provider's body as JSON, leniently: empty or unreadable is a missing node, never an exception,
     * so that a reply mapper can say "no readable answer" in one place.
     */
    public static JsonNode readLenient(String body) {
        try {
            JsonNode json = body == null || body.isBlank() ? null : MAPPER.readTree(body);
            return json == null ? MAPPER.missingNode() : json;
        } catch (java.io.IOException e) {
            return MAPPER.missingNode();
        }
    }

    /** A field's text when it is a present scalar; null when absent, null, an object or an array. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
