package io.github.loyaltyrules.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * "Points expire at the end of the program year after the year in which they were earned. The
 * program year runs from 1 October to 30 September." And the same with quarters and half years
 * anchored on another day, a leap-day anchor, and a zone whose midnight is skipped by daylight saving.
 */
class ProgramYearExpiryTest {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final MonthDay OCTOBER_1 = MonthDay.of(10, 1);

    static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void pointsLastThroughTheEndOfTheProgramYearAfterTheOneTheyWereEarnedIn() {
        ExpiryPolicy policy = ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, OCTOBER_1, 1);
        PointCurrency pts = PointCurrency.of("PTS", "Points", 0).withExpiry(policy);
        Ledger ledger = Ledger.builder().zone(CHICAGO).currency(pts)
                .clock(Clock.fixed(Instant.parse("2025-09-01T00:00:00Z"), CHICAGO)).build();
        MemberId ana = MemberId.of("ana");
        ledger.enrol(ana, at(CHICAGO, "2025-09-01T09:00"));

        // Program year 2024/25 (1 Oct 2024 - 30 Sep 2025): expires at the end of program year 2025/26.
        ledger.earn(ana, Points.of(pts, 100), at(CHICAGO, "2025-09-30T23:59"), IdempotencyKey.of("e1"), "purchase");
        // Program year 2025/26: expires at the end of program year 2026/27.
        ledger.earn(ana, Points.of(pts, 40), at(CHICAGO, "2025-10-01T00:00"), IdempotencyKey.of("e2"), "purchase");
        ledger.earn(ana, Points.of(pts, 60), at(CHICAGO, "2026-09-30T18:00"), IdempotencyKey.of("e3"), "purchase");
        assertThat(ledger.balance(ana, pts, at(CHICAGO, "2026-09-30T23:00")).total()).isEqualTo(200);

        assertThat(ledger.expire(at(CHICAGO, "2026-09-30T23:59")).postings()).isZero();
        assertThat(ledger.expire(at(CHICAGO, "2026-10-01T00:00")).expired()).containsEntry("PTS", 100L);
        assertThat(ledger.balance(ana, pts, at(CHICAGO, "2026-10-01T00:00")).total()).isEqualTo(100);

