package payoutroutes.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import payoutroutes.sandbox.paypro.PayproSign;

/**
 * Speaks one provider family's protocol to the sandbox, as a connector would, so that one test can run
 * against every family: create a payout, ask about it, read a notification.
 */
public abstract class ProviderClient {

    protected final SandboxUnderTest sandbox;

    protected ProviderClient(SandboxUnderTest sandbox) {
        this.sandbox = sandbox;
    }

    /** One client per family, for parameterized tests. */
    public static List<ProviderClient> all(SandboxUnderTest sandbox) {
        return List.of(new Aopay(sandbox), new Overpay(sandbox), new Paypro(sandbox));
    }

    public abstract String provider();

    /** Sends a create; throws when no answer came at all. */
    public abstract HttpResponse<String> create(String payoutId, String account, String callbackUrl,
                                                Map<String, String> headers) throws IOException;

    /** Sends a status query; throws when no answer came at all. */
    public abstract HttpResponse<String> status(String payoutId, Map<String, String> headers) throws IOException;

    /** Whether a create's answer is the provider taking the payout, readably. */
    public abstract boolean took(HttpResponse<String> created);

    /** Whether a status answer says, readably, that the provider has the payout. */
    public abstract boolean holds(HttpResponse<String> status);

    /** The status a notification's body tells, in the provider's words. */
    public abstract String notifiedStatus(String body);

    /** The provider's words for a payout still pending, and for one paid. */
    public abstract String pending();

    public abstract String paid();

    @Override
    public String toString() {
        return provider();
    }

    public HttpResponse<String> create(String payoutId) throws IOException {
        return create(payoutId, "11223344", null, Map.of());
    }

    public HttpResponse<String> status(String payoutId) throws IOException {
        return status(payoutId, Map.of());
    }

