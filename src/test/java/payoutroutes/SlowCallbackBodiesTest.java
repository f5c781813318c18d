package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payoutroutes.RunningService.Answer;

/**
 * Clients that send part of a notification's body and stall cost a socket each, not one of the server's workers:
 * while more of them stall than there are workers, a plain request is answered; each stalled one is answered 408 and
 * disconnected when the body timeout ends, with one WARN line and no stack trace. A body over the limit is a 413.
 */
class SlowCallbackBodiesTest {

    private static final int STALLED = 70;
    private static final int WORKERS = 8;

    @Test
    void stalledCallbackBodiesHoldNoWorker() throws Exception {
        try (CapturedLogs logs = CapturedLogs.install();
             RunningService service = RunningService.start(Map.of(
                     "payouts.http.worker-pool-size", String.valueOf(WORKERS),
                     "payouts.callbacks.body-timeout-ms", "8000"))) {
            assertEquals(201, service.post("SLOW-BODY-1", Payouts.seed("aopay")).status());
            int port = java.net.URI.create(service.url("/")).getPort();
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < STALLED; i++) {
                    stalled.add(sendPartOfABody(port));
                }

                Answer plain = service.get("SLOW-BODY-1");

                assertEquals(200, plain.status(), plain.body());
                for (Socket socket : stalled) {
                    assertEquals(0, socket.getInputStream().available(), "a stalled client is still waiting");
                }
                List<String> answers = new ArrayList<>();
                for (Socket socket : stalled) {
                    answers.add(answerTo(socket));
                }
                assertTrue(answers.stream().allMatch(a -> a.startsWith("HTTP/1.1 408")
                        && a.contains("application/problem+json")), answers.get(0));
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            List<String> stalledLines = eventually(() -> logs.warnings().stream()
                    .filter(l -> l.contains("step=callback-body-stalled")).toList(),
                    lines -> lines.size() == STALLED, Duration.ofSeconds(5));
            assertEquals(STALLED, stalledLines.size());
            assertEquals(List.of(), logs.stackTraces(), "no stack trace for a stalled client");
            assertEquals(200, service.get("SLOW-BODY-1").status());
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        try (RunningService service = RunningService.start()) {
            int port = java.net.URI.create(service.url("/")).getPort();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                write(socket, "POST /callbacks/aopay HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 70000\r\n\r\n{");
                String answer = answerTo(socket);
                assertTrue(answer.startsWith("HTTP/1.1 413") && answer.contains("application/problem+json"), answer);
            }
        }
    }

    /** 5 bytes of a 1,000-byte body, and then nothing. */
    private static Socket sendPartOfABody(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        write(socket, "POST /callbacks/aopay?payoutId=SLOW-BODY-1 HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\":");
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Everything the server sends until it closes the connection (or 20 s pass). */
    private static String answerTo(Socket socket) throws IOException {
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                answer.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
        } catch (SocketTimeoutException stillOpen) {
            answer.append("[still open]");
        }
        return answer.toString();
    }
}
