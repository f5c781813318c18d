package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import payoutroutes.RunningService.Answer;

/** The console's two other starting points: no users yet (every login refused), and login switched off. */
class HawtioConsoleSettingsTest {

    private static final String TRIED_PASSWORD = "tried-password-marker";

    @Test
    void withNoUsersTheConsoleStartsRefusesEveryLoginAndSaysHowToAddOne(@TempDir Path dir) {
        int port = RunningService.freePort();
        String console = "http://127.0.0.1:" + port + "/hawtio";
        List<String> lines;
        try (CapturedLogs logs = CapturedLogs.install();
             RunningService service = RunningService.start(Map.of("payouts.hawtio.enabled", "true",
                     "payouts.hawtio.port", String.valueOf(port),
                     "payouts.hawtio.users-file", dir.resolve("no-such-file.properties").toString()))) {
            for (String user : List.of("admin", "hawtio", "ops")) {
                Answer login = RunningService.send(HttpRequest.newBuilder(URI.create(console + "/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"" + user + "\",\"password\":\"" + TRIED_PASSWORD + "\"}")).build());
                assertEquals(403, login.status(), user);
                assertEquals(403, jolokiaVersion(console, "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + TRIED_PASSWORD).getBytes(StandardCharsets.UTF_8))).status(), user);
            }
            lines = logs.lines();
        }
        assertEquals(1, lines.stream().filter(l -> l.contains("no users in") && l.contains("HawtioUsers add <user> admin"))
                .count(), "one clear line says how to add a user");
        assertTrue(lines.stream().noneMatch(l -> l.contains(TRIED_PASSWORD)), "no password in the logs");
    }

    @Test
    void withAuthenticationOffNoLoginIsAskedButThePolicyStillHolds() {
        int port = RunningService.freePort();
        String console = "http://127.0.0.1:" + port + "/hawtio";
        try (RunningService service = RunningService.start(Map.of("payouts.hawtio.enabled", "true",
                "payouts.hawtio.port", String.valueOf(port), "payouts.hawtio.authentication", "false"))) {
            Answer version = jolokiaVersion(console, null);
            assertEquals(200, version.status(), version.body());
            Answer gc = RunningService.send(HttpRequest.newBuilder(URI.create(console + "/jolokia/exec/java.lang:type=Memory/gc"))
                    .GET().build());
            assertEquals(403, gc.json().path("status").asInt(), gc.body());
        }
    }

    private static Answer jolokiaVersion(String console, String authorization) {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(console + "/jolokia/version")).GET();
        if (authorization != null) {
            get.header("Authorization", authorization);
        }
        return RunningService.send(get.build());
    }
}
