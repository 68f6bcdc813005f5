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
 * without its lots, an earn reads none however many the member holds, a redemption reads the few
 * lots it takes first in spending order (through the index of schema 7) and every open lot only if
 * those fall short; balances and lots come out as with a store that reads them all.
 */
class AnEarnReadsNoLotTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    /** Counts the whole-book and open-lot reads of a store it passes every call to. */
    static final class Counting extends ForwardingLedgerStore {
        final AtomicInteger books = new AtomicInteger();
        final AtomicInteger openLots = new AtomicInteger();
        final AtomicInteger lotsToSpend = new AtomicInteger();
        final AtomicInteger lotsRead = new AtomicInteger();

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
            List<Lot> lots = super.openLots(member, currency);
            lotsRead.addAndGet(lots.size());
            return lots;
        }

        final AtomicInteger byNumber = new AtomicInteger();

        @Override
        public List<Lot> lotsByNumber(MemberId member, List<io.github.loyaltyrules.ledger.LotId> lots) {
            byNumber.incrementAndGet();
            List<Lot> found = super.lotsByNumber(member, lots);
            lotsRead.addAndGet(found.size());
            return found;
        }

        @Override
        public List<Lot> lotsToSpend(MemberId member, String currency, Instant at, int limit) {
            lotsToSpend.incrementAndGet();
            List<Lot> lots = super.lotsToSpend(member, currency, at, limit);
            lotsRead.addAndGet(lots.size());
            return lots;
        }

        @Override
        public List<Lot> lotsToSpend(MemberId member, String currency, ConsumptionOrder order, Instant at, int limit) {
            if (order == ConsumptionOrder.SOONEST_EXPIRY_FIRST) {
                return super.lotsToSpend(member, currency, order, at, limit); // counted above
            }
            lotsToSpend.incrementAndGet();
            List<Lot> lots = super.lotsToSpend(member, currency, order, at, limit);
            lotsRead.addAndGet(lots.size());
            return lots;
        }
    }

    private static Ledger ledger(LedgerStore store) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
                .currency(PTS).store(store).build();
    }

    @Test
    void anEarnReadsNoLotAndARedemptionReadsTheLotsAheadOrAllOnce() {
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
        assertThat(store.openLots).hasValue(0); // 51 lots: 4 read ahead, then 64
        jdbc.redeem(ANN, PTS.points(201), T0.plusSeconds(400), IdempotencyKey.of("redeem-2"), "gift");
        memory.redeem(ANN, PTS.points(201), T0.plusSeconds(400), IdempotencyKey.of("redeem-2"), "gift");
        assertThat(store.openLots).hasValue(1); // 101 lots: every open lot, once
        jdbc.earn(ANN, PTS.points(7), T0.plusSeconds(401), IdempotencyKey.of("earn-last"), "visit");
        memory.earn(ANN, PTS.points(7), T0.plusSeconds(401), IdempotencyKey.of("earn-last"), "visit");
        assertThat(store.openLots).hasValue(1);

        assertThat(jdbc.balance(ANN, PTS)).isEqualTo(memory.balance(ANN, PTS));
        assertThat(jdbc.lots(ANN, PTS)).isEqualTo(memory.lots(ANN, PTS));
        assertThat(jdbc.statement(ANN)).isEqualTo(memory.statement(ANN));
    }

    @Test
    void aRedemptionReadsTheFewLotsItTakesNotEveryOpenLot() {
        PointCurrency expiring = PointCurrency.of("PTS", "Points", 0)
                .withExpiry(io.github.loyaltyrules.expiry.ExpiryPolicy.afterTerm(java.time.Period.ofDays(200)));
        Counting store = new Counting(JdbcLedgerStore.of(Databases.freshH2()));
        Ledger jdbc = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(86_400 * 400),
                ZoneOffset.UTC)).currency(expiring).store(store).build();
        Ledger memory = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(86_400 * 400),
                ZoneOffset.UTC)).currency(expiring).build();
        for (Ledger l : List.of(jdbc, memory)) {
            l.enrol(ANN, T0);
            for (int i = 0; i < 1_000; i++) { // a lot a day: the first 100 have expired by day 300
                l.earn(ANN, expiring.points(3), T0.plusSeconds(86_400L * i / 3), IdempotencyKey.of("earn-" + i),
                        "visit");
            }
        }
        Instant day300 = T0.plusSeconds(86_400L * 300);
        store.lotsRead.set(0);
        for (int r = 0; r < 3; r++) {
            for (Ledger l : List.of(jdbc, memory)) {
                l.redeem(ANN, expiring.points(10), day300.plusSeconds(r), IdempotencyKey.of("redeem-" + r), "coffee");
                l.reserve(ANN, expiring.points(4), java.time.Duration.ofHours(1), day300.plusSeconds(10 + r),
                        IdempotencyKey.of("hold-" + r), "checkout");
            }
        }
        assertThat(store.openLots).hasValue(0);
        assertThat(store.lotsToSpend.get()).isBetween(6, 12); // 4 lots ahead, 64 more when held ones are among them
        assertThat(store.lotsRead.get()).isLessThanOrEqualTo(6 * (4 + 64)); // of the 900 lots still open
        assertThat(jdbc.balance(ANN, expiring, day300.plusSeconds(60)))
                .isEqualTo(memory.balance(ANN, expiring, day300.plusSeconds(60)));
        assertThat(jdbc.lots(ANN, expiring)).isEqualTo(memory.lots(ANN, expiring));
        assertThat(jdbc.statement(ANN)).isEqualTo(memory.statement(ANN));

        // a spend of 20 lots reads 64 ahead after the first 4 fall short, still not every open lot
        for (Ledger l : List.of(jdbc, memory)) {
            l.redeem(ANN, expiring.points(60), day300.plusSeconds(50), IdempotencyKey.of("bigger"), "lunch");
        }
        assertThat(store.openLots).hasValue(0);
        assertThat(jdbc.lots(ANN, expiring)).isEqualTo(memory.lots(ANN, expiring));

        // a spend the first lots do not cover reads every open lot, and takes the same as in memory
        for (Ledger l : List.of(jdbc, memory)) {
            l.redeem(ANN, expiring.points(500), day300.plusSeconds(100), IdempotencyKey.of("big"), "voucher");
        }
        assertThat(store.openLots).hasValue(1);
        assertThat(jdbc.lots(ANN, expiring)).isEqualTo(memory.lots(ANN, expiring));
        assertThat(jdbc.statement(ANN)).isEqualTo(memory.statement(ANN));
    }

    @Test
    void aRedemptionOldestFirstReadsTheFewOldestLotsThroughItsOwnIndex() {
        // miles earned under the old terms never expire; since the terms changed they expire after a
        // year; miles are spent oldest first, so the lasting ones go first although others expire sooner
        PointCurrency lasting = PointCurrency.of("MILES", "Miles", 0)
                .withConsumptionOrder(io.github.loyaltyrules.ledger.ConsumptionOrder.OLDEST_FIRST);
        PointCurrency expiring = lasting
                .withExpiry(io.github.loyaltyrules.expiry.ExpiryPolicy.afterTerm(java.time.Period.ofYears(1)));
        Counting store = new Counting(JdbcLedgerStore.of(Databases.freshH2()));
        LedgerStore memoryStore = LedgerStore.inMemory();
        Clock clock = Clock.fixed(T0.plusSeconds(86_400 * 30), ZoneOffset.UTC);
        List<Ledger> before = List.of(
                Ledger.builder().zone(ZoneOffset.UTC).clock(clock).currency(lasting).store(store).build(),
                Ledger.builder().zone(ZoneOffset.UTC).clock(clock).currency(lasting).store(memoryStore).build());
        List<Ledger> after = List.of(
                Ledger.builder().zone(ZoneOffset.UTC).clock(clock).currency(expiring).store(store).build(),
                Ledger.builder().zone(ZoneOffset.UTC).clock(clock).currency(expiring).store(memoryStore).build());
        before.get(0).enrol(ANN, T0);
        before.get(1).enrol(ANN, T0);
        for (int i = 0; i < 400; i++) {
            Ledger l = (i < 200 ? before : after).get(0);
            Ledger m = (i < 200 ? before : after).get(1);
            PointCurrency c = i < 200 ? lasting : expiring;
            l.earn(ANN, c.points(5), T0.plusSeconds(3_600L * i), IdempotencyKey.of("earn-" + i), "flight");
            m.earn(ANN, c.points(5), T0.plusSeconds(3_600L * i), IdempotencyKey.of("earn-" + i), "flight");
        }
        store.lotsRead.set(0);
        store.lotsToSpend.set(0);
        Instant at = T0.plusSeconds(3_600L * 500);
        for (Ledger l : after) {
            l.redeem(ANN, expiring.points(12), at, IdempotencyKey.of("upgrade"), "upgrade");
        }
        assertThat(store.openLots).hasValue(0);
        assertThat(store.lotsToSpend).hasValue(1);
        assertThat(store.lotsRead).hasValue(4); // 3 of the 400 open lots are taken; 4 read ahead
        List<Lot> lots = after.get(0).lots(ANN, expiring);
        assertThat(lots.subList(0, 3)).extracting(Lot::remaining).containsExactly(0L, 0L, 3L);
        assertThat(lots.get(0).expiresAt()).isNull();
        assertThat(lots.get(399).remaining()).isEqualTo(5);
        assertThat(lots).isEqualTo(after.get(1).lots(ANN, expiring));
        assertThat(after.get(0).statement(ANN)).isEqualTo(after.get(1).statement(ANN));
    }

    @Test
    void aReversalReadsTheLotsItsPostingTookByNumberNotEveryOpenLot() {
        Counting store = new Counting(JdbcLedgerStore.of(Databases.freshH2()));
        Ledger jdbc = ledger(store);
        Ledger memory = ledger(LedgerStore.inMemory());
        for (Ledger l : List.of(jdbc, memory)) {
            l.enrol(ANN, T0);
            for (int i = 0; i < 500; i++) {
                l.earn(ANN, PTS.points(2), T0.plusSeconds(i), IdempotencyKey.of("earn-" + i), "visit");
            }
            // takes the 5 oldest lots whole, then one point of the sixth
            l.redeem(ANN, PTS.points(11), T0.plusSeconds(600), IdempotencyKey.of("redeem"), "gift");
        }
        store.lotsRead.set(0);
        store.openLots.set(0);
        for (Ledger l : List.of(jdbc, memory)) {
            l.reverse(ANN, IdempotencyKey.of("redeem"), PTS.points(4), T0.plusSeconds(700),
                    IdempotencyKey.of("undo-part"), "partly returned");
            l.reverse(ANN, IdempotencyKey.of("redeem"), T0.plusSeconds(701), IdempotencyKey.of("undo-rest"),
                    "returned");
            l.reverse(ANN, IdempotencyKey.of("earn-499"), T0.plusSeconds(702), IdempotencyKey.of("undo-earn"),
                    "not earned");
        }
        // six lots given back, one clawed back: read by number, never all 500
        assertThat(store.openLots).hasValue(0);
        assertThat(store.byNumber).hasValue(3);
        assertThat(store.lotsRead.get()).isLessThanOrEqualTo(6 + 6 + 1);

        // in one batch, a spend after a give-back takes the lots given back, as in memory
        for (Ledger l : List.of(jdbc, memory)) {
            l.redeem(ANN, PTS.points(3), T0.plusSeconds(800), IdempotencyKey.of("redeem-2"), "gift");
            l.post(List.of(
                    new io.github.loyaltyrules.ledger.PostingRequest.Reverse(ANN, IdempotencyKey.of("redeem-2"), null,
                            T0.plusSeconds(801), IdempotencyKey.of("undo-2"), "returned"),
                    new io.github.loyaltyrules.ledger.PostingRequest.Redeem(ANN, PTS.points(5), T0.plusSeconds(801),
                            IdempotencyKey.of("redeem-3"), "other gift")));
        }
        assertThat(jdbc.balance(ANN, PTS)).isEqualTo(memory.balance(ANN, PTS));
        assertThat(jdbc.lots(ANN, PTS)).isEqualTo(memory.lots(ANN, PTS));
        assertThat(jdbc.statement(ANN)).isEqualTo(memory.statement(ANN));
    }
}
