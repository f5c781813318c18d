package payoutroutes.connector.paypro;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import payoutroutes.connector.ConnectorCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import payoutroutes.model.Json;
import payoutroutes.model.PayoutStatus;
import payoutroutes.model.ProviderOutcome;

/** paypro's HTTP answer, {@code {msg, code, timestamp, success, data{...}}}, to a canonical outcome. */
final class PayproReplies {

    private static final Logger LOG = LoggerFactory.getLogger(PayproReplies.class);

    /** The two layers of an answer; null fields were absent. */
    record Reply(int http, String code, String msg, String tradeNo, String platFormTradeNo, String status,
                 String statusMessage) {

        static Reply read(int http, String body) {
            JsonNode json = Json.readLenient(body);
            if (!json.isObject()) {
                return new Reply(http, null, null, null, null, null, null);
            }
            JsonNode data = json.path("data");
            String message = Json.text(data, "desc") != null ? Json.text(data, "desc") : Json.text(data, "message");
            return new Reply(http, Json.text(json, "code"), Json.text(json, "msg"), Json.text(data, "tradeNo"),
                    Json.text(data, "platFormTradeNo"), Json.text(data, "status"), message);
        }

        /** Not paypro's two layers at all: an error page, a proxy's answer, a broken body. */
        boolean unreadable() {
            return http >= 500 || code == null;
        }

        /** The answer is about another order than the one asked about: nothing in it is believed. */
        boolean aboutAnother(String payoutId) {
            return tradeNo != null && !tradeNo.equals(payoutId);
        }
    }

    private PayproReplies() {
    }

    static ProviderOutcome outcome(ConnectorCall call, Message answer, PayproCodes codes) {
        Reply reply = Reply.read(answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                answer.getBody(String.class));
        String payoutId = call.payoutId();
        boolean create = call.isCreate();
        ProviderOutcome outcome = create ? createOutcome(reply, payoutId, codes) : statusOutcome(reply, payoutId, codes);
        LOG.info("payout={} provider={} step={} http={} code={} orderStatus={} outcome={}", payoutId,
                call.provider(), create ? "payOut" : "query", reply.http(), reply.code(),
                reply.status(), outcome.kind() == ProviderOutcome.Kind.ANSWERED ? outcome.status() : outcome.kind());
        return outcome;
    }

    static ProviderOutcome createOutcome(int http, String body, String payoutId) {
        return createOutcome(http, body, payoutId, PayproCodes.DEFAULT);
    }

    static ProviderOutcome createOutcome(int http, String body, String payoutId, PayproCodes codes) {
        return createOutcome(Reply.read(http, body), payoutId, codes);
    }

    static ProviderOutcome statusOutcome(int http, String body, String payoutId, PayproCodes codes) {
        return statusOutcome(Reply.read(http, body), payoutId, codes);
    }

    static ProviderOutcome statusOutcome(int http, String body, String payoutId) {
        return statusOutcome(http, body, payoutId, PayproCodes.DEFAULT);
    }

    /** The payOut answer: the outer code first (was the order placed?), then the order's status. */
    static ProviderOutcome createOutcome(Reply reply, String payoutId, PayproCodes codes) {
        if (reply.unreadable()) {
            return ProviderOutcome.noAnswer("no readable answer to the payOut, HTTP " + reply.http());
        }
        if (codes.tradeNoTaken().contains(reply.code())) {
            // paypro has an order under this tradeNo already: what became of it is for a query to tell
            return ProviderOutcome.noAnswer("paypro already has this tradeNo (code " + reply.code() + ")");
        }
        if (!PayproStatusMapping.callTaken(reply.code())) {
            return PayproStatusMapping.refusedCall(reply.code()) == PayoutStatus.UNKNOWN
                    ? ProviderOutcome.noAnswer("paypro answered the payOut with code " + reply.code())
                    : ProviderOutcome.answered(PayoutStatus.FAILED, null, null,
                            PayproStatusMapping.failure(reply.code(), reply.msg()));
        }
        return orderOutcome(reply, payoutId, "payOut");
    }

    /** The query answer: the outer code is about the query only, so only data.status can move the payout. */
    static ProviderOutcome statusOutcome(Reply reply, String payoutId, PayproCodes codes) {
        if (reply.unreadable()) {
            return ProviderOutcome.noAnswer("no readable answer to the query, HTTP " + reply.http());
        }
        if (codes.noSuchOrder().contains(reply.code())) {
            return ProviderOutcome.notFound("paypro has no order with this tradeNo (code " + reply.code() + ")");
        }
        if (!PayproStatusMapping.callTaken(reply.code())) {
            return ProviderOutcome.noAnswer("paypro refused the query with code " + reply.code());
        }
        return orderOutcome(reply, payoutId, "query");
    }

    private static ProviderOutcome orderOutcome(Reply reply, String payoutId, String call) {
        if (reply.status() == null || reply.aboutAnother(payoutId)) {
            return ProviderOutcome.noAnswer("the " + call + " answer names no status of this payout");
        }
        PayoutStatus status = PayproStatusMapping.orderStatus(reply.status());
        return switch (status) {
            case UNKNOWN -> ProviderOutcome.noAnswer("paypro reports data.status " + reply.status()
                    + " (unknown error): only a later query can tell");
            case FAILED -> ProviderOutcome.answered(status, reply.platFormTradeNo(), null,
                    PayproStatusMapping.failure(reply.status(), reply.statusMessage()));
            default -> ProviderOutcome.answered(status, reply.platFormTradeNo(), null, null);
        };
    }
}
