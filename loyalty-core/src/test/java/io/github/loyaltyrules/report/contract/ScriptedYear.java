package io.github.loyaltyrules.report.contract;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;

/**
 * A year of a small shop's ledger, 2026 in London, with every kind of entry: earnings with a
 * 14-day hold that expire after 6 months, a redemption, a reservation captured and another
 * released, a manual credit and debit, a full and a partial reversal of earnings (the partial one
 * leaving debt that a later earning settles), the reversal of a capture into a lot that has expired,
 * a transfer, expiry sweeps on the 1st of August to December, and a cash-back wallet in pence that
 * never expires. The clock stands at midnight on 1 January 2027.
 *
 * <p>At the end: ann holds 600 (expiring in March 2027) and 70 (pending, June 2027), bob 120 (May)
 * and 60 overdue since 15 December, cat 80 (April), eve 40 (June), dan nothing.
 */
public final class ScriptedYear {

    /** The shop's zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    /** Points: 14 days pending, then 6 months to spend them. */
    public static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6))).withHold(Period.ofDays(14));
    /** Cash back in pence, never expiring. */
    public static final PointCurrency CASH = PointCurrency.of("CASH", "Cash back", 2);
    /** When the reports are read. */
    public static final Instant NOW = LocalDate.of(2027, 1, 1).atStartOfDay(ZONE).toInstant();

    public static final MemberId ANN = MemberId.of("ann");
    public static final MemberId BOB = MemberId.of("bob");
    public static final MemberId CAT = MemberId.of("cat");
    public static final MemberId DAN = MemberId.of("dan");
    public static final MemberId EVE = MemberId.of("eve");

    private ScriptedYear() {
    }

    /** A ledger over the store, its clock at {@link #NOW}. */
    public static Ledger ledger(LedgerStore store) {
        return Ledger.builder().zone(ZONE).clock(Clock.fixed(NOW, ZONE)).currency(PTS).currency(CASH).store(store)
                .build();
    }

    /** Noon on a day of 2026 in London. */
    public static Instant at(int month, int day) {
        return LocalDate.of(2026, month, day).atTime(12, 0).atZone(ZONE).toInstant();
    }

    /** Midnight at the start of a day of 2026 in London. */
    public static Instant midnight(int month, int day) {
        return LocalDate.of(2026, month, day).atStartOfDay(ZONE).toInstant();
    }

    private static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    /** Plays the year on a new ledger over the store. */
    public static Ledger play(LedgerStore store) {
        Ledger l = ledger(store);
        for (MemberId m : new MemberId[] {ANN, BOB, CAT, DAN}) {
            l.enrol(m, at(1, 2));
        }
        l.earn(ANN, PTS.points(500), at(1, 10), key("a1"), "order 1");
        l.earn(BOB, PTS.points(300), at(1, 20), key("b1"), "order 2");
        l.redeem(ANN, PTS.points(200), at(2, 5), key("a2"), "gift card");
        l.earn(CAT, PTS.points(1000), at(2, 15), key("c1"), "order 3");
        l.adjustCredit(CAT, PTS.points(50), at(2, 15).plusSeconds(3600), key("c2"), "goodwill");
        l.reserve(BOB, PTS.points(100), Duration.ofHours(2), at(3, 1), key("b2"), "checkout");
        l.capture(BOB, key("b2"), at(3, 1).plusSeconds(3600), key("b3"));
        l.earn(ANN, PTS.points(400), at(3, 10), key("a3"), "order 4");
        l.reverse(ANN, key("a3"), at(3, 12), key("a4"), "order 4 returned");
        l.earn(ANN, CASH.points(1250), at(3, 15), key("a5"), "cash back");
        l.redeem(CAT, PTS.points(900), at(4, 2), key("c3"), "voucher");
        l.redeem(ANN, CASH.points(525), at(4, 3), key("a6"), "paid with cash back");
        // c1's lot has 100 left: the other 200 are recorded as debt
        l.reverse(CAT, key("c1"), PTS.points(300), at(4, 20), key("c4"), "part of order 3 returned");
        l.earn(CAT, PTS.points(250), at(5, 1), key("c5"), "order 5"); // settles the 200 of debt first
        l.adjustDebit(BOB, PTS.points(50), at(6, 1), key("b4"), "correction");
        l.transfer(ANN, BOB, PTS.points(100), at(6, 10), key("a7"), "gift");
        l.earn(BOB, PTS.points(60), at(6, 15), key("b7"), "order 6"); // expires 15 December, never swept
        l.expire(midnight(8, 1));
        // gives 100 back to b1's lot, which expired on 20 July: written off by the next sweep
        l.reverse(BOB, key("b3"), at(8, 1), key("b5"), "reward cancelled");
        l.expire(midnight(9, 1));
        l.earn(ANN, PTS.points(600), at(9, 5), key("a8"), "order 7");
        l.reserve(ANN, PTS.points(200), Duration.ofDays(1), at(9, 20), key("a9"), "checkout");
        l.release(ANN, key("a9"), at(9, 20).plusSeconds(3600), key("a10"));
        l.expire(midnight(10, 1));
        l.earn(CAT, PTS.points(80), at(10, 10), key("c6"), "order 8");
        l.expire(midnight(11, 1));
        l.earn(BOB, PTS.points(120), at(11, 20), key("b6"), "order 9");
        l.enrol(EVE, at(12, 1));
        l.expire(midnight(12, 1));
        l.earn(EVE, PTS.points(40), at(12, 5), key("e1"), "order 10");
        l.earn(ANN, PTS.points(70), at(12, 25), key("a11"), "order 11"); // pending until 8 January
        return l;
    }
}
