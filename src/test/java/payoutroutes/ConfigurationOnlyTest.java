package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static payoutroutes.RunningService.eventually;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import payoutroutes.RunningService.Answer;

/** What operators change without Java or a rebuild: a new provider of a family, and the routes themselves. */
class ConfigurationOnlyTest {

    @Test
    void aFourthAopayBrandIsAddedWithPropertiesAndAYamlInstance() throws Exception {
        try (RunningService service = RunningService.start(Map.of(
                "camel.main.routes-include-pattern", "file:routes/*.yaml,file:src/test/resources/fourth-provider/*.yaml",
                "payouts.providers.zetapay.base-url", "http://localhost:{{payouts.sandbox.port}}/sandbox/zetapay",
                "payouts.providers.zetapay.merchant-code", "ZETA-1",
                "payouts.providers.zetapay.secret", "zeta-secret",
                "payouts.providers.zetapay.timeout-ms", "5000",
                "payouts.sandbox.aopay-family.brands", "aopay,echelonpay,komopay,zetapay",
                "payouts.sandbox.zetapay.merchant-code", "ZETA-1",
                "payouts.sandbox.zetapay.secret", "zeta-secret"))) {
            Answer created = service.post("ZETA-1", Payouts.seed("zetapay"));

            assertEquals(201, created.status(), created.body());
            assertEquals("zetapay", created.text("provider"));
            assertEquals("PROCESSING", created.text("status"));
            assertEquals(1, service.aopaySandbox().createCalls("zetapay", "ZETA-1"));
            Answer settled = eventually(() -> service.refresh("ZETA-1"), a -> "SUCCEEDED".equals(a.text("status")),
                    Duration.ofSeconds(10));
            assertEquals("SUCCEEDED", settled.text("status"));
        }
    }

    @Test
    void anEditedRouteTakesEffectWhileRunningAndABrokenEditKeepsTheOldOne(@TempDir Path routes) throws Exception {
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        try (RunningService service = RunningService.start(Map.of(
                "camel.main.routes-include-pattern", "file:" + routes + "/*.yaml",
                "camel.main.routes-reload-enabled", "true",
                "camel.main.routes-reload-directory", routes.toString()))) {
            AtomicInteger n = new AtomicInteger();
            assertEquals("aopay", service.post("RELOAD-" + n.incrementAndGet(), Payouts.seed(null)).text("provider"));

            Path router = routes.resolve("router.yaml");
            String rules = Files.readString(router);
            Files.writeString(router, rules.replace("constant: aopay", "constant: komopay"));
            Answer rerouted = eventually(() -> service.post("RELOAD-" + n.incrementAndGet(), Payouts.seed(null)),
                    a -> "komopay".equals(a.text("provider")), Duration.ofSeconds(20));
            assertEquals("komopay", rerouted.text("provider"), rerouted.body());

            Files.writeString(router, "- route: [ this is not a route");
            Thread.sleep(3000);
            Answer stillRouted = service.post("RELOAD-" + n.incrementAndGet(), Payouts.seed(null));
            assertEquals(201, stillRouted.status(), stillRouted.body());
            assertEquals("komopay", stillRouted.text("provider"));
        }
    }

}
