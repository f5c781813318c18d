package payoutroutes.service.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import payoutroutes.model.Beneficiary;
import payoutroutes.model.CurrencyExponents;
import payoutroutes.model.Money;
import payoutroutes.model.PayoutRequest;
import payoutroutes.model.Json;
import payoutroutes.service.Problem;
import payoutroutes.service.events.CallbackDestinations;

/**
 * Reads the body of {@code POST /payouts/{payoutId}} into a {@link PayoutRequest}, or refuses it with a
 * 400 that names every bad field (contract 9.3): first the JSON Schema that documents the request,
 * then what a schema can't say.
 */
public class PayoutRequestReader {

    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final CallbackDestinations destinations;

    /** A reader whose callbackUrl check lets through no internal address at all. */
    public PayoutRequestReader() {
        this(CallbackDestinations.of(""));
    }

    public PayoutRequestReader(CallbackDestinations destinations) {
        this.destinations = destinations;
    }

    private final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
            SchemaLocation.of("classpath:schema/payout-request.schema.json"),
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).locale(Locale.ENGLISH).build());

    /** The route's step: the raw body and the path's payoutId in, the validated request out. */
    public PayoutRequest read(Exchange exchange) {
        String payoutId = exchange.getMessage().getHeader("payoutId", String.class);
        Problem.requireValidPayoutId(payoutId);
        if (!JsonMediaType.isUtf8Json(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class))) {
            throw new Problem(415, "Unsupported media type", "Send the payout as application/json in UTF-8",
                    List.of(), null);
        }
        byte[] body = exchange.getMessage().getBody(byte[].class);
        PayoutRequest request = readBody(payoutId, body == null ? new byte[0] : body);
        exchange.setProperty("payoutId", request.payoutId());
        return request;
    }

    public PayoutRequest read(String payoutId, byte[] body) {
        Problem.requireValidPayoutId(payoutId);
        return readBody(payoutId, body);
    }

    /** The body, once the payoutId is known to be valid. */
    private PayoutRequest readBody(String payoutId, byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw Problem.tooLarge(MAX_BODY_BYTES);
        }
        JsonNode json = parse(body);
        List<Problem.FieldError> errors = new ArrayList<>(NumberLimits.errors(json));
        if (errors.isEmpty()) {
            // the schema's number checks are only safe on numbers of a sane size
            errors.addAll(schemaErrors(json));
        }
        errors.addAll(valueErrors(json, errors));
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        return toRequest(payoutId, json);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw Problem.invalid("body", "is empty; a JSON object is expected");
        }
        try {
            JsonNode json = Json.MAPPER.readTree(utf8(body));
            if (json == null || !json.isObject()) {
                throw Problem.invalid("body", "must be a JSON object");
            }
            return json;
        } catch (StreamConstraintsException e) {
            throw Problem.invalid("body", "is nested deeper than " + Json.MAX_NESTING_DEPTH
                    + " levels or has a number longer than " + Json.MAX_NUMBER_LENGTH + " characters");
        } catch (JsonProcessingException e) {
            throw Problem.invalid("body", e.getLocation() == null ? "is not valid JSON"
                    : "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    /** The body's text; bytes that are not UTF-8 are refused, never replaced. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw Problem.invalid("body", "is not UTF-8 text");
        }
    }

    private List<Problem.FieldError> schemaErrors(JsonNode json) {
        Set<Problem.FieldError> errors = new LinkedHashSet<>();
        for (ValidationMessage message : schema.validate(json)) {
            String field = fieldOf(message);
            if (!"then".equals(message.getType()) && !"if".equals(message.getType())) {
                errors.add(new Problem.FieldError(field, messageOf(message)));
            }
        }
        return new ArrayList<>(errors);
    }

    /** The dotted path of the canonical field (amount.value), the missing one for 'required'. */
    private static String fieldOf(ValidationMessage message) {
        JsonNodePath location = message.getInstanceLocation();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < location.getNameCount(); i++) {
            parts.add(String.valueOf(location.getElement(i)));
        }
        String type = message.getType();
        if (("required".equals(type) || "additionalProperties".equals(type)) && message.getProperty() != null) {
            parts.add(message.getProperty());
        }
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    private static String messageOf(ValidationMessage message) {
        return switch (message.getType()) {
            case "required" -> "is required";
            case "additionalProperties" -> "is not a known field";
            case "type" -> "must be of type " + message.getArguments()[1];
            case "pattern" -> "has the wrong format";
            default -> message.getError();
        };
    }

    /**
     * What a schema can't express: a positive exact amount, a real currency and a real country, and a callbackUrl
     * that does not lead inside (contract section 11).
     */
    private List<Problem.FieldError> valueErrors(JsonNode json, List<Problem.FieldError> already) {
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode value = json.path("amount").path("value");
        if (isClean("amount.value", already) && (value.isNumber() || value.isTextual())
                && decimal(value).signum() <= 0) {
            errors.add(new Problem.FieldError("amount.value", "must be greater than 0"));
        }
        JsonNode currency = json.path("amount").path("currency");
        if (isClean("amount.currency", already) && currency.isTextual()
                && !CurrencyExponents.isIsoCurrency(currency.asText())) {
            errors.add(new Problem.FieldError("amount.currency", "is not an ISO 4217 currency"));
        }
        JsonNode country = json.path("beneficiary").path("country");
        if (isClean("beneficiary.country", already) && country.isTextual() && !COUNTRIES.contains(country.asText())) {
            errors.add(new Problem.FieldError("beneficiary.country", "is not an ISO 3166-1 alpha-2 country"));
        }
        JsonNode callbackUrl = json.path("callbackUrl");
        if (isClean("callbackUrl", already) && callbackUrl.isTextual()) {
            destinations.refusalAtCreate(callbackUrl.asText())
                    .ifPresent(reason -> errors.add(new Problem.FieldError("callbackUrl", reason)));
        }
        return errors;
    }

    private static boolean isClean(String field, List<Problem.FieldError> errors) {
        return errors.stream().noneMatch(e -> e.field().equals(field));
    }

    private static BigDecimal decimal(JsonNode value) {
        return value.isTextual() ? new BigDecimal(value.asText()) : value.decimalValue();
    }

    private static PayoutRequest toRequest(String payoutId, JsonNode json) {
        JsonNode amount = json.get("amount");
        JsonNode b = json.get("beneficiary");
        Beneficiary beneficiary = new Beneficiary(Json.text(b, "name"), Json.text(b, "firstName"), Json.text(b, "lastName"),
                Json.text(b, "accountNumber"), Json.text(b, "bankCode"), Json.text(b, "email"), Json.text(b, "phone"),
                Json.text(b, "country"), Json.text(b, "city"), Json.text(b, "address"), Json.text(b, "zip"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        json.path("metadata").fields().forEachRemaining(f -> metadata.put(f.getKey(),
                f.getValue().isNumber() ? f.getValue().decimalValue()
                        : f.getValue().isBoolean() ? f.getValue().booleanValue() : f.getValue().asText()));
        return new PayoutRequest(payoutId, Json.text(json, "provider"),
                new Money(decimal(amount.get("value")), amount.get("currency").asText()),
                Json.text(json, "method"), beneficiary, Json.text(json, "description"), Json.text(json, "callbackUrl"),
                json.path("test").asBoolean(false), metadata, Fingerprint.of(json));
    }

}
