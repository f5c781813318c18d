package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import payoutroutes.RunningService.Answer;
import payoutroutes.sandbox.overpay.OverpaySandbox;

/**
 * Issue 8's chaos test: a few hundred payouts across the five providers, each with a fault or an outcome of its
 * own drawn from a seeded {@link Random} (account-number hints the sandbox understands, plus status queries that
 * fail now and then), many clients at once, one {@code kill -9} of the service mid-run and a restart on the same
 * store. The clients send again whatever got no answer, honour 503 Retry-After, and then only read. Nobody
 * refreshes: reconciliation and the providers' notifications alone must bring every payout to a final status,
 * no payout may reach its provider twice (counted by the sandbox, in this JVM, which outlives the kill), and the
 * merchant endpoint must have taken an event with each payout's final status. It prints its summary (also in
 * target/chaos-tests/), and its seed: {@code -Dchaos.seed=N} replays a run's draws (not its timing).
 *
 * <p>Left out of the draws, because the contract lets them stay open (flagged for an operator after
 * {@code flag-after}) rather than end: a status API that never answers about a payout of the aopay family (their
 * notifications are only wake-ups, section 8, so only a status answer can end one) or of overpay (its sandbox
 * notifies once, and a notification that meets the killed service is gone), and paypro's 9009 (the provider keeps
 * it at 00032, not final, for good). Status faults reach every provider all the same, drawn per query.
 */
class ChaosTest {

    private static final String[] PROVIDERS = {"aopay", "echelonpay", "komopay", "overpay", "paypro"};
    private static final int PAYOUTS = Integer.getInteger("chaos.payouts", 300);
    private static final int CLIENTS = 24;
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration ALL_ANSWERED_WITHIN = Duration.ofMinutes(2);
    private static final Duration ALL_FINAL_WITHIN = Duration.ofSeconds(90);
    private static final Duration EVENTS_WITHIN = Duration.ofSeconds(60);
    private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

    /** What one payout is given: a kind, the account-number prefix that asks the sandbox for it, and how it must end. */
    record Kind(String name, String prefix, String ends) {
    }

    /** One payout of the run. */
    record Planned(String payoutId, String provider, Kind kind, String body) {
    }

    private static final Kind NONE = new Kind("none", "1122", "SUCCEEDED");

    /** Faults and outcomes every family plays (AccountHints, and 9003 settling as refused). */
    private static final List<Kind> EVERY_FAMILY = List.of(
            new Kind("create.delay", "9001", "SUCCEEDED"),
            new Kind("create.500", "9002", "SUCCEEDED"),
            new Kind("create.garbage", "9011", "SUCCEEDED"),
            new Kind("create.reset", "9012", "SUCCEEDED"),
            new Kind("notify.twice", "9013", "SUCCEEDED"),
            new Kind("notify.out-of-order", "9014", "SUCCEEDED"),
            new Kind("notify.before-reply", "9015", "SUCCEEDED"),
            new Kind("settles-failed", "9003", "FAILED"));

    private static final List<Kind> OVERPAY = List.of(
            new Kind("overpay:settles-expired", "9005", "FAILED"),
            new Kind("overpay:500-not-kept", "9006", "FAILED"));

    /** paypro's notifications carry proof and are retried past the restart: a status API that never answers is survivable. */
    private static final List<Kind> PAYPRO = List.of(
            new Kind("status.500", "9016", "SUCCEEDED"),
            new Kind("status.garbage", "9017", "SUCCEEDED"),
            new Kind("status.delay", "9018", "SUCCEEDED"),
            new Kind("status.reset", "9019", "SUCCEEDED"),
            new Kind("create.delay+status.delay", "9004", "SUCCEEDED"),
            new Kind("paypro:answered-5000", "9005", "SUCCEEDED"),
            new Kind("paypro:refused-1006", "9006", "FAILED"),
            new Kind("paypro:paid-at-once", "9007", "SUCCEEDED"),
            new Kind("paypro:00032-then-paid", "9008", "SUCCEEDED"),
            new Kind("paypro:refused-at-once", "9010", "FAILED"));

    /** The kinds whose create reaches the provider and is not kept by it. */
    private static final Set<String> NOT_KEPT = Set.of("overpay:500-not-kept", "paypro:refused-1006");

