package payoutroutes.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A merchant's callback address that takes every notification (answering 200 OK) and keeps it, in order. */
public final class NotificationCatcher implements AutoCloseable {

    /** A notification as it arrived: its path and query, and its body. */
    public record Caught(String path, String body, long atNanos) {
    }

    private final HttpServer server;
    private final List<Caught> caught = new ArrayList<>();

    public NotificationCatcher() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (caught) {
                caught.add(new Caught(exchange.getRequestURI().toString(), body, System.nanoTime()));
            }
            byte[] answer = "OK".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /** A callback URL for this payout. */
    public String url(String payoutId) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/notify/" + payoutId;
    }

    /** The notifications about this payout so far, in the order they came. */
    public List<Caught> caught(String payoutId) {
        synchronized (caught) {
            return caught.stream().filter(c -> c.path().equals("/notify/" + payoutId)).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
