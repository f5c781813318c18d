package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import payoutroutes.RunningService.Answer;
import payoutroutes.sandbox.merchant.MerchantSandbox;

/**
 * A crash can leave a payout RECEIVED: recorded, perhaps sent, no answer kept (contract section 12). The
 * service is killed ({@code kill -9}) while two creates are out: one reached its provider, the other never got
 * past a provider that swallowed the connection. Started again, nobody sends anything and nobody refreshes:
 * reconciliation asks each provider first; the payout the provider has takes the provider's status, the one it
 * never got ends FAILED NOT_RECEIVED_BY_PROVIDER once the grace period is over, and neither is ever sent again
 * (the request is not kept, so it is never resent; the merchant may use a new payoutId).
 */
class ReceivedAfterCrashTest {

    private static final Duration GRACE = Duration.ofSeconds(15);

    @Test
    void payoutsLeftReceivedByACrashAreResolvedByAskingAndNeverSentAgain() throws Exception {
        Path dir = Files.createTempDirectory("received-crash");
        Path log = Files.createDirectories(Path.of("target", "crash-tests")).resolve("received-" + System.currentTimeMillis() + ".log");
        Map<String, String> store = System.getenv("PAYOUTS_TEST_POSTGRES") != null ? RunningService.freshStore()
                : Map.of("payouts.store.url", "jdbc:h2:file:" + dir.resolve("payouts").toAbsolutePath()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        String reached = "CRASH-REACHED-1";
        String neverGot = "CRASH-NEVER-GOT-1";
        try (SandboxProcess sandbox = SandboxProcess.start(Map.of("payouts.sandbox.settle-after-ms", "300",
                "payouts.sandbox.slow-reply-ms", "60000"));
             Swallower swallower = Swallower.start()) {
            Map<String, String> before = properties(sandbox, store);
            // overpay's connection is taken and never answered: its payout never reaches the provider
            before.put("payouts.providers.overpay.base-url", "http://127.0.0.1:" + swallower.port() + "/sandbox/overpay");
            String reachedBody = payout(sandbox, "paypro", "90010001"); // the sandbox takes it and sits on the answer
            String neverGotBody = payout(sandbox, "overpay", "11223344");
            try (ServiceProcess service = ServiceProcess.start(before, log)) {
                CompletableFuture.runAsync(() -> answerOrNothing(() -> service.post(reached, reachedBody)));
                CompletableFuture.runAsync(() -> answerOrNothing(() -> service.post(neverGot, neverGotBody)));
                eventually(() -> sandbox.createCalls("paypro", reached), n -> n == 1, Duration.ofSeconds(20));
                eventually(swallower::requests, n -> n >= 1, Duration.ofSeconds(20));

                service.kill();
            }

            try (ServiceProcess again = ServiceProcess.start(properties(sandbox, store), log)) {
                Answer left = again.get(neverGot);
                assertEquals("RECEIVED", left.text("status"), "the crash left it recorded and unanswered: " + left.body());

                Answer paid = eventually(() -> again.get(reached), a -> "SUCCEEDED".equals(a.text("status")),
                        Duration.ofSeconds(60));
                Answer failed = eventually(() -> again.get(neverGot), a -> "FAILED".equals(a.text("status")),
                        Duration.ofSeconds(60));

                assertTrue(paid.json().path("failure").isNull(), paid.body());
                assertEquals("NOT_RECEIVED_BY_PROVIDER", failed.json().at("/failure/code").asText(), failed.body());
                assertTrue(!Instant.parse(failed.text("updatedAt")).isBefore(
                        Instant.parse(failed.text("createdAt")).plus(GRACE)), "only once the grace is over");
                assertTrue(sandbox.statusQueries("paypro", reached) >= 1, "its provider was asked");
                assertTrue(sandbox.statusQueries("overpay", neverGot) >= 1, "its provider was asked");

                // the merchant sends both again: answered from the store, and neither reaches a provider again
                assertEquals(200, again.post(reached, reachedBody).status());
                assertEquals(200, again.post(neverGot, neverGotBody).status());
                assertEquals(1, sandbox.createCalls("paypro", reached), "sent once, ever");
                assertEquals(0, sandbox.createCalls("overpay", neverGot), "never sent after the crash");

                assertEquals(List.of("RECEIVED SUCCEEDED"), changes(sandbox, reached, 1));
                assertEquals(List.of("RECEIVED FAILED"), changes(sandbox, neverGot, 1));
            }
        }
    }

    private static Map<String, String> properties(SandboxProcess sandbox, Map<String, String> store) {
        Map<String, String> properties = new HashMap<>(sandbox.providerBaseUrls());
        properties.putAll(store);
        properties.put("payouts.sandbox.enabled", "false");
        properties.put("payouts.events.allowed-hosts", java.net.URI.create(sandbox.merchantUrl()).getAuthority());
        properties.put("payouts.reconciliation.poll-ms", "200");
        properties.put("payouts.reconciliation.delays", "1s");
        properties.put("payouts.reconciliation.grace", GRACE.toSeconds() + "s");
        properties.put("payouts.events.poll-ms", "200");
        for (String provider : List.of("aopay", "echelonpay", "komopay", "overpay", "paypro")) {
            // a RECEIVED payout is looked at once its create can no longer be in flight: 2 x 2s + 5s after creation
            properties.put("payouts.providers." + provider + ".timeout-ms", "2000");
        }
        return properties;
    }

    private static String payout(SandboxProcess sandbox, String provider, String account) {
        return Payouts.seed(provider, "10000", "IDR", account)
                .replace("https://merchant.example.com/payout-events", sandbox.merchantUrl());
    }

    private static void answerOrNothing(Runnable send) {
        try {
            send.run();
        } catch (IllegalStateException killedUnderIt) {
            // the process died with the request: it was never answered
        }
    }

    /** The merchant's verified events for the payout, as "previous status", once at least {@code count} came. */
    private static List<String> changes(SandboxProcess sandbox, String id, int count) throws InterruptedException {
        return eventually(() -> sandbox.sandbox(MerchantSandbox.class).received().stream()
                .filter(r -> r.verified() && r.answer() == 200 && id.equals(r.json().at("/payout/payoutId").asText()))
                .map(r -> r.json().path("previousStatus").asText() + " " + r.json().at("/payout/status").asText())
                .toList(), l -> l.size() >= count, Duration.ofSeconds(20));
    }

    /** A provider that takes every connection and never answers: what it gets never reaches anyone. */
    private static final class Swallower implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        private Swallower(ServerSocket server) {
            this.server = server;
        }

        static Swallower start() throws IOException {
            Swallower swallower = new Swallower(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread accept = new Thread(() -> {
                while (!swallower.server.isClosed()) {
                    try {
                        swallower.held.add(swallower.server.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "swallower");
            accept.setDaemon(true);
            accept.start();
            return swallower;
        }

        int port() {
            return server.getLocalPort();
        }

        int requests() {
            return held.size();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
