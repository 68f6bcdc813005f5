package io.github.loyaltyrules.report.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Over random histories (every kind of posting, sweeps, and expiry holds and their lifts, in time
 * order or not, many of them refused), the reports of a period and of the liability equal the sums taken independently from
 * the statements and lots ({@link ReportOracle}), and equal what the in-memory store reports for the
 * same history. Subclasses supply a fresh, empty store.
 */
public abstract class ReportHistoryProperties {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(2))).withHold(Period.ofDays(3));
    private static final PointCurrency CASH = PointCurrency.of("CASH", "Cash back", 2);
    private static final Instant BASE = Instant.parse("2026-01-01T05:00:00Z");
    private static final Instant NOW = BASE.plus(Duration.ofDays(380));
    private static final MemberId[] MEMBERS = {MemberId.of("m0"), MemberId.of("m1"), MemberId.of("m2"),
        MemberId.of("m3")};

    /** What an operation does. */
    protected enum Kind { EARN, REDEEM, ADJUST_CREDIT, ADJUST_DEBIT, REVERSE, PARTIAL_REVERSE, RESERVE, CAPTURE, RELEASE,
        TRANSFER, EXPIRE, CASH_EARN, CASH_REDEEM, HOLD_EXPIRY, LIFT_EXPIRY_HOLD }

    /** One operation: its kind, members, amount, time (minutes after {@link #BASE}) and which earlier posting it picks. */
    protected record Op(Kind kind, int member, int other, long amount, int minute, int pick) {
        Instant at() {
            return BASE.plus(Duration.ofMinutes(minute));
        }
    }

    /**
     * Returns a new, empty store.
     *
     * @return the store
     * @throws Exception if it cannot be made
     */
    protected abstract LedgerStore newStore() throws Exception;

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    public void reportsEqualTheSumsOfTheStatements(@ForAll("histories") List<Op> ops, @ForAll boolean inTimeOrder,
            @ForAll("days") int fromDay, @ForAll("days") int days)
            throws Exception {
        List<Op> history = new ArrayList<>(ops);
        if (inTimeOrder) {
            history.sort(Comparator.comparingInt(Op::minute));
        }
        Ledger ledger = play(newStore(), history);
        Ledger memory = play(LedgerStore.inMemory(), history);
        Instant from = BASE.plus(Duration.ofDays(fromDay - 10));
        Instant to = from.plus(Duration.ofDays(days + 1));
        for (PointCurrency c : List.of(PTS, CASH)) {
            assertThat(ledger.activity(c, from, to)).isEqualTo(ReportOracle.activity(ledger, c, from, to))
                    .isEqualTo(memory.activity(c, from, to));
            assertThat(ledger.liability(c)).isEqualTo(ReportOracle.liability(ledger, c))
                    .isEqualTo(memory.liability(c));
        }
    }

    /** Days for the period's start (from ten days before the history) and length, uniformly. */
    @Provide
    public Arbitrary<Integer> days() {
        return Arbitraries.integers().between(0, 390).withDistribution(RandomDistribution.uniform());
    }

    /** Random histories of 10 to 60 operations over a year. */
    @Provide
    public Arbitrary<List<Op>> histories() {
        // earnings three times as often as any other kind, so that most spends find points
        Kind[] kinds = new Kind[Kind.values().length + 2];
        System.arraycopy(Kind.values(), 0, kinds, 0, Kind.values().length);
        kinds[kinds.length - 2] = Kind.EARN;
        kinds[kinds.length - 1] = Kind.EARN;
        // uniform: the default bias towards small numbers would crowd every posting into the first hours
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(kinds), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(1, 300).withDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 365 * 24 * 60).withDistribution(RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 1000)).as(Op::new);
        return op.list().ofMinSize(10).ofMaxSize(60).withSizeDistribution(RandomDistribution.uniform());
    }

    private static Ledger play(LedgerStore store, List<Op> ops) {
        Ledger l = Ledger.builder().zone(ZONE).clock(Clock.fixed(NOW, ZONE)).currency(PTS).currency(CASH).store(store)
                .build();
        for (int i = 0; i < MEMBERS.length; i++) {
            l.enrol(MEMBERS[i], BASE.plus(Duration.ofDays(30L * i)));
        }
        List<List<Posting>> done = new ArrayList<>();
        for (int i = 0; i < MEMBERS.length; i++) {
            done.add(new ArrayList<>());
        }
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            MemberId m = MEMBERS[op.member()];
            IdempotencyKey key = IdempotencyKey.of("k" + i);
            try {
                Posting p = apply(l, op, m, key, done.get(op.member()));
                if (p != null) {
                    done.get(op.member()).add(p);
                }
            } catch (LoyaltyException refused) {
                // a refused operation changes nothing
            }
        }
        return l;
    }

    private static Posting apply(Ledger l, Op op, MemberId m, IdempotencyKey key, List<Posting> earlier) {
        Instant at = op.at();
        long spend = 1 + op.amount() / 4; // spends are smaller than earnings, so that most find points
        Posting target = earlier.isEmpty() ? null : earlier.get(op.pick() % earlier.size());
        switch (op.kind()) {
            case EARN:
                return l.earn(m, PTS.points(op.amount() * 3), at, key, "purchase");
            case REDEEM:
                return l.redeem(m, PTS.points(spend), at, key, "reward");
            case ADJUST_CREDIT:
                return l.adjustCredit(m, PTS.points(op.amount()), at, key, "goodwill");
            case ADJUST_DEBIT:
                return l.adjustDebit(m, PTS.points(spend), at, key, "correction");
            case REVERSE:
                return target == null ? null : l.reverse(m, target.key(), at, key, "return");
            case PARTIAL_REVERSE:
                return target == null ? null : l.reverse(m, target.key(),
                        l.currency(target.currency() == null ? PTS.code() : target.currency()).points(op.amount()), at,
                        key, "partial return");
            case RESERVE:
                Posting reserve = l.reserve(m, PTS.points(spend), Duration.ofHours(1 + op.pick() % 48), at, key,
                        "checkout");
                // two in three are closed at once, captured (the posting a later reversal may pick) or released
                Instant close = at.plus(Duration.ofMinutes(1 + op.pick() % 50));
                IdempotencyKey closeKey = IdempotencyKey.of(key + "/close");
                return op.pick() % 3 == 0 ? l.capture(m, key, close, closeKey)
                        : op.pick() % 3 == 1 ? l.release(m, key, close, closeKey) : reserve;
            case CAPTURE:
            case RELEASE:
                Posting reservation = null;
                for (Posting p : earlier) {
                    if (p.type() == PostingType.RESERVE) {
                        reservation = p;
                    }
                }
                if (reservation == null) {
                    return null;
                }
                // within the hour after the reservation: most are still open then
                Instant soon = reservation.at().plus(Duration.ofMinutes(op.pick() % 60));
                return op.kind() == Kind.CAPTURE ? l.capture(m, reservation.key(), soon, key)
                        : l.release(m, reservation.key(), soon, key);
            case TRANSFER:
                return l.transfer(m, MEMBERS[op.other()], PTS.points(spend), at, key, "gift");
            case EXPIRE:
                l.expire(at);
                return null;
            case CASH_EARN:
                return l.earn(m, CASH.points(op.amount() * 7), at, key, "cash back");
            case CASH_REDEEM:
                return l.redeem(m, CASH.points(op.amount()), at, key, "paid with cash back");
            case HOLD_EXPIRY:
                // mostly points, whose lots have dates; sometimes cash back, whose lots have none
                l.holdExpiry(m, op.pick() % 4 == 0 ? CASH : PTS, at);
                return null;
            case LIFT_EXPIRY_HOLD:
                l.liftExpiryHold(m, op.pick() % 4 == 0 ? CASH : PTS, at, op.pick() % 5 == 0 ? ExpiryPolicy.never()
                        : ExpiryPolicy.afterTerm(Period.ofDays(1 + op.pick() % 90)));
                return null;
            default:
                throw new IllegalArgumentException(op.kind().name());
        }
    }
}
