package payoutroutes.service.api;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.WebServerRequest;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import payoutroutes.service.Problem;

/**
 * The exact bytes a provider posted. The business server reads a callback's body before its route runs, bounded in
 * size and time and without a worker (a client that stalls must not hold one), and leaves it in the request's routing
 * context under {@link #READ_AHEAD}: the message body itself would be a form's fields for a JSON body sent as
 * {@code application/x-www-form-urlencoded}, and the bytes that were signed would be lost (camel-stack pitfall 4).
 */
public final class RawBody {

    /** Where the server leaves a callback's body, read ahead of its route. */
    public static final String READ_AHEAD = "payouts.callbackBody";

    private RawBody() {
    }

    /** The body's bytes, at most {@code limit} of them (413 beyond). */
    public static byte[] read(Message message, int limit) {
        byte[] bytes;
        HttpServerRequest request = request(message);
        if (request != null) {
            bytes = request instanceof WebServerRequest web ? web.routingContext().get(READ_AHEAD) : null;
            if (bytes == null) {
                throw new IllegalStateException("the body of " + request.path() + " was not read ahead of its route");
            }
        } else {
            bytes = message.getBody(byte[].class);
        }
        if (bytes == null) {
            bytes = new byte[0];
        }
        if (bytes.length > limit) {
            throw Problem.tooLarge(limit);
        }
        message.setBody(bytes);
        return bytes;
    }

    /** The HTTP request a message came in with; null when it did not come over HTTP. */
    public static HttpServerRequest request(Message message) {
        return message instanceof HttpMessage http ? http.getRequest() : null;
    }
}
