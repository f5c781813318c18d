package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static payoutroutes.RunningService.eventually;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import payoutroutes.RunningService.Answer;
import payoutroutes.app.console.HawtioUsers;
import payoutroutes.sandbox.merchant.MerchantSandbox;

/**
 * The operations console as an operator uses it, in a real browser (Debian's headless chromium): log in,
 * see the payout routes counting a sandbox payout, replay a dead-lettered event; a wrong password is
 * refused, and the console's Jolokia refuses what its access policy does not allow. One service and one
 * browser for the whole class; the routes view is kept as target/screenshots/hawtio-routes.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HawtioConsoleTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String USER = "ops";
    private static final String PASSWORD = "console test passphrase";
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private RunningService service;
    private String console;
    private Playwright playwright;
    private Browser browser;
    private String deadEventId;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            String missing = "the console's browser test needs Debian's chromium at " + CHROMIUM
                    + " (.ci/run installs it: apt-get install -y chromium)";
            if (System.getenv("CI") != null) {
                fail(missing); // in CI a missing browser is a broken build, not a skipped test
            }
            Assumptions.abort(missing);
        }
        Path usersFile = dir.resolve("hawtio-users.properties");
        new HawtioUsers(usersFile).add(USER, PASSWORD.toCharArray(), List.of(HawtioUsers.ADMIN_ROLE));
        int port = RunningService.freePort();
        service = RunningService.start(Map.of(
                "payouts.hawtio.enabled", "true",
                "payouts.hawtio.port", String.valueOf(port),
                "payouts.hawtio.users-file", usersFile.toString(),
                "payouts.events.poll-ms", "100",
                "payouts.events.retry-delays", "200ms,200ms"));
        console = "http://127.0.0.1:" + port + "/hawtio";

        // a sandbox payout to count, and one whose merchant refuses every attempt until its event is dead-lettered
        assertEquals(201, service.post("CONSOLE-1", Payouts.seed("aopay")).status());
        assertEquals(201, service.post("CONSOLE-DEAD-1", Payouts.seed("aopay").replace(
                "https://merchant.example.com/payout-events", service.merchantUrl("?fail=3"))).status());
        deadEventId = eventually(this::deadLetterOfThePayout, id -> id != null, Duration.ofSeconds(10));
        assertTrue(deadEventId != null, "the event was dead-lettered");

        // Playwright must never download a browser (the pom says so too, for runs outside Maven it is said here)
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        // without the networking switches chromium keeps calling Google's hosts, which this network refuses
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                        "--disable-background-networking", "--disable-component-update")));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        try (BrowserContext context = newContext()) {
            Page page = context.newPage();
            logIn(page, USER, "not the console passphrase");

            page.getByText("Invalid login credentials").waitFor();
            assertTrue(page.url().endsWith("/login"), page.url());
            Object jolokia = page.evaluate("async url => (await fetch(url)).status", console + "/jolokia/version");
            assertEquals(403, ((Number) jolokia).intValue(), "no session came of it");
        }
    }

    @Test
    void theOperatorSeesThePayoutRoutesCountingTheSandboxPayout() throws Exception {
        try (BrowserContext context = newContext()) {
            Page page = loggedInAsTheOperator(context, "/camel");
            page.getByText("routes", new Page.GetByTextOptions().setExact(true)).first().click();
            for (String route : List.of("create-payout", "choose-provider", "provider-aopay")) {
                Locator total = routesTableCell(page, route, "Total");
                assertTrue(Integer.parseInt(total.innerText().trim()) > 0, route + " counted the payout");
            }
            assertEquals("0", routesTableCell(page, "provider-paypro", "Total").innerText().trim(),
                    "the counts are this service's: no payout went to paypro");
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("hawtio-routes.png")));

            // one route's diagram: Hawtio draws nothing for the whole folder once Kamelets are among the routes
            page.getByText("Expand all", new Page.GetByTextOptions().setExact(true)).click();
            page.getByRole(AriaRole.TREE).getByText("create-payout", new Locator.GetByTextOptions().setExact(true)).click();
            page.getByText("Route Diagram", new Page.GetByTextOptions().setExact(true)).first().click();
            page.locator(".react-flow__node").first().waitFor();
            assertTrue(page.locator(".react-flow__node").count() > 10, "the route is drawn, step by step");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("hawtio-route-diagram.png")));
        }
    }

    @Test
    void theOperatorReplaysADeadLetteredEventFromTheConsole() throws Exception {
        try (BrowserContext context = newContext()) {
            Page page = loggedInAsTheOperator(context, "/jmx");
            page.locator("#payoutroutes-folder > div button.pf-v5-c-tree-view__node-toggle").click();
            page.locator("#payoutroutes-folder-DeadLetters-folder > div button.pf-v5-c-tree-view__node-toggle").click();
            page.locator("#payoutroutes-folder-DeadLetters-folder-payout-routes button.pf-v5-c-tree-view__node-text").click();
            page.getByText("Operations", new Page.GetByTextOptions().setExact(true)).first().click();

            Locator list = execute(page, "list()");
            assertTrue(list.getByText(deadEventId + " payout=CONSOLE-DEAD-1").count() > 0, list.innerText());

            Locator replay = execute(page, "replay(java.lang.String)", deadEventId);
            assertTrue(replay.getByText("replayed " + deadEventId).count() > 0, replay.innerText());
            replay.getByText("replayed " + deadEventId).first().scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("hawtio-dead-letters.png")));
        }
        List<MerchantSandbox.Received> attempts = eventually(() -> service.merchantEvents("CONSOLE-DEAD-1"),
                a -> a.stream().anyMatch(r -> r.answer() == 200 && r.eventId().equals(deadEventId)), Duration.ofSeconds(10));
        assertTrue(attempts.stream().anyMatch(r -> r.answer() == 200 && r.eventId().equals(deadEventId)),
                "the replayed event reached the merchant");
        assertFalse(String.join("\n", deadLetters()).contains(deadEventId), "and is no longer dead");
    }

    @Test
    void jolokiaRefusesWhatThePolicyDoesNotAllow() throws Exception {
        String basic = basic(USER, PASSWORD);
        Answer route = jolokia(basic, """
                {"type":"read","mbean":"org.apache.camel:context=payout-routes,type=routes,name=\\"create-payout\\"",
                 "attribute":"ExchangesTotal"}""");
        assertEquals(200, route.json().path("status").asInt(), route.body());
        assertTrue(route.json().path("value").asLong() > 0, route.body());

        for (String refused : List.of(
                "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}",
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}",
                "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\",\"operation\":\"vmSystemProperties\"}",
                "{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\",\"operation\":\"dumpHeap\","
                        + "\"arguments\":[\"target/console-test.hprof\",true]}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"}",
                "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=payout-routes,type=routes,name=\\\"create-payout\\\"\",\"operation\":\"stop()\"}",
                "{\"type\":\"exec\",\"mbean\":\"org.apache.camel:context=payout-routes,type=context,name=\\\"payout-routes\\\"\",\"operation\":\"suspend()\"}",
                "{\"type\":\"exec\",\"mbean\":\"hawtio:type=JVMList\",\"operation\":\"listLocalJVMs()\"}")) {
            Answer answer = jolokia(basic, refused);
            assertEquals(403, answer.json().path("status").asInt(), refused + " -> " + answer.body());
        }
        assertEquals("Started", jolokia(basic, """
                {"type":"read","mbean":"org.apache.camel:context=payout-routes,type=routes,name=\\"create-payout\\"",
                 "attribute":"State"}""").json().path("value").asText());

        assertEquals(403, jolokia(null, "{\"type\":\"version\"}").status(), "no credentials");
        assertEquals(403, jolokia(basic(USER, "not the console passphrase"), "{\"type\":\"version\"}").status());
        assertEquals(404, RunningService.send(HttpRequest.newBuilder(URI.create(service.url("/hawtio/jolokia/version")))
                .GET().build()).status(), "nothing of the console on the business port");
        assertEquals(404, service.management("/observe/jolokia/version").status(), "nor on the management port");
    }

    @Test
    void jolokiaConnectsNowhereElse() throws Exception {
        // its JSR-160 proxy would connect to any JMX URL a request names; it is switched off
        try (ServerSocket elsewhere = new ServerSocket(0)) {
            elsewhere.setSoTimeout(500);
            jolokia(basic(USER, PASSWORD), """
                    {"type":"read","mbean":"java.lang:type=Memory","attribute":"Verbose",
                     "target":{"url":"service:jmx:rmi:///jndi/rmi://127.0.0.1:%d/jmxrmi"}}""".formatted(elsewhere.getLocalPort()));
            try {
                elsewhere.accept().close();
                fail("Jolokia connected to the target a request named");
            } catch (SocketTimeoutException expected) {
                // nobody came
            }
        }
        // Hawtio's proxy would forward to other local ports
        assertEquals("false", RunningService.send(HttpRequest.newBuilder(URI.create(console + "/proxy/enabled")).GET()
                .build()).body().trim(), "Hawtio's proxy is off");
    }

    private BrowserContext newContext() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 960));
        context.setDefaultTimeout(20_000);
        return context;
    }

    private void logIn(Page page, String user, String password) {
        page.navigate(console + "/");
        page.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Username")).fill(user);
        page.locator("input[type=password]").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    /** A page of the console, logged in as the operator, at the given view. */
    private Page loggedInAsTheOperator(BrowserContext context, String view) {
        Page page = context.newPage();
        logIn(page, USER, PASSWORD);
        page.getByText(USER, new Page.GetByTextOptions().setExact(true)).first().waitFor(); // the header names the user
        assertFalse(page.url().endsWith("/login"), page.url());
        page.navigate(console + view);
        return page;
    }

    /** A cell of Hawtio's routes table, by route and column header. */
    private static Locator routesTableCell(Page page, String route, String column) {
        Locator row = page.locator("tbody tr").filter(new Locator.FilterOptions()
                .setHas(page.getByText(route, new Page.GetByTextOptions().setExact(true))));
        row.first().waitFor();
        List<String> headers = page.locator("thead th").allInnerTexts().stream().map(String::trim).toList();
        int index = headers.indexOf(column);
        assertTrue(index >= 0, "no column " + column + " in " + headers);
        return row.first().locator("td").nth(index);
    }

    /**
     * Expands an operation of the JMX Operations tab, fills in its arguments, executes it and returns its list item
     * once a result shows.
     */
    private static Locator execute(Page page, String operation, String... arguments) {
        Locator item = page.locator("li[aria-labelledby='operation " + operation + "']");
        Locator section = page.locator("[id='operation-execute-" + operation + "']");
        item.locator("button[aria-label=Details]").click();
        for (int i = 0; i < arguments.length; i++) {
            section.locator("[id='operation-" + operation + "-arg-form-input-p" + (i + 1) + "-" + i + "']").fill(arguments[i]);
        }
        section.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Execute")).click();
        item.getByText("Result").waitFor();
        return item;
    }

    /** The first dead-lettered event of the payout whose merchant refuses, as its id; null while there is none. */
    private String deadLetterOfThePayout() {
        return deadLetters().stream().filter(l -> l.contains("payout=CONSOLE-DEAD-1 "))
                .map(l -> l.substring(0, l.indexOf(' '))).findFirst().orElse(null);
    }

    private List<String> deadLetters() {
        try {
            ObjectName deadLetters = new ObjectName("payoutroutes:type=DeadLetters,context="
                    + ObjectName.quote(service.context().getManagementName()));
            return Arrays.asList((String[]) ManagementFactory.getPlatformMBeanServer().invoke(deadLetters, "list",
                    new Object[0], new String[0]));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer jolokia(String authorization, String request) {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(console + "/jolokia/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(request));
        if (authorization != null) {
            post.header("Authorization", authorization);
        }
        return RunningService.send(post.build());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
