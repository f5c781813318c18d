package payoutroutes.sandbox.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class EventLagTest {

    @Test
    void percentilesAreTheUpperBoundsOfTheBucketsThatHoldThem() {
        EventLag lag = new EventLag();
        for (int i = 0; i < 98; i++) {
            lag.record(3);
        }
        lag.record(500);
        lag.record(2_000);
        ObjectNode json = lag.toJson();
        assertEquals(100, json.path("count").asLong());
        assertEquals(3, json.path("p50Ms").asLong());
        long p99 = json.path("p99Ms").asLong();
        assertTrue(p99 >= 500 && p99 < 550, "p99 within 10 % above 500 ms: " + p99);
        long max = json.path("maxMs").asLong();
        assertTrue(max >= 2_000 && max < 2_200, "max within 10 % above 2 s: " + max);
    }

    @Test
    void aLagBeyondAnHourAndANegativeOneStillCount() {
        EventLag lag = new EventLag();
        lag.record(-5);
        lag.record(10_000_000);
        assertEquals(2, lag.toJson().path("count").asLong());
        assertEquals(1, lag.toJson().path("p50Ms").asLong());
    }
}
