package io.github.loyaltyrules.report.contract;

import static io.github.loyaltyrules.report.contract.ScriptedYear.CASH;
import static io.github.loyaltyrules.report.contract.ScriptedYear.PTS;
import static io.github.loyaltyrules.report.contract.ScriptedYear.midnight;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.LiabilityReport;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the reports of every {@link LedgerStore} must say about the {@link ScriptedYear}: each figure
 * equals the sums computed independently from the statements and lots ({@link ReportOracle}), the
 * year's figures are the ones worked out by hand, and the store reports exactly what the in-memory
 * store reports for the same history. Subclasses supply a fresh, empty store.
 */
public abstract class LedgerReportContract {

    private static final Instant YEAR_START = midnight(1, 1);
    private static final Instant YEAR_END = ScriptedYear.NOW;

    private Ledger ledger;

    /**
     * Returns a new, empty store.
     *
     * @return the store
     * @throws Exception if it cannot be made
     */
    protected abstract LedgerStore newStore() throws Exception;

    /** The scripted year on a new store, played on first use. */
    private Ledger year() {
        if (ledger == null) {
            try {
                ledger = ScriptedYear.play(newStore());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return ledger;
    }

    @Test
    void everyMonthsFiguresEqualTheSumsOfTheStatements() {
        for (PointCurrency c : List.of(PTS, CASH)) {
            List<ActivityReport> months = year().activityByMonth(c, YearMonth.of(2026, 1), YearMonth.of(2026, 12));
            assertThat(months).hasSize(12);
            for (ActivityReport month : months) {
                assertThat(month).as(c.code() + " from " + month.from())
                        .isEqualTo(ReportOracle.activity(year(), c, month.from(), month.to()));
            }
            // the months tile the year: each closes where the next opens
            for (int i = 1; i < months.size(); i++) {
                assertThat(months.get(i).openingLiability()).isEqualTo(months.get(i - 1).closingLiability());
                assertThat(months.get(i).from()).isEqualTo(months.get(i - 1).to());
            }
        }
    }

    @Test
    void anyPeriodsFiguresEqualTheSumsOfTheStatements() {
        Instant[] bounds = {Instant.parse("2025-06-01T00:00:00Z"), YEAR_START, ScriptedYear.at(2, 15),
            ScriptedYear.at(2, 15).plusSeconds(3600), midnight(4, 20), midnight(8, 1), ScriptedYear.at(8, 1),
            ScriptedYear.at(11, 1), YEAR_END, Instant.parse("2030-01-01T00:00:00Z")};
        for (int i = 0; i < bounds.length; i++) {
            for (int j = i + 1; j < bounds.length; j++) {
                assertThat(year().activity(PTS, bounds[i], bounds[j])).as(bounds[i] + " to " + bounds[j])
                        .isEqualTo(ReportOracle.activity(year(), PTS, bounds[i], bounds[j]));
            }
        }
    }

    @Test
    void theYearsFiguresAreTheOnesWorkedOutByHand() {
        ActivityReport year = year().activity(PTS, YEAR_START, YEAR_END);
        assertThat(year.earned()).isEqualTo(500 + 300 + 1000 + 400 + 250 + 60 + 600 + 80 + 120 + 40 + 70);
        assertThat(year.redeemed()).isEqualTo(200 + 100 + 900);
        assertThat(year.captured()).isEqualTo(100);
        // ann's 200 and bob's gift of 100 on 10 July, bob's 150 on 20 July and the 100 given back to that
        // lot on 1 August, cat's credit of 50 on 15 August and the 50 left of order 5 on 1 November
        assertThat(year.expired()).isEqualTo(200 + 100 + 150 + 100 + 50 + 50);
        assertThat(year.adjustedCredit()).isEqualTo(50);
        assertThat(year.adjustedDebit()).isEqualTo(50);
        assertThat(year.reversalDebit()).isEqualTo(400 + 100);
        assertThat(year.debtRecorded()).isEqualTo(200);
        assertThat(year.debtSettled()).isEqualTo(200);
        assertThat(year.reversalCredit()).isEqualTo(100);
        assertThat(year.transferredIn()).isEqualTo(100).isEqualTo(year.transferredOut());
        assertThat(year.reserved()).isEqualTo(300);
        assertThat(year.released()).isEqualTo(200);
        assertThat(year.openingLiability()).isZero();
        assertThat(year.closingLiability()).isEqualTo(670 + 180 + 80 + 40);
        assertThat(year.breakageRate().value()).contains(new BigDecimal("0.1901")); // 650 / 3420
        assertThat(year.redemptionRate().percent()).contains(new BigDecimal("35.09")); // 1200 / 3420
        assertThat(year.enrolledMembers()).isEqualTo(5);
        assertThat(year.activeMembers()).isEqualTo(4); // dan never posted
        assertThat(year.holdingMembers()).isEqualTo(4);

        ActivityReport april = year().activity(PTS, midnight(4, 1), midnight(5, 1));
        assertThat(april.debtRecorded()).isEqualTo(200);
        assertThat(april.activeMembers()).isEqualTo(1);
        assertThat(year().activity(PTS, midnight(5, 1), midnight(6, 1)).debtSettled()).isEqualTo(200);
        ActivityReport december = year().activity(PTS, midnight(12, 1), YEAR_END);
        assertThat(december.enrolledMembers()).isEqualTo(5);
        assertThat(year().activity(PTS, YEAR_START, midnight(12, 1)).enrolledMembers()).isEqualTo(4);
        assertThat(year().activity(CASH, YEAR_START, YEAR_END).closingLiability()).isEqualTo(725);
    }

    @Test
    void theClosingLiabilityIsTheSumOfTheBalancesAsOfThen() {
        for (int month = 1; month <= 12; month++) {
            Instant to = month == 12 ? YEAR_END : midnight(month + 1, 1);
            long balances = 0;
            for (MemberId m : ReportOracle.members(year())) {
                balances += year().balance(m, PTS, to.minusNanos(1)).total();
            }
            assertThat(year().activity(PTS, YEAR_START, to).closingLiability()).as("end of month " + month)
                    .isEqualTo(balances);
        }
    }

    @Test
    void theLiabilityEqualsTheOpenLotsByExpiryMonth() {
        for (PointCurrency c : List.of(PTS, CASH)) {
            assertThat(year().liability(c)).as(c.code()).isEqualTo(ReportOracle.liability(year(), c));
        }
        LiabilityReport pts = year().liability(PTS);
        assertThat(pts.asOf()).isEqualTo(ScriptedYear.NOW);
        assertThat(pts.outstanding()).isEqualTo(970);
        assertThat(pts.pending()).isEqualTo(70);
        assertThat(pts.overdue()).isEqualTo(60);
        assertThat(pts.neverExpires()).isZero();
        assertThat(pts.byExpiryMonth()).containsExactly(Map.entry(YearMonth.of(2027, 3), 600L),
                Map.entry(YearMonth.of(2027, 4), 80L), Map.entry(YearMonth.of(2027, 5), 120L),
                Map.entry(YearMonth.of(2027, 6), 110L));
        assertThat(pts.holders()).isEqualTo(4);
        assertThat(year().liability(CASH).neverExpires()).isEqualTo(725);
        long balances = 0;
        for (MemberId m : ReportOracle.members(year())) {
            balances += year().balance(m, PTS).total();
        }
        assertThat(pts.outstanding()).isEqualTo(balances);
    }

    @Test
    void theReportsEqualThoseOfTheInMemoryStoreForTheSameHistory() {
        Ledger memory = ScriptedYear.play(LedgerStore.inMemory());
        for (PointCurrency c : List.of(PTS, CASH)) {
            assertThat(year().activityByMonth(c, YearMonth.of(2025, 12), YearMonth.of(2027, 1)))
                    .isEqualTo(memory.activityByMonth(c, YearMonth.of(2025, 12), YearMonth.of(2027, 1)));
            assertThat(year().liability(c)).isEqualTo(memory.liability(c));
        }
    }

    @Test
    void aMonthEndingInTheSummerTimeChangeIsCountedInLocalTime() {
        // the clocks went forward at 01:00 on 29 March 2026: March has 743 hours in London
        ActivityReport march = year().activityByMonth(PTS, YearMonth.of(2026, 3), YearMonth.of(2026, 3)).get(0);
        assertThat(march.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(march.to()).isEqualTo(LocalDate.of(2026, 4, 1).atStartOfDay(ScriptedYear.ZONE).toInstant())
                .isEqualTo(Instant.parse("2026-03-31T23:00:00Z"));
    }

    @Test
    void lotsExpiringCenturiesApartAreStillBucketedByMonth() throws Exception {
        LedgerStore store = newStore();
        LedgerStore memory = LedgerStore.inMemory();
        Instant asOf = ScriptedYear.NOW;
        // 31 March 2041 23:30 UTC is 00:30 on 1 April in London (summer time)
        holding(store, memory, ScriptedYear.ANN, lot(1, 10, "2027-02-10T12:00:00Z", asOf),
                lot(2, 20, "2041-03-31T23:30:00Z", asOf), lot(3, 30, "2300-01-15T00:00:00Z", asOf),
                lot(4, 40, "9999-12-31T23:59:59Z", asOf), lot(5, 5, "2026-12-15T12:00:00Z", asOf),
                lot(6, 7, null, asOf));
        holding(store, memory, ScriptedYear.BOB, lot(1, 3, "2027-02-28T23:59:59Z", asOf.plusSeconds(86_400)));
        LiabilityReport report = store.liability(PTS, asOf, ScriptedYear.ZONE);
        assertThat(report.byExpiryMonth()).containsExactly(Map.entry(YearMonth.of(2027, 2), 13L),
                Map.entry(YearMonth.of(2041, 4), 20L), Map.entry(YearMonth.of(2300, 1), 30L),
                Map.entry(YearMonth.of(9999, 12), 40L));
        assertThat(report.overdue()).isEqualTo(5);
        assertThat(report.neverExpires()).isEqualTo(7);
        assertThat(report.pending()).isEqualTo(3);
        assertThat(report.outstanding()).isEqualTo(115);
        assertThat(report.holders()).isEqualTo(2);
        assertThat(report).isEqualTo(memory.liability(PTS, asOf, ScriptedYear.ZONE));
    }

    @Test
    void aHeldMembersLotsAreHeldFromExpiringNotCountedInTheMonthsOfTheirDates() throws Exception {
        Ledger held = heldYear(newStore());
        LiabilityReport report = held.liability(MILES);
        // ann: held since 1 March 2026, so her 100 (dated January 2027) and 200 (June 2027) expire on no date
        // bob: held since 22 November 2026; his 50 dated 20 November had expired by then and wait for the
        //      sweep, his 70 dated 25 November (before now, after the hold began) are held
        // cat: held from April to 15 September 2026, then 24 months: her 40 expire at the end of 15 September 2028
        // dan: not held, 30 dated May 2027
        // eve: held from 1 February 2027, after now: her 60 dated 15 January 2027 expire before it, her 80
        //      dated June 2027 are held
        assertThat(report.outstanding()).isEqualTo(300 + 120 + 40 + 30 + 140);
        assertThat(report.expiryHeld()).isEqualTo(300 + 70 + 80);
        assertThat(report.overdue()).isEqualTo(50);
        assertThat(report.neverExpires()).isZero();
        assertThat(report.pending()).isZero();
        assertThat(report.byExpiryMonth()).containsExactly(Map.entry(YearMonth.of(2027, 1), 60L),
                Map.entry(YearMonth.of(2027, 5), 30L), Map.entry(YearMonth.of(2028, 9), 40L));
        assertThat(report.holders()).isEqualTo(5);
        assertThat(report).isEqualTo(ReportOracle.liability(held, MILES))
                .isEqualTo(heldYear(LedgerStore.inMemory()).liability(MILES));

        // the sweep agrees: bob's 50 expire tonight, nothing held does
        held.expire(HELD_NOW);
        LiabilityReport swept = held.liability(MILES);
        assertThat(swept.overdue()).isZero();
        assertThat(swept.expiryHeld()).isEqualTo(450);
        assertThat(swept.outstanding()).isEqualTo(630 - 50);

        // ann loses her status on 1 December 2026: her lots expire at the later of their own date and
        // 12 months after, December 2027; held no more
        held.liftExpiryHold(ScriptedYear.ANN, MILES, HELD_NOW, ExpiryPolicy.afterTerm(Period.ofMonths(12)));
        LiabilityReport lifted = held.liability(MILES);
        assertThat(lifted.expiryHeld()).isEqualTo(70 + 80);
        assertThat(lifted.byExpiryMonth()).containsEntry(YearMonth.of(2027, 12), 300L);
        assertThat(lifted).isEqualTo(ReportOracle.liability(held, MILES));
    }

    private static final PointCurrency MILES = PointCurrency.of("MILES", "Miles", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(12)));
    private static final Instant HELD_NOW = Instant.parse("2026-12-01T00:00:00Z");

    /** Five members of a programme whose miles expire after 12 months, some of them held; see the test. */
    private static Ledger heldYear(LedgerStore store) {
        ZoneId zone = ScriptedYear.ZONE;
        Ledger l = Ledger.builder().zone(zone).clock(Clock.fixed(HELD_NOW, zone)).currency(MILES).store(store)
                .build();
        MemberId ann = ScriptedYear.ANN;
        MemberId bob = ScriptedYear.BOB;
        MemberId cat = ScriptedYear.CAT;
        MemberId dan = ScriptedYear.DAN;
        MemberId eve = ScriptedYear.EVE;
        for (MemberId m : List.of(ann, bob, cat, dan, eve)) {
            l.enrol(m, noon("2025-11-01"));
        }
        l.earn(ann, MILES.points(100), noon("2026-01-10"), IdempotencyKey.of("a1"), "flight");
        l.earn(ann, MILES.points(200), noon("2026-06-15"), IdempotencyKey.of("a2"), "flight");
        l.holdExpiry(ann, MILES, noon("2026-03-01"));
        l.earn(bob, MILES.points(50), noon("2025-11-20"), IdempotencyKey.of("b1"), "flight");
        l.earn(bob, MILES.points(70), noon("2025-11-25"), IdempotencyKey.of("b2"), "flight");
        l.holdExpiry(bob, MILES, noon("2026-11-22"));
        l.earn(cat, MILES.points(40), noon("2026-03-05"), IdempotencyKey.of("c1"), "flight");
        l.holdExpiry(cat, MILES, noon("2026-04-01"));
        l.liftExpiryHold(cat, MILES, noon("2026-09-15"), ExpiryPolicy.afterTerm(Period.ofMonths(24)));
        l.earn(dan, MILES.points(30), noon("2026-05-01"), IdempotencyKey.of("d1"), "flight");
        l.earn(eve, MILES.points(60), noon("2026-01-15"), IdempotencyKey.of("e1"), "flight");
        l.earn(eve, MILES.points(80), noon("2026-06-01"), IdempotencyKey.of("e2"), "flight");
        l.holdExpiry(eve, MILES, noon("2027-02-01"));
        return l;
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day).atTime(12, 0).atZone(ScriptedYear.ZONE).toInstant();
    }

    private static Lot lot(long id, long remaining, String expiresAt, Instant availableAt) {
        Instant earned = Instant.parse("2026-06-01T00:00:00Z");
        return new Lot(LotId.of(id), PTS.code(), remaining, remaining, earned, availableAt.isAfter(earned)
                ? availableAt : earned, expiresAt == null ? null : Instant.parse(expiresAt),
                IdempotencyKey.of("lot-" + id), earned);
    }

    /** Enrols the member in both stores, then gives them the lots directly through the SPI. */
    private static void holding(LedgerStore store, LedgerStore memory, MemberId member, Lot... lots) {
        Instant enrolled = Instant.parse("2026-01-01T00:00:00Z");
        Account account = new Account(member, AccountStatus.ACTIVE, enrolled, enrolled, "enrolled");
        MemberBook v1 = new MemberBook(account, 1, 1, 1, Map.of(), Map.of());
        MemberBook v2 = new MemberBook(account, 2, lots.length + 1, 1,
                Map.of(PTS.code(), new Purse(PTS.code(), List.of(lots), 0, null)), Map.of());
        for (LedgerStore s : List.of(store, memory)) {
            s.apply(Commit.ofBooks(List.of(v1), null, List.of()));
            s.apply(new Commit(List.of(new MemberChange(v2, new ArrayList<>(List.of(lots)), List.of(), Map.of())),
                    List.of(), List.of()));
        }
    }
}
