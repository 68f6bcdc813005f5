package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.spi.ForwardingLedgerStore;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A posting reads only the lots it touches: the JDBC store hands the ledger a member's working set
 * without its lots, an earn reads none however many the member holds, and a redemption reads them
 * once; balances and lots come out as with a store that reads them all.
 */
class AnEarnReadsNoLotTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    /** Counts the whole-book and open-lot reads of a store it passes every call to. */
    static final class Counting extends ForwardingLedgerStore {
        final AtomicInteger books = new AtomicInteger();
        final AtomicInteger openLots = new AtomicInteger();

        Counting(LedgerStore target) {
            super(target);
        }

        @Override
        public Optional<MemberBook> book(MemberId member) {
            books.incrementAndGet();
            return super.book(member);
        }

        @Override
        public List<Lot> openLots(MemberId member, String currency) {
            openLots.incrementAndGet();
            return super.openLots(member, currency);
        }
    }

    private static Ledger ledger(LedgerStore store) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
                .currency(PTS).store(store).build();
    }

    @Test
    void anEarnReadsNoLotAndARedemptionReadsThemOnce() {
        Counting store = new Counting(JdbcLedgerStore.of(Databases.freshH2()));
        Ledger jdbc = ledger(store);
        Ledger memory = ledger(LedgerStore.inMemory());
        jdbc.enrol(ANN, T0);
        memory.enrol(ANN, T0);
        store.books.set(0);
        for (Ledger l : List.of(jdbc, memory)) {
            for (int i = 0; i < 300; i++) {
                l.earn(ANN, PTS.points(2), T0.plusSeconds(i), IdempotencyKey.of("earn-" + i), "visit");
            }
        }
        assertThat(store.openLots).hasValue(0);
        assertThat(store.books).hasValue(0);

        jdbc.redeem(ANN, PTS.points(101), T0.plusSeconds(400), IdempotencyKey.of("redeem-1"), "gift");
        memory.redeem(ANN, PTS.points(101), T0.plusSeconds(400), IdempotencyKey.of("redeem-1"), "gift");
        assertThat(store.openLots).hasValue(1);
        jdbc.earn(ANN, PTS.points(7), T0.plusSeconds(401), IdempotencyKey.of("earn-last"), "visit");
        memory.earn(ANN, PTS.points(7), T0.plusSeconds(401), IdempotencyKey.of("earn-last"), "visit");
        assertThat(store.openLots).hasValue(1);

        assertThat(jdbc.balance(ANN, PTS)).isEqualTo(memory.balance(ANN, PTS));
        assertThat(jdbc.lots(ANN, PTS)).isEqualTo(memory.lots(ANN, PTS));
        assertThat(jdbc.statement(ANN)).isEqualTo(memory.statement(ANN));
    }
}
