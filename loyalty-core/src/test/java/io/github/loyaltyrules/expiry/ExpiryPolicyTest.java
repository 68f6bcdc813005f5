package io.github.loyaltyrules.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * Each expiry policy on dates across month ends, leap days, a year end in the program zone and a
 * daylight-saving change: points are usable through their whole last day, in the program's zone.
 */
class ExpiryPolicyTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(AMSTERDAM).toInstant();
    }

    static ZonedDateTime local(Instant instant) {
        return instant.atZone(AMSTERDAM);
    }

    @Test
    void neverExpiresNothing() {
        assertThat(ExpiryPolicy.never().lotExpiry(at("2026-01-01T10:00"), AMSTERDAM)).isEmpty();
        assertThat(ExpiryPolicy.never().inactivityDeadline(at("2026-01-01T10:00"), AMSTERDAM)).isEmpty();
    }

    @Test
    void aTermEndsAtTheEndOfItsLastDayAndClampsMonthEnds() {
        ExpiryPolicy sixMonths = ExpiryPolicy.afterTerm(Period.ofMonths(6));
        // 31 August + 6 months is 28 February; usable through that whole day.
        assertThat(sixMonths.lotExpiry(at("2026-08-31T10:00"), AMSTERDAM)).contains(at("2027-03-01T00:00"));
        // ... and 29 February in a leap year.
        assertThat(sixMonths.lotExpiry(at("2027-08-31T23:59"), AMSTERDAM)).contains(at("2028-03-01T00:00"));
    }

    @Test
    void aLeapDayEarningExpiresOnTheLastDayOfFebruaryInOtherYears() {
        ExpiryPolicy oneYear = ExpiryPolicy.afterTerm(Period.ofYears(1));
        assertThat(oneYear.lotExpiry(at("2028-02-29T12:00"), AMSTERDAM)).contains(at("2029-03-01T00:00"));
        ExpiryPolicy fourYears = ExpiryPolicy.afterTerm(Period.ofYears(4));
        assertThat(fourYears.lotExpiry(at("2028-02-29T12:00"), AMSTERDAM)).contains(at("2032-03-01T00:00"));
    }

    @Test
    void theDayOfEarningIsTheProgramZonesDayNotUtcs() {
        ExpiryPolicy oneDay = ExpiryPolicy.afterTerm(Period.ofDays(1));
        // 23:30 UTC on 31 December is already 1 January in Amsterdam.
        Instant newYearsEveUtc = Instant.parse("2026-12-31T23:30:00Z");
        assertThat(oneDay.lotExpiry(newYearsEveUtc, AMSTERDAM)).contains(at("2027-01-03T00:00"));
        assertThat(oneDay.lotExpiry(newYearsEveUtc, ZoneId.of("UTC"))).contains(Instant.parse("2027-01-02T00:00:00Z"));
    }

    @Test
    void expiryIsLocalMidnightAcrossADaylightSavingChange() {
        // Clocks go forward on 29 March 2026 in the EU: that day has 23 hours.
        ExpiryPolicy oneDay = ExpiryPolicy.afterTerm(Period.ofDays(1));
        Instant expiry = oneDay.lotExpiry(at("2026-03-28T09:00"), AMSTERDAM).orElseThrow();
        assertThat(local(expiry).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-30T00:00"));
        assertThat(expiry).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        // ... and go back on 25 October 2026: that day has 25 hours.
        Instant autumn = oneDay.lotExpiry(at("2026-10-24T09:00"), AMSTERDAM).orElseThrow();
        assertThat(autumn).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
    }

    @Test
    void endOfPeriodCountsWholeCalendarPeriodsAfterTheOneOfEarning() {
        assertThat(ExpiryPolicy.endOfPeriod(CalendarPeriod.QUARTER, 0).lotExpiry(at("2026-05-15T10:00"), AMSTERDAM))
                .contains(at("2026-07-01T00:00"));
        // "the end of the quarter after next"
        assertThat(ExpiryPolicy.endOfPeriod(CalendarPeriod.QUARTER, 2).lotExpiry(at("2026-05-15T10:00"), AMSTERDAM))
                .contains(at("2027-01-01T00:00"));
        // "31 December of the third year"
        assertThat(ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, 2).lotExpiry(at("2026-03-01T10:00"), AMSTERDAM))
                .contains(at("2029-01-01T00:00"));
        assertThat(ExpiryPolicy.endOfPeriod(CalendarPeriod.MONTH, 0).lotExpiry(at("2028-02-29T23:59"), AMSTERDAM))
                .contains(at("2028-03-01T00:00"));
        assertThat(ExpiryPolicy.endOfPeriod(CalendarPeriod.HALF_YEAR, 1).lotExpiry(at("2026-06-30T23:59"), AMSTERDAM))
                .contains(at("2027-01-01T00:00"));
        // A minute later it is the second half-year in Amsterdam.
        assertThat(ExpiryPolicy.endOfPeriod(CalendarPeriod.HALF_YEAR, 1).lotExpiry(at("2026-07-01T00:00"), AMSTERDAM))
                .contains(at("2027-07-01T00:00"));
    }

    @Test
    void inactivityLapsesAtTheEndOfTheLastDayAfterTheLastActivity() {
        ExpiryPolicy policy = ExpiryPolicy.never().withInactivity(Period.ofMonths(12));
        assertThat(policy.lotExpiry(at("2026-02-28T10:00"), AMSTERDAM)).isEmpty();
        assertThat(policy.inactivity()).contains(Period.ofMonths(12));
        assertThat(policy.inactivityDeadline(at("2026-02-28T10:00"), AMSTERDAM)).contains(at("2027-03-01T00:00"));
        assertThat(policy.inactivityDeadline(at("2027-02-28T10:00"), AMSTERDAM)).contains(at("2028-02-29T00:00"));
        ExpiryPolicy combined = ExpiryPolicy.afterTerm(Period.ofMonths(36)).withInactivity(Period.ofMonths(18));
        assertThat(combined.lotExpiry(at("2026-01-10T10:00"), AMSTERDAM)).contains(at("2029-01-11T00:00"));
        assertThat(combined.inactivityDeadline(at("2026-01-10T10:00"), AMSTERDAM)).contains(at("2027-07-11T00:00"));
    }

    @Test
    void zeroNegativeAndOutOfRangeTermsAreRejectedWithWhatIsAllowed() {
        assertThatThrownBy(() -> ExpiryPolicy.afterTerm(Period.ZERO)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("expiry term must be positive in every unit; got P0D");
        assertThatThrownBy(() -> ExpiryPolicy.afterTerm(Period.of(1, -1, 0)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("positive in every unit");
        assertThatThrownBy(() -> ExpiryPolicy.never().withInactivity(Period.ofDays(-3)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("inactivity period must be positive in every unit; got P-3D");
        assertThatThrownBy(() -> ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, -1))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("periods after earning must be between 0 and 1200; got -1");
        assertThatThrownBy(() -> ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, 1201))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("got 1201");
        assertThatThrownBy(() -> ExpiryPolicy.afterTerm(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("expiry term must not be null");
    }
}
