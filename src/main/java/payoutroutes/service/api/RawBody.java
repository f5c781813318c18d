package payoutroutes.service.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Message;
import payoutroutes.service.Problem;

/**
 * The exact bytes a provider posted. The callback route reads the body itself
 * ({@code useBodyHandler=false}): platform-http would parse a JSON body sent as
 * {@code application/x-www-form-urlencoded} as a form and lose the bytes that were signed
 * (camel-stack pitfall 4). Bounded, so a huge body is refused rather than buffered.
 */
public final class RawBody {

    private RawBody() {
    }

    public static byte[] read(Message message, int limit) {
        Object body = message.getBody();
        if (!(body instanceof HttpServerRequest request)) {
            byte[] bytes = message.getBody(byte[].class);
            return bytes == null ? new byte[0] : bytes;
        }
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        Buffer received = Buffer.buffer();
        request.handler(chunk -> {
            if (received.length() + chunk.length() > limit) {
                done.completeExceptionally(Problem.tooLarge(limit));
            } else {
                received.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(done::completeExceptionally);
        request.endHandler(end -> done.complete(received.getBytes()));
        request.resume();
        try {
            byte[] bytes = done.get(30, TimeUnit.SECONDS);
            message.setBody(bytes);
            return bytes;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Problem p ? p : new IllegalStateException("could not read the body", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the body did not arrive in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
