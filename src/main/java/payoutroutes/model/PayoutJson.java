package payoutroutes.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON a connector takes and gives (contract section 13): in, the canonical payout (section 2, with
 * its payoutId and provider); out, the outcome of one call. Amounts stay exact both ways.
 */
public final class PayoutJson {

    private PayoutJson() {
    }

    /** The canonical payout as a connector takes it. */
    public static ObjectNode of(PayoutRequest request) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("payoutId", request.payoutId());
        json.put("provider", request.provider());
        ObjectNode amount = json.putObject("amount");
        amount.put("value", request.amount().normalized());
        amount.put("currency", request.amount().currency());
        json.put("method", request.method());
        Beneficiary b = request.beneficiary();
        ObjectNode beneficiary = json.putObject("beneficiary");
        beneficiary.put("name", b.name());
        beneficiary.put("firstName", b.firstName());
        beneficiary.put("lastName", b.lastName());
        beneficiary.put("accountNumber", b.accountNumber());
        beneficiary.put("bankCode", b.bankCode());
        beneficiary.put("email", b.email());
        beneficiary.put("phone", b.phone());
        beneficiary.put("country", b.country());
        beneficiary.put("city", b.city());
        beneficiary.put("address", b.address());
        beneficiary.put("zip", b.zip());
        json.put("description", request.description());
        json.put("callbackUrl", request.callbackUrl());
        json.put("test", request.test());
        json.set("metadata", Json.MAPPER.valueToTree(request.metadata()));
        return json;
    }

    /**
     * A canonical payout read without judging it: the caller (the API, or whoever embeds a connector) has
     * validated it. Its payoutId is the one in the JSON unless {@code payoutId} is given.
     */
    public static PayoutRequest request(JsonNode json, String payoutId, String fingerprint) {
        JsonNode amount = json.path("amount");
        JsonNode b = json.path("beneficiary");
        Beneficiary beneficiary = new Beneficiary(Json.text(b, "name"), Json.text(b, "firstName"),
                Json.text(b, "lastName"), Json.text(b, "accountNumber"), Json.text(b, "bankCode"),
                Json.text(b, "email"), Json.text(b, "phone"), Json.text(b, "country"), Json.text(b, "city"),
                Json.text(b, "address"), Json.text(b, "zip"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        json.path("metadata").fields().forEachRemaining(f -> metadata.put(f.getKey(),
                f.getValue().isNumber() ? f.getValue().decimalValue()
                        : f.getValue().isBoolean() ? f.getValue().booleanValue() : f.getValue().asText()));
        Money money = amount.isObject() ? new Money(decimal(amount.get("value")), Json.text(amount, "currency")) : null;
        return new PayoutRequest(payoutId != null ? payoutId : Json.text(json, "payoutId"), Json.text(json, "provider"),
                money, Json.text(json, "method"), beneficiary, Json.text(json, "description"),
                Json.text(json, "callbackUrl"), json.path("test").asBoolean(false), metadata, fingerprint);
    }

    /** The outcome of one call to a provider, as a connector answers it. */
    public static ObjectNode of(ProviderOutcome outcome) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("outcome", outcome.kind().name());
        json.put("status", outcome.status() == null ? null : outcome.status().name());
        json.put("providerReference", outcome.providerReference());
        if (outcome.fee() == null) {
            json.putNull("fee");
        } else {
            json.putObject("fee").put("value", outcome.fee().normalized()).put("currency", outcome.fee().currency());
        }
        if (outcome.failure() == null) {
            json.putNull("failure");
        } else {
            json.putObject("failure").put("code", outcome.failure().code()).put("message", outcome.failure().message())
                    .put("providerCode", outcome.failure().providerCode());
        }
        json.put("detail", outcome.detail());
        return json;
    }

    public static ProviderOutcome outcome(JsonNode json) {
        String kind = Json.text(json, "outcome");
        if (kind == null) {
            throw new IllegalArgumentException("not an outcome: no 'outcome' field");
        }
        String status = Json.text(json, "status");
        JsonNode fee = json.path("fee");
        JsonNode failure = json.path("failure");
        return new ProviderOutcome(ProviderOutcome.Kind.valueOf(kind), status == null ? null : PayoutStatus.valueOf(status),
                Json.text(json, "providerReference"),
                fee.isObject() ? new Money(decimal(fee.get("value")), Json.text(fee, "currency")) : null,
                failure.isObject() ? new Failure(Json.text(failure, "code"), Json.text(failure, "message"),
                        Json.text(failure, "providerCode")) : null,
                Json.text(json, "detail"));
    }

    private static BigDecimal decimal(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isTextual() ? new BigDecimal(value.asText()) : value.decimalValue();
    }
}
