package payoutroutes.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** An answer a provider gives: status, content type and body. */
public record Reply(int status, String contentType, String body) {

    public static Reply json(int status, JsonNode body) {
        return new Reply(status, "application/json", body.toString());
    }

    public static Reply text(int status, String body) {
        return new Reply(status, "text/plain", body);
    }

    /** The same answer cut off halfway, with a 200: what no JSON reader takes (a proxy or a crash mid-write). */
    public Reply garbled() {
        return new Reply(200, contentType, body.substring(0, body.length() / 2));
    }

    /** Sends it, unless the client is gone (a delayed answer may outlive its connection). */
    public void send(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.closed() || response.ended()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", contentType).end(body);
    }
}
