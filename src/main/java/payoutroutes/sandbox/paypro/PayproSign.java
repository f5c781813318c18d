package payoutroutes.sandbox.paypro;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import payoutroutes.sandbox.SandboxJson;

/**
 * paypro's {@code sign}, written from the research notes (section C) and not from the connector, so that the
 * sandbox checks the connector instead of agreeing with it: the fields other than {@code sign} in Java String
 * order of their keys, each as {@code key=value} with nothing between them, empty values left out, a JSON
 * null as the text {@code null} (what the documented Java code makes of it); the app secret added at the end
 * (or, to try the other reading of the docs, at the start); MD5 of the UTF-8 bytes in lowercase hex.
 */
public final class PayproSign {

    public static final String FIELD = "sign";

    /** Where the app secret goes. The sandbox takes it appended, as the research notes expect of the real one. */
    public enum Salt { APPENDED, PREPENDED }

    private PayproSign() {
    }

    public static String of(Map<String, String> fields, String secret, Salt salt) {
        String text = signedText(fields);
        return md5Hex(salt == Salt.APPENDED ? text + secret : secret + text);
    }

    /** {@code key1=value1key2=value2...}, before the secret. */
    static String signedText(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((key, value) -> {
            String shown = String.valueOf(value); // as the documented code does: a null is signed as "null"
            if (!FIELD.equals(key) && !shown.isEmpty()) {
                text.append(key).append('=').append(shown);
            }
        });
        return text.toString();
    }

    /** Whether the sign a request carries is the expected one: constant time, either hex case. */
    static boolean matches(String expected, String carried) {
        return carried != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                carried.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The fields of a flat JSON object, each as its text in the JSON ({@code "30000"} and {@code 30000} alike,
     * a JSON null as Java null), in the order they came.
     *
     * @throws IllegalArgumentException when it is not one flat JSON object with distinct keys
     */
    public static Map<String, String> fields(String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser parser = SandboxJson.MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    throw new IllegalArgumentException(key + " is not a plain value");
                }
                if (fields.containsKey(key)) {
                    throw new IllegalArgumentException(key + " comes twice");
                }
                fields.put(key, value == JsonToken.VALUE_NULL ? null : parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("something after the JSON object");
            }
            return fields;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON", e);
        }
    }

    private static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
