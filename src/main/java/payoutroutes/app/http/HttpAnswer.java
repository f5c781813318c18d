package payoutroutes.app.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.TypeConverter;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.MessageHelper;
import org.apache.camel.support.ObjectHelper;
import org.apache.camel.support.http.HttpUtil;

/**
 * Writes an exchange's message as the HTTP answer, the way platform-http answers (status from
 * {@code CamelHttpResponseCode}, the headers its filter lets through, the body as bytes), except that a failed
 * exchange is a bare 500: the routes turn every refusal into a problem answer themselves, and what is left is never
 * told to the client.
 */
final class HttpAnswer {

    private HttpAnswer() {
    }

    static void write(RoutingContext ctx, Exchange exchange, HeaderFilterStrategy headers) {
        HttpServerResponse response = ctx.response();
        Message message = exchange.getMessage();
        if (exchange.getException() != null) {
            response.setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8").end();
            return;
        }
        Object body = message.getBody();
        response.setStatusCode(HttpUtil.determineResponseCode(exchange, body));
        TypeConverter converter = exchange.getContext().getTypeConverter();
        if (headers != null) {
            for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
                String name = header.getKey();
                HttpUtil.applyHeader(headers, exchange, ObjectHelper.createIterator(header.getValue(), null, true),
                        converter, name, (values, first) -> {
                            if (values != null) {
                                response.putHeader(name, values);
                            } else if (first != null) {
                                response.putHeader(name, first);
                            }
                        });
            }
        }
        String contentType = MessageHelper.getContentType(message);
        if (contentType != null) {
            response.putHeader("Content-Type", contentType);
        }
        if (body == null) {
            response.end();
        } else if (body instanceof String text) {
            response.end(text);
        } else if (body instanceof byte[] bytes) {
            response.end(Buffer.buffer(bytes));
        } else if (body instanceof Buffer buffer) {
            response.end(buffer);
        } else {
            response.end(Buffer.buffer(converter.convertTo(byte[].class, exchange, body)));
        }
    }
}