    /** Status queries that fail now and then, drawn per query by the sandbox from the same seed. */
    private static final String TRANSIENT_FAULTS = "status.500@6%, status.garbage@3%, status.reset@3%, status.delay@3%";

    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger cutByKill = new AtomicInteger();
    private final AtomicInteger resends = new AtomicInteger();
    private final AtomicBoolean killed = new AtomicBoolean();
    private final AtomicLong killedAtMs = new AtomicLong(-1);
    private final Map<String, Answer> answered = new ConcurrentHashMap<>();
    private final Map<String, String> unexpected = new ConcurrentHashMap<>();
    private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final List<String> summary = Collections.synchronizedList(new ArrayList<>());
    private long startNanos;

    @Test
    void everyPayoutEndsOnceWithItsEventDeliveredThroughFaultsAndAKill() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        startNanos = System.nanoTime();
        Path dir = Files.createTempDirectory("chaos-store");
        Path logs = Files.createDirectories(Path.of("target", "chaos-tests"));
        Path log = logs.resolve("service-" + System.currentTimeMillis() + ".log");
        note("seed %d (replay the draws with -Dchaos.seed=%d); service log %s", seed, seed, log);
        try (SandboxProcess sandbox = SandboxProcess.start(Map.of(
                "payouts.sandbox.settle-after-ms", "500",
                // a delayed answer comes well past the providers' timeout below
                "payouts.sandbox.slow-reply-ms", "4000",
                "payouts.sandbox.faults", TRANSIENT_FAULTS,
                "payouts.sandbox.faults-seed", String.valueOf(seed),
                // paypro's real schedule, shortened: still past the restart
                "payouts.sandbox.paypro.notify-retry-ms", "1000,2000,4000,8000,15000,30000"));
             ServiceProcess service = ServiceProcess.start(properties(sandbox, dir), log)) {
            List<Planned> plan = plan(random, sandbox);
            int killAfter = PAYOUTS * (30 + random.nextInt(41)) / 100;
            try {
                run(plan, service, sandbox, killAfter);
            } finally {
                note("total wall time %.1f s", seconds());
                String text = String.join(System.lineSeparator(), summary);
                System.out.println("=== chaos summary ===" + System.lineSeparator() + text);
                Files.writeString(logs.resolve("summary-" + System.currentTimeMillis() + ".txt"), text + System.lineSeparator());
            }
        }
    }

    private void run(List<Planned> plan, ServiceProcess service, SandboxProcess sandbox, int killAfter) throws Exception {
        Map<String, Planned> byId = new LinkedHashMap<>();
        plan.forEach(p -> byId.put(p.payoutId(), p));
        Map<String, Integer> perProvider = new TreeMap<>();
        Map<String, Integer> perKind = new TreeMap<>();
        plan.forEach(p -> {
            perProvider.merge(p.provider(), 1, Integer::sum);
            perKind.merge(p.kind().name(), 1, Integer::sum);
        });
        note("%d payouts by %d clients; per provider %s", plan.size(), CLIENTS, perProvider);
        note("given per payout: %s; per query: %s", perKind, TRANSIENT_FAULTS);

        // every client sends its payouts; the service is killed right after the killAfter-th 201
        everyOnce(plan, p -> send(p, service, killAfter));
        assertTrue(killed.get(), "the service was killed mid-run (only " + created.get() + " payouts created of "
                + killAfter + ")");
        note("killed (kill -9) at %.1f s, right after the %d-th 201; %d requests cut by the kill, %d not sent yet",
                killedAtMs.get() / 1000.0, killAfter, cutByKill.get(), unanswered.size() - cutByKill.get());

        long restart = System.nanoTime();
        service.restart();
        note("restarted on the same store in %.1f s", (System.nanoTime() - restart) / 1e9);
        Map<String, Integer> afterRestart = new TreeMap<>();
        List<String> lost = new ArrayList<>();
        for (Planned p : plan) {
            Answer a = service.get(p.payoutId());
            afterRestart.merge(a.status() == 200 ? a.text("status") : String.valueOf(a.status()), 1, Integer::sum);
            if (answered.containsKey(p.payoutId()) && a.status() != 200) {
                lost.add(p.payoutId());
            }
        }
        note("read after the restart: %s (404: never recorded; RECEIVED: recorded, its create's outcome lost with the"
                + " process)", afterRestart);
        assertEquals(List.of(), lost, "payouts answered before the kill and not found after it");

        List<Planned> again = plan.stream().filter(p -> unanswered.contains(p.payoutId())).toList();
        everyOnce(again, p -> resend(p, service));
        note("resent after the kill: %d payouts, %d requests; answers over the run %s",
                again.size(), resends.get(), new TreeMap<>(answers));
        assertEquals(Map.of(), unexpected, "answers no client should get");
        assertEquals(plan.size(), answered.size(), "every payout answered 201 or 200");

        Map<String, Answer> finals = allFinal(byId, service);
        Map<String, Integer> byOutcome = new TreeMap<>();
        finals.values().forEach(a -> byOutcome.merge(a.text("status") + (a.json().path("failure").isObject()
                ? " " + a.json().at("/failure/code").asText() : ""), 1, Integer::sum));
        note("all final at %.1f s: %s", seconds(), byOutcome);

        Map<String, Integer> creates = new TreeMap<>();
        List<String> twice = new ArrayList<>();
        for (Planned p : plan) {
            int n = sandbox.createCalls(p.provider(), p.payoutId());
            creates.merge(n + (n == 1 ? " create" : " creates"), 1, Integer::sum);
            if (n > 1) {
                twice.add(p.payoutId() + " x" + n);
            }
        }
        JsonNode stats = sandbox.stats();
        long duplicates = 0;
        Map<String, Long> applied = new TreeMap<>();
        for (String provider : PROVIDERS) {
            JsonNode of = stats.at("/providers/" + provider);
            duplicates += of.path("duplicateCreates").asLong();
            of.path("faults").fields().forEachRemaining(f -> applied.merge(f.getKey(), f.getValue().asLong(), Long::sum));
        }
        note("faults the sandbox applied: %s", applied);
        note("creates that reached the providers, per payout: %s; duplicate creates: %d", creates, duplicates);

        List<String> wrongEnd = new ArrayList<>();
        for (Planned p : plan) {
            Answer a = finals.get(p.payoutId());
            String status = a.text("status");
            // NOT_RECEIVED_BY_PROVIDER is right for a payout the kill stopped before its create, or one the provider
            // did not keep (and the kill took the refusal with it); never for one the provider has
            boolean notReceived = "NOT_RECEIVED_BY_PROVIDER".equals(a.json().at("/failure/code").asText(null));
            boolean notKept = sandbox.createCalls(p.provider(), p.payoutId()) == 0 || NOT_KEPT.contains(p.kind().name());
            if (notReceived ? !notKept : !status.equals(p.kind().ends())) {
                wrongEnd.add(p.payoutId() + " (" + p.kind().name() + ") ended " + status + " " + a.json().path("failure"));
            }
        }

        Map<String, JsonNode> events = eventsDelivered(finals, sandbox);
        int throughUnknown = 0;
        for (JsonNode e : events.values()) {
            for (JsonNode event : e.path("events")) {
                if ("UNKNOWN".equals(event.path("status").asText()) || "UNKNOWN".equals(event.path("previousStatus").asText())) {
                    throughUnknown++;
                    break;
                }
            }
        }
        JsonNode merchant = stats.path("merchant");
        note("events: every payout's final status taken by the merchant at %.1f s; %d verified deliveries, %d refused;"
                        + " %d payouts went through UNKNOWN, resolved by reconciliation or the providers' notifications",
                seconds(), sandbox.stats().at("/merchant/verified").asLong(), merchant.path("refused").asLong(),
                throughUnknown);

        assertEquals(List.of(), twice, "payouts that reached their provider more than once");
        assertEquals(0, duplicates, "duplicate creates counted by the sandbox");
        assertEquals(0, sandbox.stats().at("/merchant/refused").asLong(), "events whose signature the merchant refused");
        assertEquals(List.of(), wrongEnd, "payouts that ended other than their fault or outcome says");
    }

    /** Each request once, by CLIENTS clients at a time; fails when they are not all done in time. */
    private static void everyOnce(List<Planned> payouts, Consumer<Planned> client) throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        payouts.forEach(p -> clients.submit(() -> client.accept(p)));
        clients.shutdown();
        if (!clients.awaitTermination(ALL_ANSWERED_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            clients.shutdownNow();
            throw new AssertionError("the clients were not done within " + ALL_ANSWERED_WITHIN);
        }
    }

    /** Before the kill: sent until answered (503: again after Retry-After), or cut off by the kill. */
    private void send(Planned p, ServiceProcess service, int killAfter) {
        while (true) {
            if (killed.get()) {
                unanswered.add(p.payoutId());
                return;
            }
            Answer a;
            try {
                a = service.post(p.payoutId(), p.body());
            } catch (IllegalStateException connectionLost) {
                if (killed.get()) {
                    cutByKill.incrementAndGet();
                    unanswered.add(p.payoutId());
                    return;
                }
                throw connectionLost;
            }
            answers.merge(String.valueOf(a.status()), 1, Integer::sum);
            if (a.status() == 201 || a.status() == 200) {
                answered.put(p.payoutId(), a);
                if (a.status() == 201 && created.incrementAndGet() == killAfter && killed.compareAndSet(false, true)) {
                    killedAtMs.set((long) (seconds() * 1000));
                    service.kill();
                }
                return;
            }
            if (a.status() != 503) {
                unexpected.put(p.payoutId(), a.status() + " " + a.body());
                return;
            }
            waitRetryAfter(a);
        }
    }

    /** After the restart: the same request again until it is answered 2xx (503: again after Retry-After). */
    private void resend(Planned p, ServiceProcess service) {
        for (int refused = 0; ; ) {
            resends.incrementAndGet();
            Answer a;
            try {
                a = service.post(p.payoutId(), p.body());
            } catch (IllegalStateException e) {
                if (++refused > 5) {
                    unexpected.put(p.payoutId(), "no answer after the restart: " + e.getMessage());
                    return;
                }
                sleep(500);
                continue;
            }
            answers.merge(String.valueOf(a.status()), 1, Integer::sum);
            if (a.status() == 201 || a.status() == 200) {
                answered.put(p.payoutId(), a);
                return;
            }
            if (a.status() != 503) {
                unexpected.put(p.payoutId(), a.status() + " " + a.body());
                return;
            }
            waitRetryAfter(a);
        }
    }

    private static void waitRetryAfter(Answer a) {
        long seconds = a.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
        sleep(Math.min(Math.max(seconds, 1), 30) * 1000);
    }

    /** Reads every payout, as a client would (no refresh), until all are final; fails naming those that are not. */
    private Map<String, Answer> allFinal(Map<String, Planned> byId, ServiceProcess service) {
        Map<String, Answer> finals = new HashMap<>();
        Map<String, Answer> open = new TreeMap<>();
        long deadline = System.nanoTime() + ALL_FINAL_WITHIN.toNanos();
        while (true) {
            open.clear();
            for (String id : byId.keySet()) {
                if (finals.containsKey(id)) {
                    continue;
                }
                Answer a = service.get(id);
                if (a.status() == 200 && FINAL.contains(a.text("status"))) {
                    finals.put(id, a);
                } else {
                    open.put(id, a);
                }
            }
            if (open.isEmpty()) {
                return finals;
            }
            if (System.nanoTime() > deadline) {
                List<String> left = open.entrySet().stream().map(e -> e.getKey() + " (" + byId.get(e.getKey()).kind().name()
                        + ") " + e.getValue().status() + " " + e.getValue().text("status") + " since "
                        + e.getValue().text("updatedAt")).toList();
                note("NOT FINAL after %s: %d payouts: %s", ALL_FINAL_WITHIN, left.size(), left);
                throw new AssertionError(left.size() + " payouts not final within " + ALL_FINAL_WITHIN + ": " + left);
            }
            sleep(1000);
        }
    }

    /** Waits until the merchant took, for every payout, an event with its final status; fails naming the others. */
    private Map<String, JsonNode> eventsDelivered(Map<String, Answer> finals, SandboxProcess sandbox) {
        Map<String, JsonNode> delivered = new HashMap<>();
        long deadline = System.nanoTime() + EVENTS_WITHIN.toNanos();
        while (true) {
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, Answer> f : finals.entrySet()) {
                if (delivered.containsKey(f.getKey())) {
                    continue;
                }
                JsonNode events = merchantEvents(sandbox, f.getKey());
                if (f.getValue().text("status").equals(events.path("lastStatus").asText(null))) {
                    delivered.put(f.getKey(), events);
                } else {
                    missing.add(f.getKey() + " final " + f.getValue().text("status") + ", merchant has "
                            + events.path("events"));
                }
            }
            if (missing.isEmpty()) {
                return delivered;
            }
            if (System.nanoTime() > deadline) {
                note("EVENTS MISSING after %s: %d payouts: %s", EVENTS_WITHIN, missing.size(), missing);
                throw new AssertionError(missing.size() + " payouts' final status not delivered to the merchant within "
                        + EVENTS_WITHIN + ": " + missing);
            }
            sleep(1000);
        }
    }

    /** What the merchant endpoint says it took for a payout, asked as a test in another process would. */
    private static JsonNode merchantEvents(SandboxProcess sandbox, String payoutId) {
        Answer a = RunningService.send(HttpRequest.newBuilder(URI.create(sandbox.merchantUrl() + "?payoutId="
                + URLEncoder.encode(payoutId, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).GET().build());
        if (a.status() != 200 || a.json() == null) {
            throw new AssertionError("the merchant endpoint answered " + a.status() + " " + a.body());
        }
        return a.json();
    }

    /** The payouts: provider by turns, a kind drawn (four in ten have none), an amount the provider takes. */
    private static List<Planned> plan(Random random, SandboxProcess sandbox) {
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < PAYOUTS; i++) {
            String provider = PROVIDERS[i % PROVIDERS.length];
            List<Kind> kinds = new ArrayList<>(EVERY_FAMILY);
            if (provider.equals("overpay")) {
                kinds.addAll(OVERPAY);
            } else if (provider.equals("paypro")) {
                kinds.addAll(PAYPRO);
            }
            Kind kind = random.nextInt(10) < 4 ? NONE : kinds.get(random.nextInt(kinds.size()));
            String account = kind.prefix() + String.format("%04d", random.nextInt(10_000));
            boolean usd = !provider.equals("paypro") && random.nextInt(3) == 0;
            String amount = usd ? (1 + random.nextInt(500)) + "." + String.format("%02d", random.nextInt(100))
                    : String.valueOf(10_000 + 1_000 * random.nextInt(1_000));
            String body = Payouts.seed(provider, amount, usd ? "USD" : "IDR", account)
                    .replace("https://merchant.example.com/payout-events", sandbox.merchantUrl());
            plan.add(new Planned(String.format("CHAOS-%03d-%s", i, provider), provider, kind, body));
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    private static Map<String, String> properties(SandboxProcess sandbox, Path dir) {
        Map<String, String> properties = new HashMap<>(sandbox.providerBaseUrls());
        properties.putAll(System.getenv("PAYOUTS_TEST_POSTGRES") != null ? RunningService.freshStore()
                : Map.of("payouts.store.url", "jdbc:h2:file:" + dir.resolve("payouts").toAbsolutePath()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
        properties.put("payouts.sandbox.enabled", "false");
        properties.put("payouts.events.allowed-hosts", URI.create(sandbox.merchantUrl()).getAuthority());
        // overpay's notifications are proof (signed), as in a deployment given the back office's public key
        properties.put("payouts.providers.overpay.public-key", sandbox.sandbox(OverpaySandbox.class).publicKey());
        for (String provider : PROVIDERS) {
            properties.put("payouts.providers." + provider + ".timeout-ms", "2500");
        }
        properties.put("payouts.reconciliation.poll-ms", "250");
        properties.put("payouts.reconciliation.delays", "1s,2s");
        properties.put("payouts.reconciliation.grace", GRACE.toSeconds() + "s");
        properties.put("payouts.reconciliation.flag-after", "10m");
        properties.put("payouts.events.poll-ms", "200");
        properties.put("payouts.events.retry-delays", "1s,2s,3s,5s,10s,20s,30s");
        // an attempt the kill cut off is tried again 3 x this + 30s after it began (EventDelivery's lease)
        properties.put("payouts.events.timeout-ms", "2000");
        // an open breaker answers new creates 503 for this long: the clients come back after Retry-After
        properties.put("payouts.breaker.wait-in-open-state", "3s");
        return properties;
    }

    private void note(String format, Object... args) {
        summary.add(String.format(format, args));
    }

    private double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
