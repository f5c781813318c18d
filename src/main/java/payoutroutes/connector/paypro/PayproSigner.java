package payoutroutes.connector.paypro;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import payoutroutes.model.Json;

/**
 * paypro's credentials: every body carries {@code sign}, the MD5 of its other fields salted with the app
 * secret (research notes, section C). Exactly the documented Java code: keys sorted in Java String order,
 * {@code key=value} with no separator, empty values left out and a null signed as {@code null} (so we
 * never send one), the secret appended or prepended ({@code payouts.providers.<id>.secret-position}),
 * lowercase hex. A field is signed as its text in the JSON: {@code "30000"} and {@code 30000} alike.
 */
public final class PayproSigner {

    public static final String SIGN = "sign";

    /** Where the app secret goes; the docs' code was cut off before it, and the usual utility appends it. */
    public enum SecretPosition {
        APPEND, PREPEND;

        public static SecretPosition of(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "append" -> APPEND;
                case "prepend" -> PREPEND;
                default -> throw new IllegalStateException("secret-position must be append or prepend, not " + value);
            };
        }
    }

    private PayproSigner() {
    }

    /** The unsigned body in, the signed JSON text out: the sign is made over the very text that is sent. */
    static String signed(ObjectNode body, String secret, SecretPosition position) {
        try {
            Map<String, String> fields = fieldTexts(Json.MAPPER.writeValueAsBytes(body));
            if (fields.containsValue(null)) {
                throw new IllegalStateException("a null field would be signed as \"null\"");
            }
            body.put(SIGN, sign(fields, secret, position));
            return Json.MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("the body could not be written", e);
        }
    }

    /** The sign of these fields (name to text; {@code sign} itself is left out). */
    public static String sign(Map<String, String> fields, String secret, SecretPosition position) {
        String signed = signedText(fields);
        String salted = position == SecretPosition.APPEND ? signed + secret : secret + signed;
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest(salted.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** {@code key1=value1key2=value2...} before the secret is added. */
    static String signedText(Map<String, String> fields) {
        List<String> keys = new ArrayList<>(fields.keySet());
        Collections.sort(keys);
        StringBuilder text = new StringBuilder();
        for (String key : keys) {
            String value = String.valueOf(fields.get(key));
            if (!value.isEmpty() && !SIGN.equals(key)) {
                text.append(key).append('=').append(value);
            }
        }
        return text.toString();
    }

    /** Compares a received sign with the expected one in constant time (hex case does not matter). */
    public static boolean matches(String expected, String received) {
        return received != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                received.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The top-level fields of a JSON object, each as the text it has in the JSON: a string's value, a
     * number exactly as written ({@code 30000}, {@code 30000.00}), a JSON null as Java null.
     *
     * @throws IllegalArgumentException when it is not one flat JSON object with distinct field names
     */
    public static Map<String, String> fieldTexts(byte[] json) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw new IllegalArgumentException("field " + name + " is not a plain value");
                }
                if (fields.containsKey(name)) {
                    throw new IllegalArgumentException("field " + name + " appears twice");
                }
                fields.put(name, value == JsonToken.VALUE_NULL ? null : parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("content after the JSON object");
            }
            return fields;
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON", e);
        }
    }
}
