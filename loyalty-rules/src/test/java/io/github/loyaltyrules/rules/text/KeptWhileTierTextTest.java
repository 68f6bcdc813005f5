package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.tier.ExpiryProtection;
import java.time.MonthDay;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The currency clause {@code kept while tier ... then expires ...}: read into an
 * {@link ExpiryProtection}, printed back in the ladder's tier order, its errors named; a program
 * without it has no terms.
 */
class KeptWhileTierTextTest {

    private static final String LADDER = "ladder window calendar year retention;\ntier Blue;\n"
            + "tier Silver from 10000 MILES;\ntier Gold from 25000 MILES;\ntier Platinum from 50000 MILES;\n";

    private static String program(String kept) {
        return "currency MILES \"Miles\" decimals 0\n  expires after 36 months" + kept + ";\n" + LADDER
                + "rule base then earn 5 MILES per 1.00 USD;\n";
    }

    @Test
    void theClauseIsATermOfTheCurrencyAndPrintsBackInTheLaddersOrder() {
        ParsedProgram p = ProgramText.parse(program("\n  kept while tier Platinum, Gold then expires after 24 months"));
        assertThat(p.expiryProtections()).containsExactly(ExpiryProtection.of("MILES", Set.of("Gold", "Platinum"),
                ExpiryPolicy.afterTerm(Period.ofMonths(24))));
        assertThat(p.expiryProtections().get(0).tiers()).containsExactly("Platinum", "Gold");
        String printed = ProgramText.print(p);
        assertThat(printed).startsWith("currency MILES \"Miles\" decimals 0\n  expires after 36 months\n"
                + "  kept while tier Gold, Platinum then expires after 24 months;\n");
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(p.with().expiryProtections()).isEqualTo(p.expiryProtections());
    }

    @Test
    void theExpiryAfterTheStatusTakesEveryFormOfTheCurrencysOwn() {
        ParsedProgram year = ProgramText.parse(program(
                "\n  kept while tier Gold then expires at end of year 1 after starting 1 April"));
        assertThat(year.expiryProtections().get(0).after())
                .isEqualTo(ExpiryPolicy.endOfPeriod(CalendarPeriod.YEAR, MonthDay.of(4, 1), 1));
        assertThat(ProgramText.print(year)).contains("kept while tier Gold then expires at end of year 1 after"
                + " starting 1 April;");
        ParsedProgram never = ProgramText.parse(program("\n  kept while tier Gold then expires never"));
        assertThat(never.expiryProtections().get(0).after()).isEqualTo(ExpiryPolicy.never());
        assertThat(ProgramText.print(never)).contains("kept while tier Gold then expires never;");
        assertThat(ProgramText.parse(program("")).expiryProtections()).isEmpty();
        assertThat(ProgramText.print(ProgramText.parse(program("")))).doesNotContain("kept");
    }

    @Test
    void misspeltWordsUnknownOrRepeatedTiersAndABadExpiryAreErrors() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse(
                "currency A \"A\" decimals 0 kept whiel tier Gold then expires never;\n"
                + "currency B \"B\" decimals 0 kept while tier Gold, Gold then expires never;\n"
                + "currency C \"C\" decimals 0 kept while tier Gold than expires never;\n"
                + "currency D \"D\" decimals 0 kept while tier Gold then expires after 0 months;\n"
                + "currency E \"E\" decimals 0 kept while tier Goldd then expires never;\n"
                + "currency M \"M\" decimals 0;\ntier Blue;\ntier Gold from 100 M;\n"), ProgramSyntaxException.class);
        assertThat(e.errors()).extracting(Problem::toString).containsExactly(
                "line 1, column 32: expected 'while', found 'whiel'; did you mean 'while'?",
                "line 2, column 49: tier Gold is named twice in the 'kept' clause of currency B; name each tier once",
                "line 3, column 48: expected 'then', found 'than'; did you mean 'then'?",
                "line 4, column 27: currency D: expiry term must be positive in every unit; got P0D",
                "line 5, column 43: unknown tier 'Goldd', did you mean 'Gold'?");
    }

    @Test
    void termsThatTheTextCannotStateAreRefusedByThePrinter() {
        ParsedProgram p = ProgramText.parse(program(""));
        ExpiryProtection diamond = ExpiryProtection.of("MILES", Set.of("Gold", "Diamond"), ExpiryPolicy.never());
        assertThatThrownBy(() -> Describer.describe(p.id(), p.zone(), p.ruleSet(), p.rewards(), p.ladder().get(),
                java.util.Map.of(), java.util.Map.of(), List.of(diamond)))
                .isInstanceOf(UnprintableProgramException.class)
                .hasMessageEndingWith("are held, but the ladder has only [Blue, Silver, Gold, Platinum]");
        ExpiryProtection gems = ExpiryProtection.of("GEMS", Set.of("Gold"), ExpiryPolicy.never());
        assertThatThrownBy(() -> Describer.describe(p.id(), p.zone(), p.ruleSet(), p.rewards(), p.ladder().get(),
                java.util.Map.of(), java.util.Map.of(), List.of(gems)))
                .isInstanceOf(UnprintableProgramException.class).hasMessageContaining("does not use it");
        assertThatThrownBy(() -> Describer.describe(p.id(), p.zone(), p.ruleSet(), p.rewards(), null,
                java.util.Map.of(), java.util.Map.of(), List.of(gems)))
                .isInstanceOf(UnprintableProgramException.class).hasMessageContaining("there is no tier ladder");
    }
}
