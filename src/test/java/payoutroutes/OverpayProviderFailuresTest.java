package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static payoutroutes.RunningService.eventually;

import java.net.URI;
import java.net.http.HttpRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import payoutroutes.RunningService.Answer;
import payoutroutes.sandbox.overpay.OverpaySandbox;

/**
 * When overpay misbehaves: an outcome we can't read is UNKNOWN, never sent again, and resolved by asking for the
 * payout by its tracking_id (our payoutId), which works even though the create's answer, and so the
 * transaction's uid, never reached us.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverpayProviderFailuresTest {

    private RunningService service;
    private KeyPair signingKey;

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        signingKey = generator.generateKeyPair();
        service = RunningService.start(Map.of(
                // the sandbox's notifications can't reach us here, so only our own questions tell
                "payouts.public-base-url", "http://127.0.0.1:1",
                "payouts.providers.overpay.timeout-ms", "700",
                "payouts.sandbox.slow-reply-ms", "2500",
                "payouts.sandbox.overpay.private-key", Base64.getEncoder().encodeToString(
                        signingKey.getPrivate().getEncoded())));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private OverpaySandbox sandbox() {
        return service.sandbox(OverpaySandbox.class);
    }

    @Test
    void aTimedOutCreateIsUnknownNeverResentAndResolvedByTrackingId() throws Exception {
        String id = "OVERPAY-SLOW-1";
        Answer created = service.post(id, Payouts.seed("overpay", "10000", "IDR", "90010001"));

        assertEquals(201, created.status(), created.body());
        assertEquals("UNKNOWN", created.text("status"));
        assertNull(created.text("providerReference"), "the uid was never learned");

        Answer replay = service.post(id, Payouts.seed("overpay", "10000", "IDR", "90010001"));
        assertEquals(200, replay.status());
        assertEquals("UNKNOWN", replay.text("status"));
        assertEquals(1, sandbox().createCalls(id), "an unknown payout is never sent again");

        Answer settled = eventually(() -> service.refresh(id), a -> "SUCCEEDED".equals(a.text("status")),
                Duration.ofSeconds(10));
        assertEquals("SUCCEEDED", settled.text("status"), settled.body());
        assertEquals(sandbox().transaction(id).orElseThrow().path("uid").asText(), settled.text("providerReference"),
                "the status query taught us the uid");
        assertTrue(sandbox().trackingQueries(id) >= 1);
        assertEquals(1, sandbox().createCalls(id));
    }

    @Test
    void aPayoutTheProviderDoesNotHaveStaysUnknown() throws Exception {
        // the sandbox answers 500 and keeps nothing: its tracking_id query answers an empty array
        String id = "OVERPAY-LOST-1";
        Answer created = service.post(id, Payouts.seed("overpay", "10000", "IDR", "90060001"));
        assertEquals("UNKNOWN", created.text("status"), created.body());

        Answer refreshed = service.refresh(id);
        assertEquals(200, refreshed.status(), refreshed.body());
        assertEquals("UNKNOWN", refreshed.text("status"));
        assertTrue(sandbox().transaction(id).isEmpty());
        assertEquals(1, sandbox().trackingQueries(id));
        assertEquals(1, sandbox().createCalls(id));
    }

    @Test
    void aRefreshThatGetsNoAnswerLeavesThePayoutAsItIs() throws Exception {
        String id = "OVERPAY-SLOW-REFRESH-1";
        Answer created = service.post(id, Payouts.seed("overpay", "10000", "IDR", "90040001"));
        assertEquals("UNKNOWN", created.text("status"), created.body());
        // settled at the provider, but it will not say so in time
        eventually(() -> sandbox().transaction(id).orElseThrow().path("status").asText(), "successful"::equals,
                Duration.ofSeconds(5));

        Answer unknownStill = service.refresh(id);
        assertEquals(200, unknownStill.status(), unknownStill.body());
        assertEquals("UNKNOWN", unknownStill.text("status"));
        assertEquals("successful", sandbox().transaction(id).orElseThrow().path("status").asText());
        assertEquals(1, sandbox().trackingQueries(id));
    }

    @Test
    void aConfiguredSigningKeyIsTheOneTheSandboxHandsOut() {
        String expected = Base64.getEncoder().encodeToString(signingKey.getPublic().getEncoded());
        Answer served = RunningService.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + service.sandboxPort() + OverpaySandbox.ROOT + "/public-key")).build());

        assertEquals(200, served.status());
        assertEquals(expected, served.body());
        assertEquals(expected, sandbox().publicKey());
    }
}
