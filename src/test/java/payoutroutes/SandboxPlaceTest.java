package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import payoutroutes.RunningService.Answer;
import payoutroutes.app.PayoutRoutesApp;
import payoutroutes.app.SandboxPlace;
import payoutroutes.service.api.ApiClients;

/**
 * The sandbox's place (contract section 12): it runs only while every provider points at it, and a deployment with
 * a real provider does not start with the credentials this repository publishes.
 */
class SandboxPlaceTest {

    private static final Map<String, String> REAL_PROVIDERS = Map.of(
            "payouts.providers.aopay.base-url", "https://api.sandbox.aopay.io",
            "payouts.providers.overpay.base-url", "https://api.overpay.io/beyag",
            "payouts.providers.paypro.base-url", "https://openapi-test.paypro.tech/indonesia-pay");

    @Test
    void withARealProviderNoSandboxPortIsOpenedAndNoPayoutIsSettledByIt() throws Exception {
        int sandboxPort = RunningService.freePort();
        Map<String, String> own = new HashMap<>(REAL_PROVIDERS);
        own.put("payouts.sandbox.port", String.valueOf(sandboxPort));
        own.put("payouts.events.signing-secret", "our-own-events-secret");
        own.put("payouts.clients.sandbox.api-key-sha256", "");
        own.put("payouts.clients.erp.api-key-sha256", ApiClients.sha256Hex("erp-key"));
        try (RunningService service = RunningService.start(own)) {
            assertNull(service.context().getRegistry().lookupByName("sandboxProviders"));
            assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.1", sandboxPort), 1000));

            // echelonpay still names the sandbox, which is not there: the EUR payout is not sent, never SUCCEEDED
            Answer eur = service.withApiKey("erp-key").post("EUR-1", Payouts.seed(null, "10", "EUR", "11223344"));
            assertEquals(503, eur.status(), eur.body());
            assertEquals(401, service.post("SBX-KEY-1", Payouts.seed("aopay")).status(), "the sandbox key is off");
        }
    }

    @Test
    void theShippedKeyOrEventsSecretWithARealProviderStopsTheStart() {
        Map<String, String> shippedSecret = new HashMap<>(REAL_PROVIDERS);
        shippedSecret.put("payouts.clients.sandbox.api-key-sha256", "");
        for (Map<String, String> overrides : List.of(REAL_PROVIDERS, shippedSecret)) {
            IllegalStateException failed = assertThrows(IllegalStateException.class, () -> RunningService.start(overrides));
            Throwable cause = failed;
            while (cause != null && !(cause instanceof SandboxPlace.RefusedToStart)) {
                cause = cause.getCause();
            }
            assertTrue(cause != null && cause.getMessage().contains("provider aopay is real"), String.valueOf(failed));
        }
        Map<String, String> ownSecretSandboxKey = new HashMap<>(REAL_PROVIDERS);
        ownSecretSandboxKey.put("payouts.events.signing-secret", "our-own-events-secret");
        assertThrows(IllegalStateException.class, () -> RunningService.start(ownSecretSandboxKey), "the key alone");
    }

    @Test
    void theRefusalIsOneLineAndANonZeroExit(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dpayouts.providers.aopay.base-url=https://api.sandbox.aopay.io",
                "-Dcamel.server.port=" + RunningService.freePort(), "-Dcamel.management.port=" + RunningService.freePort(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                PayoutRoutesApp.class.getName()));
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(command).directory(Path.of(System.getProperty("user.dir")).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "it stops by itself");
        String output = Files.readString(log);
        assertEquals(2, process.exitValue(), output);
        List<String> reason = output.lines().filter(l -> l.startsWith("payout-routes will not start")).toList();
        assertEquals(1, reason.size(), output);
        assertTrue(reason.get(0).contains("sandbox API key") && reason.get(0).contains("events signing secret"), reason.get(0));
        assertTrue(output.lines().noneMatch(l -> l.strip().startsWith("at ")), "no stack trace: " + output);
        assertNotEquals(-1, output.indexOf("api.sandbox.aopay.io"));
    }

    @Test
    void theSandboxIsUnderSlashSandboxOnLoopback() {
        var hosts = java.util.Set.of("localhost", "127.0.0.1");
        assertTrue(SandboxPlace.isSandbox("http://localhost:8090/sandbox/aopay", hosts));
        assertTrue(SandboxPlace.isSandbox("http://127.0.0.1:18090/sandbox/paypro", hosts), "the sandbox running alone");
        for (String real : List.of("https://api.sandbox.aopay.io", "http://api.sandbox.aopay.io/sandbox/aopay",
                "http://localhost:8090/aopay", "http://evil.example:8090/sandbox/aopay", "https://localhost:8090/sandbox/x")) {
            assertTrue(!SandboxPlace.isSandbox(real, hosts), real);
        }
    }
}
