package payoutroutes.sandbox.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import payoutroutes.sandbox.fault.Fault.Stage;

/** The fault grammar: what it reads, what it refuses, and that a seed repeats a run. */
class FaultPlanTest {

    private static final String EXAMPLE = "create.delay=2000ms@5%, create.500@3%, create.garbage@2%, create.reset@2%, "
            + "notify.twice@10%, notify.out-of-order@5%, notify.before-reply@5%, status.delay=1s@1.5%";

    @Test
    void readsEveryRuleOfTheExample() {
        FaultPlan plan = FaultPlan.parse(EXAMPLE, 30_000, new Random(1));
        assertEquals(List.of(Fault.CREATE_DELAY, Fault.CREATE_500, Fault.CREATE_GARBAGE, Fault.CREATE_RESET,
                        Fault.NOTIFY_TWICE, Fault.NOTIFY_OUT_OF_ORDER, Fault.NOTIFY_BEFORE_REPLY, Fault.STATUS_DELAY),
                plan.rules().stream().map(FaultPlan.Rule::fault).toList());
        assertEquals(2000, plan.rules().get(0).delayMs());
        assertEquals(5, plan.rules().get(0).percent());
        assertEquals(1000, plan.rules().get(7).delayMs());
        assertEquals(1.5, plan.rules().get(7).percent());
        assertEquals(EXAMPLE, plan.toString());
    }

    @Test
    void withoutOddsAFaultIsCertainAndADelayWithoutDurationTakesTheDefault() {
        Faults drawn = FaultPlan.parse("create.delay, notify.twice", 777, new Random()).draw("aopay", Stage.values());
        assertTrue(drawn.has(Fault.CREATE_DELAY));
        assertEquals(777, drawn.delayMs(Stage.CREATE));
        assertTrue(drawn.has(Fault.NOTIFY_TWICE));
        assertTrue(FaultPlan.parse("create.500@0%", 1, new Random()).draw("aopay", Stage.values()).isEmpty());
    }

    @Test
    void aRuleDrawsOnlyForItsStageAndItsProvider() {
        FaultPlan plan = FaultPlan.parse("paypro:create.500, status.garbage", 1, new Random());
        assertTrue(plan.draw("paypro", Stage.CREATE).has(Fault.CREATE_500));
        assertFalse(plan.draw("overpay", Stage.CREATE).has(Fault.CREATE_500));
        assertFalse(plan.draw("paypro", Stage.CREATE).has(Fault.STATUS_GARBAGE));
        assertTrue(plan.draw("overpay", Stage.STATUS).has(Fault.STATUS_GARBAGE));
    }

    @Test
    void anEmptyPlanDrawsNothing() {
        assertTrue(FaultPlan.parse("", 1, new Random()).isEmpty());
        assertTrue(FaultPlan.parse(null, 1, new Random()).isEmpty());
        assertTrue(FaultPlan.parse("  ", 1, new Random()).draw("aopay", Stage.values()).isEmpty());
    }

    @Test
    void refusesWhatIsNotInTheGrammarSayingWhich() {
        for (String bad : List.of("create.501", "notify.thrice", "create.500=20ms", "create.delay=2m", "create.500@101%",
                "create.500@5", "create", "create.500,,status.500", "update.500")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> FaultPlan.parse(bad, 1, new Random()), bad);
            assertFalse(refused.getMessage().isBlank());
        }
    }

    @Test
    void theSameSeedDrawsTheSameFaults() {
        assertEquals(draws(42), draws(42));
        assertFalse(draws(42).equals(draws(43)), "another seed, another run");
    }

    private static List<String> draws(long seed) {
        FaultPlan plan = FaultPlan.parse("create.500@50%, notify.twice@50%", 1, new Random(seed));
        List<String> drawn = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            drawn.add(plan.draw("aopay", Stage.CREATE, Stage.NOTIFY).toString());
        }
        return drawn;
    }

    @Test
    void everyAccountHintIsInTheGrammar() {
        AccountHints hints = new AccountHints(500);
        AccountHints.TABLE.forEach((prefix, rules) -> assertEquals(FaultPlan.parse(rules, 500, new Random())
                .draw(null, Stage.values()).toString(), hints.of(prefix + "0001").toString(), prefix));
        assertTrue(hints.of("9004123").has(Fault.STATUS_DELAY));
        assertEquals(500, hints.of("9001123").delayMs(Stage.CREATE));
        assertTrue(hints.of("11223344").isEmpty());
        assertTrue(hints.of("90").isEmpty());
    }
}
