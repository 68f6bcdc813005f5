package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.time.MonthDay;
import org.junit.jupiter.api.Test;

/**
 * "Points expire at the end of the program year after the one they were earned in; the program year
 * starts on 1 October", written as {@code expires at end of year 1 after starting 1 October}.
 */
class ProgramYearExpiryTextTest {

    @Test
    void anAnchoredPeriodIsReadPrintedAndReadBack() {
        ParsedProgram p = ProgramText.parse("""
                currency PTS "Points" decimals 0 expires at end of year 1 after starting 1 october;
                currency Q "Quarterly" decimals 0 expires at end of quarter starting 15 Feb;
                currency C "Calendar" decimals 0 expires at end of year starting 1 January;
                """);
        assertThat(p.currency("PTS").map(PointCurrency::expiry))
                .contains(ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, MonthDay.of(10, 1), 1));
        assertThat(p.currency("Q").map(PointCurrency::expiry))
                .contains(ExpiryPolicy.endOfPeriod(CalendarPeriod.QUARTER, MonthDay.of(2, 15), 0));
        assertThat(p.currency("C").map(PointCurrency::expiry)).contains(ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, 0));
        String printed = ProgramText.print(p);
        assertThat(printed).isEqualTo("""
                currency PTS "Points" decimals 0
                  expires at end of year 1 after starting 1 October;

                currency Q "Quarterly" decimals 0
                  expires at end of quarter starting 15 February;

                currency C "Calendar" decimals 0
                  expires at end of year;
                """);
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
    }

    @Test
    void aMisspeltStartingIsSuggested() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse(
                "currency PTS \"Points\" decimals 0 expires at end of year startng 1 October;"), ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(new Problem(1, 57, "startng",
                "expected 'starting', a clause or ';', found 'startng'; did you mean 'starting'?"));
    }

    @Test
    void aLeapDayAnchorIsAllowed() {
        ParsedProgram p = ProgramText.parse("currency PTS \"Points\" decimals 0 expires at end of year starting 29 February;");
        assertThat(p.currency("PTS").orElseThrow().expiry())
                .isEqualTo(ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, MonthDay.of(2, 29), 0));
    }

    @Test
    void aMisspeltMonthOrADayTheMonthDoesNotHaveIsAnError() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency PTS "Points" decimals 0 expires at end of year starting 1 Ocotber;
                currency Q "Q" decimals 0 expires at end of quarter 1 after starting 31 September;
                currency R "R" decimals 0 expires at end of year starting October;
                """), ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(
                new Problem(1, 68, "Ocotber", "unknown month 'Ocotber', did you mean 'October'?"),
                new Problem(2, 70, "31", "invalid day '31 September'; expected a day from 1 to 30 of September"),
                new Problem(3, 59, "October", "expected a day of the month such as '1 October' (a whole number, 0 or"
                        + " more), found 'October'"));
    }
}
