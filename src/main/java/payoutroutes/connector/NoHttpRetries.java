package payoutroutes.connector;

import java.io.IOException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * How often a provider call is resent by the HTTP client: never. HttpClient's default resends a request answered
 * 429 or 503 (a POST too, as our bodies are repeatable), and a resent create could pay twice; what became of a
 * call without a usable answer is for a status query to tell. Every payout Kamelet sets it on its own endpoints
 * ({@code httpClient.retryStrategy}), so it holds in any host application whatever its camel-http configuration.
 */
public final class NoHttpRetries implements HttpRequestRetryStrategy {

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