        assertThat(ledger.expire(at(CHICAGO, "2027-09-30T23:59")).postings()).isZero();
        assertThat(ledger.expire(at(CHICAGO, "2027-10-01T00:00")).expired()).containsEntry("PTS", 100L);
        assertThat(ledger.balance(ana, pts, at(CHICAGO, "2027-10-01T00:01")).total()).isZero();
    }

    @Test
    void theProgramYearIsThatOfTheProgramZoneNotUtc() {
        ExpiryPolicy policy = ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, OCTOBER_1, 0);
        // 03:30 UTC on 1 October is still 30 September in Chicago: program year 2024/25.
        assertThat(policy.lotExpiry(Instant.parse("2025-10-01T03:30:00Z"), CHICAGO))
                .contains(at(CHICAGO, "2025-10-01T00:00"));
        assertThat(policy.lotExpiry(Instant.parse("2025-10-01T03:30:00Z"), ZoneId.of("UTC")))
                .contains(Instant.parse("2026-10-01T00:00:00Z"));
    }

    @Test
    void quartersAndHalfYearsAnchoredOnAnotherDay() {
        // Quarters of a fiscal year starting 15 February: 15 Feb, 15 May, 15 Aug, 15 Nov.
        ExpiryPolicy quarter = ExpiryPolicy.endOfPeriod(CalendarPeriod.QUARTER, MonthDay.of(2, 15), 0);
        assertThat(quarter.lotExpiry(at(CHICAGO, "2026-05-14T22:00"), CHICAGO)).contains(at(CHICAGO, "2026-05-15T00:00"));
        assertThat(quarter.lotExpiry(at(CHICAGO, "2026-05-15T00:00"), CHICAGO)).contains(at(CHICAGO, "2026-08-15T00:00"));
        assertThat(quarter.lotExpiry(at(CHICAGO, "2026-01-02T10:00"), CHICAGO)).contains(at(CHICAGO, "2026-02-15T00:00"));
        // "the end of the quarter after next"
        ExpiryPolicy twoAfter = ExpiryPolicy.endOfPeriod(CalendarPeriod.QUARTER, MonthDay.of(2, 15), 2);
        assertThat(twoAfter.lotExpiry(at(CHICAGO, "2026-12-31T10:00"), CHICAGO)).contains(at(CHICAGO, "2027-08-15T00:00"));
        // Half years starting 1 October and 1 April.
        ExpiryPolicy half = ExpiryPolicy.endOfPeriod(CalendarPeriod.HALF_YEAR, OCTOBER_1, 1);
        assertThat(half.lotExpiry(at(CHICAGO, "2026-03-31T23:59"), CHICAGO)).contains(at(CHICAGO, "2026-10-01T00:00"));
        assertThat(half.lotExpiry(at(CHICAGO, "2026-04-01T00:00"), CHICAGO)).contains(at(CHICAGO, "2027-04-01T00:00"));
        // Months from the 31st: from the last day in shorter months.
        ExpiryPolicy month = ExpiryPolicy.endOfPeriod(CalendarPeriod.MONTH, MonthDay.of(1, 31), 0);
        assertThat(month.lotExpiry(at(CHICAGO, "2026-02-27T12:00"), CHICAGO)).contains(at(CHICAGO, "2026-02-28T00:00"));
        assertThat(month.lotExpiry(at(CHICAGO, "2026-02-28T12:00"), CHICAGO)).contains(at(CHICAGO, "2026-03-31T00:00"));
        assertThat(month.lotExpiry(at(CHICAGO, "2026-04-30T12:00"), CHICAGO)).contains(at(CHICAGO, "2026-05-31T00:00"));
    }

    @Test
    void aYearAnchoredOnTheLeapDayStartsOnTheLastDayOfFebruaryInOtherYears() {
        ExpiryPolicy policy = ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, MonthDay.of(2, 29), 0);
        // Program year from 29 Feb 2028 to 27 Feb 2029; the next starts on 28 Feb 2029.
        assertThat(policy.lotExpiry(at(CHICAGO, "2028-02-29T08:00"), CHICAGO)).contains(at(CHICAGO, "2029-02-28T00:00"));
        assertThat(policy.lotExpiry(at(CHICAGO, "2028-02-28T23:00"), CHICAGO)).contains(at(CHICAGO, "2028-02-29T00:00"));
        // From 28 Feb 2031 the year runs to 28 Feb 2032, the day before the leap day.
        assertThat(policy.lotExpiry(at(CHICAGO, "2031-03-01T08:00"), CHICAGO)).contains(at(CHICAGO, "2032-02-29T00:00"));
        assertThat(CalendarPeriod.YEAR.startOf(LocalDate.of(2029, 2, 27), MonthDay.of(2, 29)))
                .isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(CalendarPeriod.YEAR.startOf(LocalDate.of(2029, 2, 28), MonthDay.of(2, 29)))
                .isEqualTo(LocalDate.of(2029, 2, 28));
    }

    @Test
    void aPeriodThatStartsOnADayWithoutMidnightEndsAtThatDaysFirstInstant() {
        // Sao Paulo skipped from 00:00 to 01:00 on 4 November 2018.
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        ExpiryPolicy policy = ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, MonthDay.of(11, 4), 0);
        Instant expiry = policy.lotExpiry(at(saoPaulo, "2018-01-15T10:00"), saoPaulo).orElseThrow();
        assertThat(expiry).isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
        assertThat(expiry.atZone(saoPaulo).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2018-11-04T01:00"));
    }

    @Test
    void aCalendarAnchorIsTheCalendarPolicy() {
        for (CalendarPeriod p : CalendarPeriod.values()) {
            ExpiryPolicy calendar = ExpiryPolicy.endOfPeriod(p, 2);
            ExpiryPolicy anchored = ExpiryPolicy.endOfPeriod(p, MonthDay.of(1, 1), 2);
            assertThat(anchored).isEqualTo(calendar).hasSameHashCodeAs(calendar);
            assertThat(anchored.periodAnchor()).contains(MonthDay.of(1, 1));
            for (int d = 0; d < 800; d += 7) {
                Instant earned = at(CHICAGO, "2027-01-01T12:00").plusSeconds(86_400L * d);
                assertThat(anchored.lotExpiry(earned, CHICAGO)).isEqualTo(calendar.lotExpiry(earned, CHICAGO));
            }
        }
        assertThat(ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, OCTOBER_1, 1))
                .isNotEqualTo(ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, 1))
                .hasToString("end of the year (years starting 1 October) 1 after the one of earning");
        assertThat(ExpiryPolicy.never().periodAnchor()).isEmpty();
    }

    @Test
    void aMissingAnchorOrAnOutOfRangeCountIsRejected() {
        assertThatThrownBy(() -> ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, null, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("period anchor must not be null");
        assertThatThrownBy(() -> ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, OCTOBER_1, -1))
                .isInstanceOf(io.github.loyaltyrules.ledger.InvalidRequestException.class)
                .hasMessage("periods after earning must be between 0 and 1200; got -1");
    }
}
