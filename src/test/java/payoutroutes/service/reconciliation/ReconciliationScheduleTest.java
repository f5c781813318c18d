package payoutroutes.service.reconciliation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import payoutroutes.model.Money;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutStatus;

/** When reconciliation asks: the contract's default schedule, the grace period and the flag limit. */
class ReconciliationScheduleTest {

    private static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");
    private final ReconciliationSchedule schedule = new ReconciliationSchedule("1m,5m,15m,1h,6h,24h",
            Duration.ofHours(24), Duration.ofHours(48), provider -> Duration.ofSeconds(25));

    private static Payout payout(PayoutStatus status, Instant updated) {
        return new Payout("P-1", "aopay", null, status, new Money(new BigDecimal("10000"), "IDR"), null, null, null,
                CREATED, updated);
    }

    private static Instant at(String offset) {
        return CREATED.plus(ReconciliationSchedule.duration(offset));
    }

    @Test
    void aReceivedPayoutIsFirstAskedOnceItsCreateCanNoLongerBeInFlight() {
        assertEquals(CREATED.plusSeconds(25), schedule.of(payout(PayoutStatus.RECEIVED, CREATED)));
    }

    @Test
    void aChangedOpenPayoutIsFirstAskedAfterTheFirstDelayAndAFinalOneNever() {
        assertEquals(at("11m"), schedule.of(payout(PayoutStatus.PROCESSING, at("10m"))));
        assertEquals(at("11m"), schedule.of(payout(PayoutStatus.UNKNOWN, at("10m"))));
        assertNull(schedule.of(payout(PayoutStatus.SUCCEEDED, at("10m"))));
        assertNull(schedule.of(payout(PayoutStatus.FAILED, at("10m"))));
        assertNull(schedule.of(payout(PayoutStatus.CANCELLED, at("10m"))));
    }

    @Test
    void eachCheckThatChangesNothingWaitsForTheNextPointAfterTheLastChangeAndTheLastDelayRepeats() {
        Payout processing = payout(PayoutStatus.PROCESSING, CREATED);
        assertEquals(at("5m"), schedule.next(processing, at("1m")));
        assertEquals(at("15m"), schedule.next(processing, at("5m")));
        assertEquals(at("1h"), schedule.next(processing, at("15m")));
        assertEquals(at("6h"), schedule.next(processing, at("1h")));
        assertEquals(at("24h"), schedule.next(processing, at("6h")));
        // after the flag limit (48h) is passed, every 24h after the last point
        assertEquals(at("48h"), schedule.next(processing, at("24h")));
        assertEquals(at("72h"), schedule.next(processing, at("48h")));
        assertEquals(at("96h"), schedule.next(processing, at("72h") .plusMillis(1)));
    }

    @Test
    void aCheckLateByAnOutageSkipsThePointsAlreadyPassedInsteadOfAskingOnceForEach() {
        Payout processing = payout(PayoutStatus.PROCESSING, CREATED);
        assertEquals(at("6h"), schedule.next(processing, at("2h")));
    }

    @Test
    void thePayoutIsAskedAboutWhenItsGraceEndsAndWhenItIsOpenTooLong() {
        ReconciliationSchedule sparse = new ReconciliationSchedule("1m,30h", Duration.ofHours(24),
                Duration.ofHours(26), provider -> Duration.ofSeconds(25));
        assertEquals(at("24h"), sparse.next(payout(PayoutStatus.UNKNOWN, CREATED), at("1m")));
        assertEquals(at("26h"), sparse.next(payout(PayoutStatus.UNKNOWN, CREATED), at("24h")));
        // a PROCESSING payout is not one the provider never got: no grace check, only the flag limit
        assertEquals(at("26h"), sparse.next(payout(PayoutStatus.PROCESSING, CREATED), at("1m")));
        assertEquals(at("30h"), sparse.next(payout(PayoutStatus.PROCESSING, CREATED), at("26h")));
    }

    @Test
    void theGraceAndTheFlagLimitCountFromCreation() {
        Payout unknown = payout(PayoutStatus.UNKNOWN, at("23h"));
        assertFalse(schedule.graceOver(unknown, at("24h").minusMillis(1)));
        assertTrue(schedule.graceOver(unknown, at("24h")));
        assertFalse(schedule.openTooLong(unknown, at("48h").minusMillis(1)));
        assertTrue(schedule.openTooLong(unknown, at("48h")));
    }

    @Test
    void delaysMustBePositiveDurations() {
        assertThrows(IllegalArgumentException.class, () -> new ReconciliationSchedule("", Duration.ofHours(1),
                Duration.ofHours(1), p -> Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new ReconciliationSchedule("1m,0s", Duration.ofHours(1),
                Duration.ofHours(1), p -> Duration.ZERO));
        assertEquals(Duration.ofMillis(1500), ReconciliationSchedule.duration("1500ms"));
    }
}
