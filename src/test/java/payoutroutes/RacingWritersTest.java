package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import payoutroutes.RunningService.Answer;
import payoutroutes.model.Json;
import payoutroutes.sandbox.aopay.AopaySandbox;
import payoutroutes.service.store.EventOutbox;
import payoutroutes.service.store.PayoutStore;

/**
 * Writers racing on one payout, made to race every time: the provider has settled the payout, and several
 * writers (refreshes and provider wake-ups, on one instance or on two sharing a PostgreSQL database) each read
 * it PROCESSING, ask the provider and are held right before their write until all have read; then they all
 * write at once. The database's compare-and-set lets one win: one change, one event, in every round.
 */
class RacingWritersTest {

    private static final int WRITERS = 6;
    private static final int ROUNDS = 12;

    private static final Map<String, String> LOST_NOTIFICATIONS = Map.of(
            // the sandbox's own notifications go nowhere: the writers in each round are ours alone
            "payouts.public-base-url", "http://127.0.0.1:1",
            "payouts.sandbox.settle-after-ms", "100");

    @Test
    void refreshesAndWakeUpsRacingOnOneInstanceMakeOneChangeAndOneEvent() throws Exception {
        try (RunningService service = RunningService.start(LOST_NOTIFICATIONS)) {
            for (int round = 1; round <= ROUNDS; round++) {
                race("RACE-ONE-" + round, List.of(service), service, () -> service.aopaySandbox().notifications());
            }
        }
    }

    @Test
    void writersRacingOnTwoInstancesOfOnePostgresDatabaseMakeOneChangeAndOneEvent() throws Exception {
        Map<String, String> database = TestPostgres.freshDatabase();
        try (SandboxProcess sandbox = SandboxProcess.start(Map.of("payouts.sandbox.settle-after-ms", "100"));
             RunningService a = RunningService.start(instance(database, sandbox));
             RunningService b = RunningService.start(instance(database, sandbox))) {
            for (int round = 1; round <= ROUNDS; round++) {
                race("RACE-TWO-" + round, List.of(a, b), a, () -> sandbox.sandbox(AopaySandbox.class).notifications());
            }
        }
    }

    /** An instance of the service on this database, with this sandbox as its providers and none of its own. */
    static Map<String, String> instance(Map<String, String> database, SandboxProcess sandbox, String... more) {
        Map<String, String> properties = new HashMap<>(LOST_NOTIFICATIONS);
        properties.putAll(database);
        properties.putAll(sandbox.providerBaseUrls());
        properties.put("payouts.sandbox.enabled", "false");
        // where events may go besides the public internet (contract section 11): the sandbox merchant
        properties.put("payouts.events.allowed-hosts", URI.create(sandbox.merchantUrl()).getAuthority());
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return properties;
    }

    private static void race(String id, List<RunningService> instances, RunningService first,
                             Supplier<List<String>> notified) throws Exception {
        assertEquals("PROCESSING", first.post(id, Payouts.seed("komopay")).text("status"));
        eventually(notified, urls -> urls.stream().anyMatch(u -> u.contains(id)), Duration.ofSeconds(10));

        HeldTogether held = new HeldTogether(WRITERS);
        instances.forEach(i -> i.bean("payoutStore", PayoutStore.class).holdBeforeStatusChange(held));
        List<Callable<Answer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            RunningService instance = instances.get(w % instances.size());
            writers.add(w % 2 == 0 ? () -> instance.refresh(id) : () -> wakeUp(instance, id));
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            for (Future<Answer> answer : pool.invokeAll(writers)) {
                assertEquals(200, answer.get().status(), answer.get().body());
            }
        } finally {
            pool.shutdownNow();
            instances.forEach(i -> i.bean("payoutStore", PayoutStore.class).holdBeforeStatusChange(null));
        }

        assertTrue(held.allMet(), id + ": every writer read PROCESSING before any wrote");
        assertEquals("SUCCEEDED", first.get(id).text("status"));
        List<String> changes = first.storedEvents(id).stream().map(RacingWritersTest::change).toList();
        assertEquals(List.of("RECEIVED->PROCESSING", "PROCESSING->SUCCEEDED"), changes, id + ": one event per change");
    }

    private static Answer wakeUp(RunningService instance, String id) {
        return RunningService.send(HttpRequest.newBuilder(URI.create(instance.url("/callbacks/komopay?payoutId=" + id)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    static String change(EventOutbox.Stored event) {
        try {
            var json = Json.MAPPER.readTree(event.body());
            return json.path("previousStatus").asText() + "->" + json.at("/payout/status").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