    protected static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers)
            throws IOException {
        headers.forEach(request::header);
        return SandboxUnderTest.sendOrThrow(request.timeout(Duration.ofSeconds(10)).build());
    }

    protected static JsonNode json(HttpResponse<String> response) {
        JsonNode json = SandboxJson.readOrNull(response.body());
        return json == null ? SandboxJson.MAPPER.missingNode() : json;
    }

    /** The aopay platform: a token per payout, then the payout call. */
    static final class Aopay extends ProviderClient {

        private final Map<String, String> tokens = new ConcurrentHashMap<>();

        Aopay(SandboxUnderTest sandbox) {
            super(sandbox);
        }

        @Override
        public String provider() {
            return "aopay";
        }

        private String token(String payoutId) throws IOException {
            String token = tokens.get(payoutId);
            if (token == null) {
                ObjectNode ask = SandboxJson.object().put("merchantCode", SandboxUnderTest.AOPAY_MERCHANT)
                        .put("secret", SandboxUnderTest.AOPAY_SECRET).put("validitySecs", 600);
                ask.putArray("operations").add("POST /payouts/" + payoutId).add("GET /payouts/" + payoutId);
                token = json(send(HttpRequest.newBuilder(URI.create(sandbox.url("/sandbox/aopay/auth-tokens")))
                        .header("Content-Type", "application/json").header("X-API-Version", "2")
                        .POST(HttpRequest.BodyPublishers.ofString(ask.toString())), Map.of())).path("token").asText();
                tokens.put(payoutId, token);
            }
            return token;
        }

        @Override
        public HttpResponse<String> create(String payoutId, String account, String callbackUrl,
                                           Map<String, String> headers) throws IOException {
            ObjectNode body = SandboxJson.object();
            body.putObject("paymentRequested").putObject("money").put("amount", 10000).put("currencyCode", "IDR");
            body.putObject("paymentMethod").put("paymentMethodCode", "BANK_TRANSFER").put("paymentOperatorCode", "BNK_000")
                    .putObject("account").put("accountName", "Test account").put("accountNumber", account);
            if (callbackUrl != null) {
                body.put("callbackUrl", callbackUrl);
            }
            return send(HttpRequest.newBuilder(URI.create(sandbox.url("/sandbox/aopay/payouts/" + payoutId)))
                    .header("Authorization", "Bearer " + token(payoutId)).header("X-API-Version", "2")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), headers);
        }

        @Override
        public HttpResponse<String> status(String payoutId, Map<String, String> headers) throws IOException {
            return send(HttpRequest.newBuilder(URI.create(sandbox.url("/sandbox/aopay/payouts/" + payoutId)))
                    .header("Authorization", "Bearer " + token(payoutId)).header("X-API-Version", "2").GET(), headers);
        }

        @Override
        public boolean took(HttpResponse<String> created) {
            return created.statusCode() == 200 && !json(created).at("/paymentMethodResponse/idPayout").isMissingNode();
        }

        @Override
        public boolean holds(HttpResponse<String> status) {
            return status.statusCode() == 200 && !json(status).at("/process/status").isMissingNode();
        }

        @Override
        public String notifiedStatus(String body) {
            return SandboxJson.readOrNull(body).at("/process/status").asText();
        }

        @Override
        public String pending() {
            return "PENDING";
        }

        @Override
        public String paid() {
            return "SUCCESS";
        }
    }

    /** overpay (beGateway): Basic auth, a tracking_id per payout. */
    static final class Overpay extends ProviderClient {

        private static final String SHOP = "Basic " + Base64.getEncoder().encodeToString(
                (SandboxUnderTest.OVERPAY_SHOP + ":" + SandboxUnderTest.OVERPAY_SECRET).getBytes(StandardCharsets.UTF_8));

        Overpay(SandboxUnderTest sandbox) {
            super(sandbox);
        }

        @Override
        public String provider() {
            return "overpay";
        }

        @Override
        public HttpResponse<String> create(String payoutId, String account, String callbackUrl,
                                           Map<String, String> headers) throws IOException {
            ObjectNode request = SandboxJson.object();
            request.putObject("request").put("amount", 10000).put("currency", "IDR").put("description", "Test payout")
                    .put("tracking_id", payoutId);
            ObjectNode r = (ObjectNode) request.get("request");
            if (callbackUrl != null) {
                r.put("notification_url", callbackUrl);
            }
            r.putObject("method").put("type", "bank_transfer").put("account_number", account).put("bank_code", "BNK_000");
            r.putObject("customer").put("first_name", "Test").put("country", "ID");
            return send(HttpRequest.newBuilder(URI.create(sandbox.url("/sandbox/overpay/transactions/payouts")))
                    .header("Authorization", SHOP).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request.toString())), headers);
        }

        @Override
        public HttpResponse<String> status(String payoutId, Map<String, String> headers) throws IOException {
            return send(HttpRequest.newBuilder(URI.create(sandbox.url("/sandbox/overpay/transactions/tracking_id/"
                    + payoutId))).header("Authorization", SHOP).GET(), headers);
        }

        @Override
        public boolean took(HttpResponse<String> created) {
            return created.statusCode() == 200 && !json(created).at("/transaction/uid").isMissingNode();
        }

        @Override
        public boolean holds(HttpResponse<String> status) {
            return status.statusCode() == 200 && json(status).path("transactions").size() == 1;
        }

        @Override
        public String notifiedStatus(String body) {
            return SandboxJson.readOrNull(body).at("/transaction/status").asText();
        }

        @Override
        public String pending() {
            return "pending";
        }

        @Override
        public String paid() {
            return "successful";
        }
    }

    /** paypro: merchantNo and an MD5 sign on every call, answers in two layers. */
    static final class Paypro extends ProviderClient {

        Paypro(SandboxUnderTest sandbox) {
            super(sandbox);
        }

        @Override
        public String provider() {
            return "paypro";
        }

        private HttpResponse<String> call(String path, ObjectNode body, Map<String, String> headers) throws IOException {
            body.put("sign", PayproSign.of(PayproSign.fields(body.toString()), SandboxUnderTest.PAYPRO_SECRET,
                    PayproSign.Salt.APPENDED));
            return send(HttpRequest.newBuilder(URI.create(sandbox.url("/sandbox/paypro/v1/paypro/" + path)))
                    .header("merchantNo", SandboxUnderTest.PAYPRO_MERCHANT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), headers);
        }

        @Override
        public HttpResponse<String> create(String payoutId, String account, String callbackUrl,
                                           Map<String, String> headers) throws IOException {
            return call("payOut", SandboxJson.object().put("timestamp", String.valueOf(System.currentTimeMillis()))
                    .put("tradeNo", payoutId).put("amount", 100000).put("customerName", "Test account")
                    .put("mobile", "6281245907765").put("email", "customer@example.com").put("bankAccountNo", account)
                    .put("bankCode", "0002").put("notifyUrl", callbackUrl != null ? callbackUrl
                            : "http://127.0.0.1:1/nowhere"), headers);
        }

        @Override
        public HttpResponse<String> status(String payoutId, Map<String, String> headers) throws IOException {
            return call("queryPayOutResult", SandboxJson.object().put("tradeNo", payoutId)
                    .put("timestamp", String.valueOf(System.currentTimeMillis())), headers);
        }

        @Override
        public boolean took(HttpResponse<String> created) {
            return created.statusCode() == 200 && "0000".equals(json(created).path("code").asText());
        }

        @Override
        public boolean holds(HttpResponse<String> status) {
            return status.statusCode() == 200 && "0000".equals(json(status).path("code").asText());
        }

        @Override
        public String notifiedStatus(String body) {
            return SandboxJson.readOrNull(body).path("status").asText();
        }

        @Override
        public String pending() {
            return "0015";
        }

        @Override
        public String paid() {
            return "0000";
        }
    }
}
