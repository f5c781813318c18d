package payoutroutes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static payoutroutes.RunningService.eventually;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events of one payout reach the merchant in order (contract 9.14), also when a later one falls due while an
 * earlier one waits for its retry: the merchant refuses each event's first attempt, the payout settles long
 * before the first event's retry, and still the settled event comes only after the first was delivered.
 */
class EventOrderTest {

    @Test
    void aLaterEventWaitsForAnEarlierOneThatIsWaitingForItsRetry() throws Exception {
        try (RunningService service = RunningService.start(Map.of(
                "payouts.events.poll-ms", "100",
                "payouts.events.retry-delays", "2s,2s",
                "payouts.sandbox.settle-after-ms", "200"))) {
            String id = "ORDER-RETRY-1";
            String body = Payouts.seed("aopay").replace("https://merchant.example.com/payout-events",
                    service.merchantUrl("?fail=1"));
            assertEquals("PROCESSING", service.post(id, body).text("status"));
            // settled by the provider's notification well before the first event's retry is due
            eventually(() -> service.get(id), a -> "SUCCEEDED".equals(a.text("status")), Duration.ofSeconds(10));

            List<String> attempts = eventually(() -> attempts(service, id), l -> l.size() >= 4, Duration.ofSeconds(15));

            assertEquals(List.of("PROCESSING 500", "PROCESSING 200", "SUCCEEDED 500", "SUCCEEDED 200"), attempts);
        }
    }

    private static List<String> attempts(RunningService service, String id) {
        return service.merchantEvents(id).stream().map(r -> r.json().at("/payout/status").asText() + " " + r.answer())
                .toList();
    }
}
