package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.spi.ForwardingLedgerStore;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A spend that reads its lots ahead, apart from its member's working set, may see lots that another writer changed since: here a lot holds more than the working set's
 * balance allows, as after a concurrent reversal. The attempt is retried on fresh reads, as a stale
 * commit is, instead of failing.
 */
class StaleReadAheadTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    /**
     * Just before the first read-ahead, another server reverses an earlier redemption, so the lots
     * read ahead are newer than the working set (which the JDBC store hands out without lots).
     */
    static final class LotsAheadOfTheBook extends ForwardingLedgerStore {
        final AtomicInteger readsAhead = new AtomicInteger();
        Runnable concurrently = () -> { };

        LotsAheadOfTheBook(LedgerStore target) {
            super(target);
        }

        @Override
        public List<Lot> lotsToSpend(MemberId member, String currency, ConsumptionOrder order, Instant at,
                int limit) {
            if (readsAhead.getAndIncrement() == 0) {
                concurrently.run();
            }
            return super.lotsToSpend(member, currency, order, at, limit);
        }
    }

    @Test
    void aSpendOverLotsNewerThanItsWorkingSetIsRetriedNotFailed() {
        LedgerStore shared = JdbcLedgerStore.of(Databases.freshH2());
        LotsAheadOfTheBook store = new LotsAheadOfTheBook(shared);
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
                .currency(PTS).store(store).build();
        Ledger other = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
                .currency(PTS).store(shared).build();
        ledger.enrol(ANN, T0);
        ledger.earn(ANN, PTS.points(10), T0.plusSeconds(1), IdempotencyKey.of("e1"), "visit");
        ledger.earn(ANN, PTS.points(10), T0.plusSeconds(2), IdempotencyKey.of("e2"), "visit");
        other.redeem(ANN, PTS.points(10), T0.plusSeconds(3), IdempotencyKey.of("r0"), "gift");
        store.concurrently = () -> other.reverse(ANN, IdempotencyKey.of("r0"), T0.plusSeconds(4),
                IdempotencyKey.of("undo-r0"), "returned");

        // 10 points in the working set; the lots read ahead hold 20: taking 15 of them cannot be that version
        ledger.redeem(ANN, PTS.points(15), T0.plusSeconds(5), IdempotencyKey.of("r"), "gift");

        assertThat(store.readsAhead.get()).isGreaterThanOrEqualTo(1);
        assertThat(other.balance(ANN, PTS).available()).isEqualTo(5);
        assertThat(other.lots(ANN, PTS)).extracting(Lot::remaining).containsExactly(0L, 5L);
    }
}
