package io.github.loyaltyrules.ledger.contract;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.LotMovement;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import io.github.loyaltyrules.ledger.spi.Reversed;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.LotMovement;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerStore} must do, whatever keeps the data: subclasses supply a fresh,
 * empty store. The in-memory store runs it in core; durable stores run it in their modules.
 */
public abstract class LedgerStoreContract {

    protected static final Instant T0 = Instant.parse("2026-02-28T23:30:00.123456Z");
    protected static final MemberId ANN = MemberId.of("ann");
    protected static final MemberId BOB = MemberId.of("bob");

    protected LedgerStore store;

    /**
     * Returns a new, empty store.
     *
     * @return the store
     * @throws Exception if it cannot be made
     */
    protected abstract LedgerStore newStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = newStore();
    }

    protected static MemberBook enrolled(MemberId member) {
        return new MemberBook(new Account(member, AccountStatus.ACTIVE, T0, T0, "enrolled"), 1, 1, 1, Map.of(), Map.of());
    }

    /** A book with every kind of content, so that a store must keep all of it exactly. */
    protected static MemberBook rich(MemberBook base) {
        Lot lot = new Lot(LotId.of(1), "PTS", 100, 60, T0, T0.plusSeconds(86_400), null, IdempotencyKey.of("k|1;\"x\""),
                T0.plusSeconds(5));
        Lot cash = new Lot(LotId.of(2), "CASH", 1250, 1250, T0, T0, T0.plusSeconds(999_999_999L),
                IdempotencyKey.of("ünïcödé ✓"), T0);
        Reservation r = new Reservation(IdempotencyKey.of("res"), base.account().member(), "PTS", 40, T0,
                T0.plusSeconds(600), ReservationStatus.OPEN, null, List.of(new LotMovement(LotId.of(1), 0, 40)));
        return new MemberBook(new Account(base.account().member(), AccountStatus.SUSPENDED, T0, T0.plusSeconds(7),
                "fraud | check\nline two"), base.version() + 1, 3, 9,
                Map.of("PTS", new Purse("PTS", List.of(lot), 7, T0.plusSeconds(3), T0.plusSeconds(4)), "CASH",
                        new Purse("CASH", List.of(cash), 0, null)),
                Map.of(r.key(), r));
    }

    /**
     * A commit of whole books: each change lists every lot and reservation its book holds as
     * touched (without saying which lots are new), so that a store that keeps them as rows beside
     * the book writes them all.
     */
    protected static Commit whole(List<MemberBook> books, Posting posting, List<Entry> entries) {
        List<MemberChange> changes = new ArrayList<>();
        for (MemberBook b : books) {
            List<Lot> lots = new ArrayList<>();
            for (Purse p : b.purses().values()) {
                lots.addAll(p.lots());
            }
            changes.add(new MemberChange(b, lots, List.copyOf(b.reservations().values()), Map.of()));
        }
        return new Commit(changes, posting == null ? List.of() : List.of(posting), entries);
    }

    protected static Entry entry(MemberId member, long seq, IdempotencyKey key, long amount) {
        return new Entry(seq, key, PostingType.EARN, EntryType.EARN, member, "PTS", amount, 0, 0, T0.plusSeconds(seq),
                "reason with | and \"quotes\"", List.of(new LotMovement(LotId.of(seq), amount, 0)));
    }

    protected static Posting posting(IdempotencyKey key, MemberId member, List<Entry> entries) {
        return new Posting(key, PostingType.EARN, member, null, "PTS", 10, T0, "why", null, "EARN of 10 PTS", entries);
    }

    @Test
    void anEnrolmentIsStoredOnceAndASecondIsStale() {
        assertThat(store.apply(whole(List.of(enrolled(ANN)), null, List.of()))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.book(ANN)).contains(enrolled(ANN));
        assertThat(store.apply(whole(List.of(enrolled(ANN)), null, List.of()))).isEqualTo(CommitResult.STALE);
        assertThat(store.book(BOB)).isEmpty();
    }

    @Test
    void aBookIsStoredExactlyWithEveryField() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        MemberBook next = rich(enrolled(ANN));
        assertThat(store.apply(whole(List.of(next), null, List.of()))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.book(ANN)).contains(next);
    }

    @Test
    void aCommitFromAnOldVersionIsStaleAndChangesNothing() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        MemberBook v2 = rich(enrolled(ANN));
        store.apply(whole(List.of(v2), null, List.of()));
        IdempotencyKey key = IdempotencyKey.of("late");
        Entry e = entry(ANN, 1, key, 10);
        assertThat(store.apply(whole(List.of(rich(enrolled(ANN))), posting(key, ANN, List.of(e)), List.of(e))))
                .isEqualTo(CommitResult.STALE);
        assertThat(store.book(ANN)).contains(v2);
        assertThat(store.posting(key)).isEmpty();
        assertThat(store.entries(ANN)).isEmpty();
    }

    @Test
    void aPostingsKeyIsUniqueAndADuplicateChangesNothing() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        store.apply(whole(List.of(enrolled(BOB)), null, List.of()));
        IdempotencyKey key = IdempotencyKey.of("order-1");
        Entry first = entry(ANN, 1, key, 10);
        MemberBook ann2 = rich(enrolled(ANN));
        Posting p = posting(key, ANN, List.of(first));
        assertThat(store.apply(whole(List.of(ann2), p, List.of(first)))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.posting(key)).contains(p);

        Entry other = entry(BOB, 1, key, 99);
        MemberBook bob2 = rich(enrolled(BOB));
        assertThat(store.apply(whole(List.of(bob2), posting(key, BOB, List.of(other)), List.of(other))))
                .isEqualTo(CommitResult.DUPLICATE_KEY);
        assertThat(store.book(BOB)).contains(enrolled(BOB));
        assertThat(store.entries(BOB)).isEmpty();
        assertThat(store.posting(key)).contains(p);
    }

    @Test
    void aCommitOnTwoMembersAppliesBothOrNeither() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        store.apply(whole(List.of(enrolled(BOB)), null, List.of()));
        store.apply(whole(List.of(rich(enrolled(BOB))), null, List.of()));
        IdempotencyKey key = IdempotencyKey.of("transfer-1");
        List<Entry> entries = List.of(entry(ANN, 1, key, -5), entry(BOB, 1, key, 5));
        // Bob's book was changed since version 1: the whole commit is stale, Ann's side too.
        Commit stale = whole(List.of(rich(enrolled(ANN)), rich(enrolled(BOB))), posting(key, ANN, entries), entries);
        assertThat(store.apply(stale)).isEqualTo(CommitResult.STALE);
        assertThat(store.book(ANN)).contains(enrolled(ANN));
        assertThat(store.entries(ANN)).isEmpty();
        assertThat(store.posting(key)).isEmpty();

        MemberBook bob3 = rich(rich(enrolled(BOB)));
        Commit fresh = whole(List.of(rich(enrolled(ANN)), bob3), posting(key, ANN, entries), entries);
        assertThat(store.apply(fresh)).isEqualTo(CommitResult.APPLIED);
        assertThat(store.book(BOB)).contains(bob3);
        assertThat(store.entries(ANN)).containsExactly(entries.get(0));
        assertThat(store.entries(BOB)).containsExactly(entries.get(1));
    }

    @Test
    void entriesComeBackInSequenceOrder() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        MemberBook book = enrolled(ANN);
        List<Entry> all = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            IdempotencyKey key = IdempotencyKey.of("k" + i);
            Entry e = entry(ANN, i, key, i);
            all.add(e);
            book = new MemberBook(book.account(), book.version() + 1, book.nextLot(), i + 1, book.purses(),
                    book.reservations());
            assertThat(store.apply(whole(List.of(book), posting(key, ANN, List.of(e)), List.of(e))))
                    .isEqualTo(CommitResult.APPLIED);
        }
        assertThat(store.entries(ANN)).containsExactlyElementsOf(all);
        assertThat(store.entries(BOB)).isEmpty();
    }

    @Test
    void membersArePagedInIdOrder() {
        List<MemberId> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            MemberId id = MemberId.of(String.format("m%03d", 24 - i));
            ids.add(id);
            store.apply(whole(List.of(enrolled(id)), null, List.of()));
        }
        ids.sort(null);
        List<MemberId> seen = new ArrayList<>();
        MemberId after = null;
        while (true) {
            List<MemberId> page = store.members(after, 10);
            seen.addAll(page);
            if (page.size() < 10) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        assertThat(seen).containsExactlyElementsOf(ids);
    }
    private static Lot lot(long id, long remaining) {
        return new Lot(LotId.of(id), "PTS", 100, remaining, T0, T0, T0.plusSeconds(86_400L * id),
                IdempotencyKey.of("earn-" + id), T0.plusSeconds(id));
    }

    private static Lot lot(long id, long remaining, long earnedDay, Long expiresDay) {
        Instant earned = T0.plusSeconds(86_400L * earnedDay);
        return new Lot(LotId.of(id), "PTS", 100, remaining, earned, earned,
                expiresDay == null ? null : T0.plusSeconds(86_400L * expiresDay), IdempotencyKey.of("earn-" + id),
                earned);
    }

    @Test
    void lotsToSpendComeInEitherConsumptionOrderWithoutSpentOrExpiredLots() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        // numbered in creation order, earned out of that order (backdated), some never expiring
        Lot a = lot(1, 10, 5, 400L);
        Lot b = lot(2, 20, 1, null);
        Lot c = lot(3, 30, 3, 100L);
        Lot spent = lot(4, 0, 0, 50L);
        Lot expired = lot(5, 40, 2, 9L); // expired by day 10, not yet swept
        Lot d = lot(6, 50, 1, 200L);
        Lot e = lot(7, 60, 8, null);
        List<Lot> open = List.of(a, b, c, expired, d, e);
        MemberBook v2 = new MemberBook(enrolled(ANN).account(), 2, 8, 1,
                Map.of("PTS", new Purse("PTS", open, 0, T0)), Map.of());
        assertThat(store.apply(new Commit(List.of(new MemberChange(v2, List.of(a, b, c, spent, expired, d, e),
                List.of(), Map.of())), List.of(), List.of()))).isEqualTo(CommitResult.APPLIED);
        Instant day10 = T0.plusSeconds(86_400L * 10);

        assertThat(store.lotsToSpend(ANN, "PTS", ConsumptionOrder.SOONEST_EXPIRY_FIRST, day10, 10))
                .containsExactly(c, d, a, b, e);
        assertThat(store.lotsToSpend(ANN, "PTS", day10, 10)).containsExactly(c, d, a, b, e);
        assertThat(store.lotsToSpend(ANN, "PTS", ConsumptionOrder.OLDEST_FIRST, day10, 10))
                .containsExactly(b, d, c, a, e);
        assertThat(store.lotsToSpend(ANN, "PTS", ConsumptionOrder.OLDEST_FIRST, day10, 2)).containsExactly(b, d);
        // before the expired lot's date it is among them, in its place
        assertThat(store.lotsToSpend(ANN, "PTS", ConsumptionOrder.OLDEST_FIRST, T0, 3)).containsExactly(b, d, expired);
        assertThat(store.lotsToSpend(BOB, "PTS", ConsumptionOrder.OLDEST_FIRST, day10, 5)).isEmpty();

        // the oldest lot is spent, and the spent one given back in part: both orders follow
        Lot bSpent = b.withRemaining(0, day10);
        Lot spentBack = spent.withRemaining(5, day10);
        MemberBook v3 = new MemberBook(v2.account(), 3, 8, 1,
                Map.of("PTS", new Purse("PTS", List.of(a, c, spentBack, expired, d, e), 0, T0)), Map.of());
        assertThat(store.apply(new Commit(List.of(new MemberChange(v3, List.of(bSpent, spentBack), List.of(),
                Map.of())), List.of(), List.of()))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.lotsToSpend(ANN, "PTS", ConsumptionOrder.OLDEST_FIRST, day10, 10))
                .containsExactly(spentBack, d, c, a, e);
        assertThat(store.lotsToSpend(ANN, "PTS", ConsumptionOrder.SOONEST_EXPIRY_FIRST, day10, 10))
                .containsExactly(spentBack, c, d, a, e);
    }

    @Test
    void lotsReservationsAndReversalsAreKeptBesideTheBookAndReadOneByOne() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        store.apply(whole(List.of(enrolled(BOB)), null, List.of()));
        Lot open = lot(1, 60);
        Lot spent = lot(2, 0);
        Reservation held = new Reservation(IdempotencyKey.of("res-open"), ANN, "PTS", 10, T0, T0.plusSeconds(600),
                ReservationStatus.OPEN, null, List.of(new LotMovement(LotId.of(1), 0, 10)));
        Reservation captured = new Reservation(IdempotencyKey.of("res-done"), ANN, "PTS", 5, T0, T0.plusSeconds(600),
                ReservationStatus.CAPTURED, T0.plusSeconds(9), List.of(new LotMovement(LotId.of(2), 0, 5)));
        Reversed reversed = new Reversed(7, Map.of(LotId.of(2), 7L));
        MemberBook v1 = enrolled(ANN);
        MemberBook v2 = new MemberBook(v1.account(), 2, 3, 1, Map.of("PTS", new Purse("PTS", List.of(open), 0, T0)),
                Map.of(held.key(), held));
        MemberChange change = new MemberChange(v2, List.of(open, spent), List.of(held, captured),
                Map.of(IdempotencyKey.of("earn-2"), reversed));
        assertThat(store.apply(new Commit(List.of(change), List.of(), List.of()))).isEqualTo(CommitResult.APPLIED);

        assertThat(store.book(ANN)).contains(v2);
        assertThat(store.lot(ANN, LotId.of(1))).contains(open);
        assertThat(store.lot(ANN, LotId.of(2))).contains(spent);
        assertThat(store.lot(ANN, LotId.of(3))).isEmpty();
        assertThat(store.lot(BOB, LotId.of(1))).isEmpty();
        assertThat(store.lots(ANN, "PTS")).containsExactly(open, spent);
        assertThat(store.lots(ANN, "CASH")).isEmpty();
        assertThat(store.reservation(ANN, held.key())).contains(held);
        assertThat(store.reservation(ANN, captured.key())).contains(captured);
        assertThat(store.reservation(BOB, held.key())).isEmpty();
        assertThat(store.reservations(ANN)).containsExactlyInAnyOrder(held, captured);
        assertThat(store.reversed(ANN, IdempotencyKey.of("earn-2"))).contains(reversed);
        assertThat(store.reversed(ANN, IdempotencyKey.of("earn-1"))).isEmpty();
        assertThat(store.reversed(BOB, IdempotencyKey.of("earn-2"))).isEmpty();

        // the lot is spent and a later reversal gives part of the other back: rows are updated in place
        Lot openSpent = open.withRemaining(0, T0.plusSeconds(20));
        Lot spentBack = spent.withRemaining(30, T0.plusSeconds(20));
        Reservation released = held.close(ReservationStatus.RELEASED, T0.plusSeconds(20));
        Reversed more = new Reversed(37, Map.of(LotId.of(2), 37L));
        MemberBook v3 = new MemberBook(v2.account(), 3, 3, 1, Map.of("PTS", new Purse("PTS", List.of(spentBack), 0, T0)),
                Map.of());
        assertThat(store.apply(new Commit(List.of(new MemberChange(v3, List.of(openSpent, spentBack), List.of(released),
                Map.of(IdempotencyKey.of("earn-2"), more))), List.of(), List.of()))).isEqualTo(CommitResult.APPLIED);
        assertThat(store.lot(ANN, LotId.of(1))).contains(openSpent);
        assertThat(store.lot(ANN, LotId.of(2))).contains(spentBack);
        assertThat(store.lots(ANN, "PTS")).containsExactly(openSpent, spentBack);
        assertThat(store.reservation(ANN, held.key())).contains(released);
        assertThat(store.reservations(ANN)).containsExactlyInAnyOrder(released, captured);
        assertThat(store.reversed(ANN, IdempotencyKey.of("earn-2"))).contains(more);
    }

    @Test
    void aStaleCommitWritesNoLotReservationOrReversalRow() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        Lot open = lot(1, 60);
        Reservation captured = new Reservation(IdempotencyKey.of("res-done"), ANN, "PTS", 5, T0, T0.plusSeconds(600),
                ReservationStatus.CAPTURED, T0.plusSeconds(9), List.of(new LotMovement(LotId.of(1), 0, 5)));
        MemberBook stale = new MemberBook(enrolled(ANN).account(), 3, 2, 1,
                Map.of("PTS", new Purse("PTS", List.of(open), 0, T0)), Map.of());
        assertThat(store.apply(new Commit(List.of(new MemberChange(stale, List.of(open), List.of(captured),
                Map.of(IdempotencyKey.of("earn-1"), new Reversed(1, Map.of())))), List.of(), List.of())))
                .isEqualTo(CommitResult.STALE);
        assertThat(store.lot(ANN, LotId.of(1))).isEmpty();
        assertThat(store.lots(ANN, "PTS")).isEmpty();
        assertThat(store.reservation(ANN, captured.key())).isEmpty();
        assertThat(store.reversed(ANN, IdempotencyKey.of("earn-1"))).isEmpty();
    }

    @Test
    void entriesArePagedNewestFirst() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        MemberBook book = enrolled(ANN);
        List<Entry> all = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            IdempotencyKey key = IdempotencyKey.of("p" + i);
            Entry e = entry(ANN, i, key, i);
            all.add(0, e);
            book = new MemberBook(book.account(), book.version() + 1, book.nextLot(), i + 1, book.purses(),
                    book.reservations());
            store.apply(whole(List.of(book), posting(key, ANN, List.of(e)), List.of(e)));
        }
        List<Entry> seen = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            List<Entry> page = store.entries(ANN, before, 3);
            seen.addAll(page);
            if (page.size() < 3) {
                break;
            }
            before = page.get(page.size() - 1).sequence();
        }
        assertThat(seen).containsExactlyElementsOf(all);
        assertThat(store.entries(BOB, Long.MAX_VALUE, 3)).isEmpty();
    }
    @Test
    void aCommitOfSeveralPostingsIsRefusedWholeWhenOneKeyExists() {
        store.apply(whole(List.of(enrolled(ANN)), null, List.of()));
        IdempotencyKey taken = IdempotencyKey.of("taken");
        Entry first = entry(ANN, 1, taken, 10);
        MemberBook v2 = new MemberBook(enrolled(ANN).account(), 2, 1, 2, Map.of(), Map.of());
        store.apply(whole(List.of(v2), posting(taken, ANN, List.of(first)), List.of(first)));

        IdempotencyKey fresh = IdempotencyKey.of("fresh");
        Entry a = entry(ANN, 2, fresh, 5);
        Entry b = entry(ANN, 3, taken, 6);
        MemberBook v3 = new MemberBook(v2.account(), 3, 1, 4, Map.of(), Map.of());
        Commit batch = new Commit(List.of(MemberChange.of(v3)),
                List.of(posting(fresh, ANN, List.of(a)), posting(taken, ANN, List.of(b))), List.of(a, b));
        assertThat(store.apply(batch)).isEqualTo(CommitResult.DUPLICATE_KEY);
        assertThat(store.posting(fresh)).isEmpty();
        assertThat(store.book(ANN)).contains(v2);
        assertThat(store.entries(ANN)).containsExactly(first);

        IdempotencyKey other = IdempotencyKey.of("other");
        Entry c = entry(ANN, 3, other, 6);
        Commit ok = new Commit(List.of(MemberChange.of(v3)),
                List.of(posting(fresh, ANN, List.of(a)), posting(other, ANN, List.of(c))), List.of(a, c));
        assertThat(store.apply(ok)).isEqualTo(CommitResult.APPLIED);
        assertThat(store.posting(fresh)).isPresent();
        assertThat(store.posting(other)).isPresent();
        assertThat(store.entries(ANN)).containsExactly(first, a, c);
    }
}
