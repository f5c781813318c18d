package payoutroutes.service.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import payoutroutes.model.Money;
import payoutroutes.model.Payout;
import payoutroutes.model.PayoutEvent;
import payoutroutes.model.PayoutStatus;

/** A fresh in-memory store with the real schema, and payouts put in it the way the ledger does. */
final class StoreFixtures {

    private StoreFixtures() {
    }

    static HikariDataSource freshH2() {
        return Database.open("jdbc:h2:mem:" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", 2);
    }

    /** A payout recorded at {@code at}, then accepted by its provider at the same instant: one event. */
    static Payout processing(PayoutStore store, String id, Instant at) {
        Payout received = new Payout(id, "aopay", null, PayoutStatus.RECEIVED, new Money(new BigDecimal("10000"), "IDR"),
                null, null, "https://merchant.example.com/events", at, at);
        assertTrue(store.insert(received, "f".repeat(64), "default"));
        return change(store, received, PayoutStatus.PROCESSING, at);
    }

    /** The payout moved on to {@code status} at {@code at}, with its event. */
    static Payout change(PayoutStore store, Payout from, PayoutStatus status, Instant at) {
        Payout to = from.with(status, from.payoutId(), null, null, at);
        assertTrue(store.update(to, from.status(), PayoutEvent.statusChanged(from, to)));
        return to;
    }
}
