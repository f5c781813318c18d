package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import payoutroutes.RunningService.Answer;

/**
 * The failure that made health lie: the disk under the embedded database fills up while the service runs. Every
 * request then fails, and readiness must say so; once space is freed, the service must come back by itself, without
 * a restart, and readiness with it.
 */
class FullDiskTest {

    @Test
    void readinessGoesDownWithTheStoreAndTheServiceComesBackWhenSpaceIsFreed() throws Exception {
        Path dir = Files.createTempDirectory("full-disk");
        try (RunningService service = RunningService.start(Map.of("payouts.store.url", FullDisk.url(dir.resolve("payouts"))))) {
            assertEquals(201, service.post("DISK-1", Payouts.seed("aopay")).status());
            assertEquals(200, service.management("/observe/health/ready").status());

            FullDisk.fill();
            try {
                Answer refused = service.post("DISK-2", Payouts.seed("aopay"));
                assertEquals(503, refused.status(), refused.body());
                assertEquals("5", refused.headers().firstValue("Retry-After").orElse(null), "when to try again");
                assertEquals(0, service.aopaySandbox().createCalls("aopay", "DISK-2"), "nothing recorded, nothing sent");
                Answer down = RunningService.eventually(() -> service.management("/observe/health/ready"),
                        a -> a.status() == 503, Duration.ofSeconds(10));
                assertEquals(503, down.status(), down.body());
                assertTrue(down.body().contains("\"store\""), down.body());
                // not a blip: down for as long as the disk is full, and the API with it
                for (int i = 0; i < 3; i++) {
                    assertEquals(503, service.get("DISK-1").status());
                    assertEquals(503, service.management("/observe/health/ready").status());
                }
                assertEquals(200, service.management("/observe/health/live").status(),
                        "a restart would not free the disk: the process is alive");
            } finally {
                FullDisk.free();
            }
            // measured: about a second after the space is freed
            Answer up = RunningService.eventually(() -> service.management("/observe/health/ready"),
                    a -> a.status() == 200, Duration.ofSeconds(10));
            assertEquals(200, up.status(), up.body());
            assertEquals(200, service.get("DISK-1").status());
            assertEquals(201, service.post("DISK-2", Payouts.seed("aopay")).status());
        }
    }
}
