package io.github.loyaltyrules.rules.text;

import static io.github.loyaltyrules.rules.text.Shop.at;
import static io.github.loyaltyrules.rules.text.Shop.basket;
import static io.github.loyaltyrules.rules.text.Shop.context;
import static io.github.loyaltyrules.rules.text.Shop.member;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.Points;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Decimal literals are read from their source text, never through binary floating point. */
class DecimalLiteralsTest {

    @Test
    void pointAmountsWithDecimalsAreExactMinorUnits() {
        ParsedProgram p = ProgramText.parse("""
                currency MILES "Miles" decimals 4;
                rule tenth then earn 0.1 MILES, earn 0.2 MILES;
                reward r "R" costs 0.3000 MILES;
                """);
        var miles = p.currency("MILES").orElseThrow();
        assertThat(p.rewards().get(0).cost()).isEqualTo(Points.of(miles, 3000));
        var e = p.ruleSet().evaluate(context(member("m").build(), basket().coffee(1, "1.00").build(), at(6, 5, 12, 0)));
        assertThat(e.total("MILES")).isEqualTo(1000 + 2000); // 0.1 + 0.2 is exactly 0.3
    }

    @Test
    void multiplierFactorsKeepTheirExactDecimalValue() {
        ParsedProgram p = ProgramText.parse("""
                currency STARS "Stars" decimals 0;
                rule base then earn 1000 STARS;
                rule bonus then multiply STARS by 1.1;
                """);
        assertThat(p.ruleSet().rules().get(1).multiplier().orElseThrow().factor()).isEqualTo(new BigDecimal("1.1"));
        var e = p.ruleSet().evaluate(context(member("m").build(), basket().coffee(1, "1.00").build(), at(6, 5, 12, 0)));
        assertThat(e.total("STARS")).isEqualTo(1100); // with a double, 1000 * 0.1000000000000000055 would still floor to 100
        assertThat(ProgramText.print(p)).contains("multiply STARS by 1.1;");
    }

    @Test
    void amountsArePrintedExactlyWithTheirCurrencysDecimalsIncludingLargeValues() {
        String text = """
                currency MILES "Miles" decimals 2;
                rule big then earn 12345678901234567.89 MILES per 0.10 EUR
                  cap 90000000000000000 MILES per transaction;
                rule small then earn 2.5 MILES per 1 EUR;
                """;
        String printed = ProgramText.print(ProgramText.parse(text));
        assertThat(printed).contains("earn 12345678901234567.89 MILES per 0.10 EUR")
                .contains("cap 90000000000000000.00 MILES per transaction")
                .contains("earn 2.50 MILES per 1.00 EUR");
    }

    @Test
    void moneyThresholdsCompareExactly() {
        ParsedProgram p = ProgramText.parse("""
                currency STARS "Stars" decimals 0;
                rule big-basket when basket >= 30.30 EUR then earn 5 STARS;
                """);
        // 3 x 10.10 = 30.30 exactly; in binary floating point 3 * 10.1 is 30.299999999999997
        var e = p.ruleSet().evaluate(context(member("m").build(), basket().coffee(3, "10.10").build(), at(6, 5, 12, 0)));
        assertThat(e.total("STARS")).isEqualTo(5);
    }
}
