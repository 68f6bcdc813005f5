package io.github.loyaltyrules.ledger.contract;

import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.ExpirySweep;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.stateful.Action;
import net.jqwik.api.stateful.ActionSequence;

/**
 * Random sequences of enrol, earn, redeem, reserve, capture, release, adjust, reverse, transfer,
 * expire, status changes, replays and clock advances, checked after every step against
 * {@link LedgerModel} and against the ledger's invariants (DESIGN.md, "The ledger").
 */
public class LedgerStatefulProperties {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Instant START = Instant.parse("2026-01-01T09:00:00Z");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofDays(30)))
            .withHold(Period.ofDays(2));
    static final List<String> MEMBERS = List.of("m0", "m1", "m2", "m3", "m4");

    @Property(tries = 1000)
    public void ledgerAgreesWithModelAfterEveryStep(@ForAll("sequences") ActionSequence<World> actions) {
        actions.withInvariant(World::checkInvariants).run(new World(newStore()));
    }

    /**
     * The same random sequences with the currency spending oldest first: every spend takes the lots
     * the model takes (lots with other expiry terms, received by transfer or earned under lasting
     * terms, make the two orders differ).
     *
     * @param actions the sequence
     */
    @Property(tries = 300)
    public void ledgerSpendingOldestFirstAgreesWithModel(@ForAll("sequences") ActionSequence<World> actions) {
        actions.withInvariant(World::checkInvariants)
                .run(new World(newStore(), ConsumptionOrder.OLDEST_FIRST));
    }

    /**
     * Returns the store the ledger under test keeps its data in; durable stores override this to
     * run the same property against themselves.
     *
     * @return a new, empty store
     */
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }

    @Provide
    public Arbitrary<ActionSequence<World>> sequences() {
        Arbitrary<String> member = Arbitraries.of(MEMBERS);
        Arbitrary<Long> amount = Arbitraries.longs().between(1, 600);
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        return Arbitraries.sequences(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, member.map(Enrol::new)),
                net.jqwik.api.Tuple.of(8, Combinators.combine(member, amount).as(Earn::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(member, amount).as(EarnUnderLastingTerms::new)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(member, amount).as(Redeem::new)),
                net.jqwik.api.Tuple.of(2, member.map(RedeemAll::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(member, amount, Arbitraries.integers().between(1, 72))
                        .as(Reserve::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(member, pick, Arbitraries.of(true, false))
                        .as(CloseReservation::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(member, amount, Arbitraries.of(true, false))
                        .as(Adjust::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(member, pick, Arbitraries.longs().between(0, 300))
                        .as(Reverse::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(member, member, amount).as(Transfer::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new Expire())),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 24 * 20).map(Advance::new)),
                net.jqwik.api.Tuple.of(3, pick.map(Replay::new)),
                net.jqwik.api.Tuple.of(1, pick.map(ConflictingReplay::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(member, Arbitraries.of(AccountStatus.values()))
                        .as(ChangeStatus::new))))
                .ofSize(60);
    }

    /** A clock the test moves forward by hand. */
    static final class TestClock extends Clock {
        Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The real ledger, the model, and what the test remembers between steps. */
    public static final class World {
        final TestClock clock = new TestClock(START);
        final Ledger ledger;
        /** A ledger over the same store whose PTS never expire: the program's terms before they changed. */
        final Ledger lasting;
        final PointCurrency pts;
        final LedgerModel model = new LedgerModel(ZONE, PTS.expiry(), PTS.hold(), START);
        final List<Supplier<Posting>> replays = new ArrayList<>();
        final List<Posting> firstResults = new ArrayList<>();
        final List<String> reservations = new ArrayList<>();
        final List<String> postingKeys = new ArrayList<>();
        final Map<String, List<Entry>> statements = new HashMap<>();
        int keys;

        World(LedgerStore store) {
            this(store, ConsumptionOrder.SOONEST_EXPIRY_FIRST);
        }

        World(LedgerStore store, ConsumptionOrder order) {
            pts = PTS.withConsumptionOrder(order);
            model.order = order;
            ledger = Ledger.builder().zone(ZONE).clock(clock).currency(pts).store(store).build();
            lasting = Ledger.builder().zone(ZONE).clock(clock).currency(pts.withExpiry(ExpiryPolicy.never()))
                    .store(store).build();
            for (int i = 0; i < 4; i++) {
                ledger.enrol(MemberId.of(MEMBERS.get(i)), START);
                model.enrol(MEMBERS.get(i));
            }
        }

        Instant now() {
            return clock.now;
        }

        IdempotencyKey nextKey() {
            return IdempotencyKey.of("k" + (++keys));
        }

        /** Everything observable about every member, to show that a rejected call changed nothing. */
        Map<String, Object> snapshot() {
            Map<String, Object> all = new HashMap<>();
            for (String m : MEMBERS) {
                MemberId id = MemberId.of(m);
                if (!model.members.containsKey(m)) {
                    continue;
                }
                all.put(m + ".account", ledger.account(id));
                all.put(m + ".balance", ledger.balance(id, pts));
                all.put(m + ".lots", ledger.lots(id, pts));
                all.put(m + ".statement", ledger.statement(id));
            }
            return all;
        }

        /**
         * Runs the operation on the model and on the ledger: both reject it with the same
         * exception (and the ledger changes nothing), or both do it.
         */
        void step(Runnable onModel, Supplier<Posting> onLedger, boolean replayable) {
            Map<String, Object> before = snapshot();
            Class<? extends LoyaltyException> expected = null;
            try {
                onModel.run();
            } catch (LedgerModel.Rejected r) {
                expected = r.expected;
            }
            if (expected != null) {
                Throwable thrown = catchThrowable(onLedger::get);
                assertThat(thrown).as("ledger must reject as the model does").isInstanceOf(expected);
                assertThat(thrown.getMessage()).isNotBlank();
                assertThat(snapshot()).as("a rejected call changes nothing").isEqualTo(before);
                return;
            }
            Posting posting = onLedger.get();
            postingKeys.add(posting.key().value());
            if (replayable) {
                replays.add(onLedger);
                firstResults.add(posting);
            }
        }

        void checkInvariants() {
            long sumTotals = 0;
            long sumEntries = 0;
            for (String m : MEMBERS) {
                if (!model.members.containsKey(m)) {
                    continue;
                }
                MemberId id = MemberId.of(m);
                Balance b = ledger.balance(id, pts);
                List<Lot> lots = ledger.lots(id, pts);
                List<Entry> statement = ledger.statement(id);
                long lotSum = 0;
                for (Lot lot : lots) {
                    assertThat(lot.remaining()).isBetween(0L, lot.original());
                    lotSum += lot.remaining();
                }
                long entrySum = 0;
                long debtSum = 0;
                for (Entry e : statement) {
                    entrySum += e.amount();
                    debtSum += e.debtDelta();
                }
                // 1. balance = sum of lots = sum of entries, never negative; 7. debt is recorded, never negative.
                assertThat(b.total()).isEqualTo(lotSum).isEqualTo(entrySum).isNotNegative();
                assertThat(b.debt()).isEqualTo(debtSum).isNotNegative();
                // 3. available = total - pending - reserved - expired (Balance checks it) and not negative.
                assertThat(b.available()).isNotNegative();
                // The model agrees on every figure and every lot.
                assertThat(b.total()).as("total of " + m).isEqualTo(model.total(m));
                assertThat(b.debt()).as("debt of " + m).isEqualTo(model.member(m).debt);
                assertThat(b.reserved()).as("reserved of " + m).isEqualTo(model.reserved(m));
                assertThat(b.available()).as("available of " + m).isEqualTo(model.available(m));
                assertThat(lots).hasSameSizeAs(model.member(m).lots);
                for (int i = 0; i < lots.size(); i++) {
                    assertThat(lots.get(i).remaining()).as("lot " + lots.get(i).id() + " of " + m)
                            .isEqualTo(model.member(m).lots.get(i).remaining);
                }
                // 10. the balance recomputed from the entries as of now is the live balance.
                assertThat(ledger.balance(id, pts, now())).isEqualTo(b);
                // 6. entries are append-only.
                List<Entry> previous = statements.getOrDefault(m, List.of());
                assertThat(statement.subList(0, previous.size())).isEqualTo(previous);
                statements.put(m, statement);
                assertThat(ledger.account(id).status()).isEqualTo(model.member(m).status);
                sumTotals += b.total();
                sumEntries += entrySum;
            }
            assertThat(sumTotals).isEqualTo(sumEntries);
        }
    }

    record Enrol(String member) implements Action<World> {
        @Override
        public World run(World w) {
            Map<String, Object> before = w.snapshot();
            try {
                w.model.enrol(member);
            } catch (LedgerModel.Rejected r) {
                assertThat(catchThrowable(() -> w.ledger.enrol(MemberId.of(member), w.now()))).isInstanceOf(r.expected);
                assertThat(w.snapshot()).isEqualTo(before);
                return w;
            }
            w.ledger.enrol(MemberId.of(member), w.now());
            return w;
        }
    }

    record Earn(String member, long amount) implements Action<World> {
        @Override
        public World run(World w) {
            IdempotencyKey key = w.nextKey();
            Instant at = w.now();
            w.step(() -> w.model.credit(PostingType.EARN, member, amount, key.value()),
                    () -> w.ledger.earn(MemberId.of(member), w.pts.points(amount), at, key, "purchase"), true);
            return w;
        }
    }

    /** An earn under the program's earlier terms, when PTS did not expire: a lot that never expires. */
    record EarnUnderLastingTerms(String member, long amount) implements Action<World> {
        @Override
        public World run(World w) {
            IdempotencyKey key = w.nextKey();
            Instant at = w.now();
            w.step(() -> w.model.credit(PostingType.EARN, member, amount, key.value(), ExpiryPolicy.never()),
                    () -> w.lasting.earn(MemberId.of(member), w.lasting.currency("PTS").points(amount), at, key,
                            "purchase"), true);
            return w;
        }
    }

    record Redeem(String member, long amount) implements Action<World> {
        @Override
        public World run(World w) {
            IdempotencyKey key = w.nextKey();
            Instant at = w.now();
            w.step(() -> w.model.debit(PostingType.REDEEM, member, amount, key.value()),
                    () -> w.ledger.redeem(MemberId.of(member), w.pts.points(amount), at, key, "reward"), true);
            return w;
        }
    }

    /** Redeems exactly what the model says is available: the boundary case. */
    record RedeemAll(String member) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return w.model.members.containsKey(member) && w.model.available(member) > 0;
        }

        @Override
        public World run(World w) {
            return new Redeem(member, w.model.available(member)).run(w);
        }
    }

    record Reserve(String member, long amount, int ttlHours) implements Action<World> {
        @Override
        public World run(World w) {
            IdempotencyKey key = w.nextKey();
            Instant at = w.now();
            Duration ttl = Duration.ofHours(ttlHours);
            int before = w.postingKeys.size();
            w.step(() -> w.model.reserve(member, amount, ttl, key.value()),
                    () -> w.ledger.reserve(MemberId.of(member), w.pts.points(amount), ttl, at, key, "checkout"), true);
            if (w.postingKeys.size() > before) {
                w.reservations.add(key.value());
            }
            return w;
        }
    }

    record CloseReservation(String member, int pick, boolean capture) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return !w.reservations.isEmpty();
        }

        @Override
        public World run(World w) {
            String reservation = w.reservations.get(pick % w.reservations.size());
            IdempotencyKey key = w.nextKey();
            Instant at = w.now();
            IdempotencyKey target = IdempotencyKey.of(reservation);
            w.step(() -> w.model.closeReservation(capture, member, reservation, key.value()),
                    () -> capture ? w.ledger.capture(MemberId.of(member), target, at, key)
                            : w.ledger.release(MemberId.of(member), target, at, key), true);
            return w;
        }
    }

    record Adjust(String member, long amount, boolean credit) implements Action<World> {
        @Override
        public World run(World w) {
            IdempotencyKey key = w.nextKey();
            Instant at = w.now();
            MemberId id = MemberId.of(member);
            w.step(() -> {
                if (credit) {
                    w.model.credit(PostingType.ADJUST_CREDIT, member, amount, key.value());
                } else {
                    w.model.debit(PostingType.ADJUST_DEBIT, member, amount, key.value());
                }
            }, () -> credit ? w.ledger.adjustCredit(id, w.pts.points(amount), at, key, "goodwill")
                    : w.ledger.adjustDebit(id, w.pts.points(amount), at, key, "correction"), true);
            return w;
        }
    }

    /** Reverses an earlier posting: all that is left of it when {@code amount} is 0. */
    record Reverse(String member, int pick, long amount) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return !w.postingKeys.isEmpty();
        }

        @Override
        public World run(World w) {
            String target = w.postingKeys.get(pick % w.postingKeys.size());
            LedgerModel.MPosting p = w.model.postings.get(target);
            String who = p != null && pick % 5 != 0 ? p.member : member;
            IdempotencyKey key = w.nextKey();
            Instant at = w.now();
            Long partial = amount == 0 ? null : amount;
            w.step(() -> w.model.reverse(who, target, partial, key.value()),
                    () -> partial == null
                            ? w.ledger.reverse(MemberId.of(who), IdempotencyKey.of(target), at, key, "return")
                            : w.ledger.reverse(MemberId.of(who), IdempotencyKey.of(target), w.pts.points(partial), at, key,
                                    "partial return"), true);
            return w;
        }
    }

    record Transfer(String from, String to, long amount) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return !from.equals(to);
        }

        @Override
        public World run(World w) {
            IdempotencyKey key = w.nextKey();
            Instant at = w.now();
            w.step(() -> w.model.transfer(from, to, amount, key.value()),
                    () -> w.ledger.transfer(MemberId.of(from), MemberId.of(to), w.pts.points(amount), at, key, "gift"),
                    true);
            return w;
        }
    }

    record Expire() implements Action<World> {
        @Override
        public World run(World w) {
            long expected = w.model.expire();
            ExpirySweep sweep = w.ledger.expire(w.now());
            assertThat(sweep.expired().getOrDefault("PTS", 0L)).isEqualTo(expected);
            ExpirySweep again = w.ledger.expire(w.now());
            assertThat(again.postings()).as("a second sweep at the same instant writes nothing").isZero();
            return w;
        }
    }

    record Advance(int hours) implements Action<World> {
        @Override
        public World run(World w) {
            w.clock.now = w.clock.now.plus(Duration.ofHours(hours));
            w.model.now = w.clock.now;
            return w;
        }
    }

    /** Replays an earlier successful request with its key: the same posting back, nothing changed. */
    record Replay(int pick) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return !w.replays.isEmpty();
        }

        @Override
        public World run(World w) {
            int i = pick % w.replays.size();
            Map<String, Object> before = w.snapshot();
            assertThat(w.replays.get(i).get()).isEqualTo(w.firstResults.get(i));
            assertThat(w.snapshot()).isEqualTo(before);
            return w;
        }
    }

    /** Reuses an earlier key for a different request: rejected, nothing changed. */
    record ConflictingReplay(int pick) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            return !w.firstResults.isEmpty();
        }

        @Override
        public World run(World w) {
            Posting first = w.firstResults.get(pick % w.firstResults.size());
            Map<String, Object> before = w.snapshot();
            Throwable thrown = catchThrowable(() -> w.ledger.earn(first.member(), w.pts.points(first.amount() + 1),
                    w.now(), first.key(), "other content"));
            assertThat(thrown).isInstanceOf(IdempotencyConflictException.class)
                    .hasMessageContaining(first.key().value());
            assertThat(w.snapshot()).isEqualTo(before);
            return w;
        }
    }

    record ChangeStatus(String member, AccountStatus to) implements Action<World> {
        @Override
        public boolean precondition(World w) {
            // Closing is final; keep it to one member so that most sequences stay lively.
            return to != AccountStatus.CLOSED || member.equals("m3");
        }

        @Override
        public World run(World w) {
            Map<String, Object> before = w.snapshot();
            MemberId id = MemberId.of(member);
            Instant at = w.now();
            try {
                w.model.status(member, to);
            } catch (LedgerModel.Rejected r) {
                assertThat(catchThrowable(() -> apply(w, id, at))).isInstanceOf(r.expected);
                assertThat(w.snapshot()).isEqualTo(before);
                return w;
            }
            apply(w, id, at);
            return w;
        }

        private void apply(World w, MemberId id, Instant at) {
            switch (to) {
                case SUSPENDED:
                    w.ledger.suspend(id, at, "fraud check");
                    break;
                case ACTIVE:
                    w.ledger.reactivate(id, at, "cleared");
                    break;
                default:
                    w.ledger.close(id, at, "member asked");
            }
        }
    }
}
