package payoutroutes.connector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A provider played by the test, over real HTTP on loopback, for a Kamelet tested on its own: each
 * {@code METHOD /path} is answered as the test scripts it (a standing answer, or answers used once, in order),
 * every request is recorded as it arrived, and an answer may be held back until the test is done with it, so
 * that a timeout is a timeout without a sleep. An unscripted request is answered 404.
 */
public final class StubProvider implements AutoCloseable {

    /** A request as it reached the provider; header names in lower case. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What the provider answers; {@link #hold()} never answers until the stub is reset or closed. */
    public record Reply(int status, String body, boolean isHeld, String location) {

        public static Reply json(int status, String body) {
            return new Reply(status, body, false, null);
        }

        public static Reply hold() {
            return new Reply(0, null, true, null);
        }

        /** A redirect to {@code location}, with no body. */
        public static Reply redirect(int status, String location) {
            return new Reply(status, null, false, location);
        }
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<Request, Reply>> standing = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> once = new HashMap<>();
    private volatile CountDownLatch release = new CountDownLatch(1);

    private StubProvider(HttpServer server) {
        this.server = server;
    }

    public static StubProvider start() {
        try {
            StubProvider stub = new StubProvider(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            stub.server.createContext("/", stub::handle);
            stub.server.setExecutor(stub.workers);
            stub.server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The provider's API root. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every {@code METHOD /path} request so (unless an answer given {@link #once} comes first). */
    public StubProvider answer(String methodAndPath, Function<Request, Reply> reply) {
        standing.put(methodAndPath, reply);
        return this;
    }

    public StubProvider answer(String methodAndPath, int status, String body) {
        return answer(methodAndPath, request -> Reply.json(status, body));
    }

    /** Answers the next {@code METHOD /path} request so, once; several such answers are used in order. */
    public synchronized StubProvider once(String methodAndPath, Reply reply) {
        once.computeIfAbsent(methodAndPath, key -> new ArrayDeque<>()).add(reply);
        return this;
    }

    /** Every request so far, in order of arrival. */
    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests to one {@code METHOD /path}. */
    public List<Request> requests(String methodAndPath) {
        return requests().stream().filter(r -> methodAndPath.equals(r.method() + " " + r.path())).toList();
    }

    /** Forgets the script and the requests, and lets every held answer go. */
    public synchronized void reset() {
        release.countDown();
        release = new CountDownLatch(1);
        requests.clear();
        standing.clear();
        once.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(headers),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        Reply reply = replyTo(request);
        try (exchange) {
            if (reply.isHeld()) {
                // the caller's timeout is what ends this request; the test's end lets it go
                release.await(30, TimeUnit.SECONDS);
                return;
            }
            byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (reply.location() != null) {
                exchange.getResponseHeaders().set("Location", reply.location());
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Reply replyTo(Request request) {
        String key = request.method() + " " + request.path();
        Deque<Reply> queued = once.get(key);
        if (queued != null && !queued.isEmpty()) {
            return queued.poll();
        }
        Function<Request, Reply> reply = standing.get(key);
        return reply != null ? reply.apply(request) : Reply.json(404, "{\"message\":\"not scripted: " + key + "\"}");
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        workers.shutdownNow();
    }
}
