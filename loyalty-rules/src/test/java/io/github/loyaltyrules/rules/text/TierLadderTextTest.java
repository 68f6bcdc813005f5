package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.BigDecimal;
import java.time.Period;
import java.time.ZoneId;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/** A tier ladder written as text: windows, thresholds on several metrics, multipliers and perks. */
class TierLadderTextTest {

    private static final String DUTCH_HOTEL = """
            zone "Europe/Amsterdam";
            currency PUNTEN "Punten" decimals 0;
            currency TQP "Tier points" decimals 0;
            ladder window rolling 12 months no retention grace 1 month soft landing;
            tier Brons;
            tier Zilver from 300 TQP, 500.00 EUR multiplier 1.25 perks "gratis ontbijt";
            tier Goud from 1000 TQP, 20 purchases, 10 counter nights
              multiplier 1.5 perks "lounge", "upgrade" never downgrade;
            rule basis then earn 1 PUNTEN per 1.00 EUR, earn 1 TQP per 1.00 EUR;
            rule zilver-bonus when tier >= Zilver then multiply PUNTEN by 1.25;
            """;

    @Test
    void tierStatementsBuildTheLadder() {
        ParsedProgram p = ProgramText.parse(DUTCH_HOTEL);
        TierLadder ladder = p.ladder().orElseThrow();
        assertThat(p.tiers()).containsExactly("Brons", "Zilver", "Goud");
        assertThat(ladder.tiers()).extracting(Tier::name).containsExactly("Brons", "Zilver", "Goud");
        assertThat(ladder.zone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(ladder.window()).isEqualTo(QualificationWindow.rollingMonths(12));
        assertThat(ladder.retention()).isFalse();
        assertThat(ladder.gracePeriod()).isEqualTo(Period.ofMonths(1));
        assertThat(ladder.softLanding()).isTrue();
        var tqp = p.currency("TQP").orElseThrow();
        assertThat(ladder.metrics()).containsExactly(Metric.points(tqp), Metric.spend(Currency.getInstance("EUR")),
                Metric.purchases(), Metric.counter("nights"));
        Tier goud = ladder.tier("Goud");
        assertThat(goud.multiplier()).isEqualTo(new BigDecimal("1.5"));
        assertThat(goud.perks()).containsExactlyInAnyOrder("lounge", "upgrade");
        assertThat(goud.isNeverDowngrade()).isTrue();
        assertThat(goud.thresholds()).hasSize(3);
        assertThat(ladder.tier("Zilver").thresholds().get(1).minorUnits()).isEqualTo(50000);
    }

    @Test
    void ladderPrintsCanonicallyAndReparses() {
        String printed = ProgramText.print(ProgramText.parse(DUTCH_HOTEL));
        assertThat(printed).contains("ladder window rolling 12 months no retention grace 1 month soft landing;\n\n"
                + "tier Brons;\n"
                + "tier Zilver from any of (300 TQP, 500.00 EUR) multiplier 1.25 perks \"gratis ontbijt\";\n"
                + "tier Goud from any of (1000 TQP, 20 purchases, 10 counter nights) multiplier 1.5 perks \"lounge\","
                + " \"upgrade\" never downgrade;\n");
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(ProgramText.parse(printed).warnings()).isEmpty();
    }

    @Test
    void ladderErrorsAreReported() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency TQP "Tier points" decimals 0;
                tier Base;
                tier Gold from 300 TQX;
                tier Plat from 200 TQP;
                ladder window weekly;
                """), ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(
                new Problem(3, 20, "TQX", "unknown currency 'TQX', did you mean 'TQP'?"),
                new Problem(5, 15, "weekly", "expected a qualification window (calendar year, rolling N months,"
                        + " anniversary year, lifetime), found 'weekly'"));
        ProgramSyntaxException both = catchThrowableOfType(() -> ProgramText.parse("""
                currency TQP "Tier points" decimals 0;
                tiers A, B;
                tier C;
                """), ProgramSyntaxException.class);
        assertThat(both.errors()).containsExactly(new Problem(3, 1, "tier",
                "tiers are already listed by the 'tiers' statement at line 2; use either 'tiers' or 'tier' statements,"
                        + " not both"));
        ProgramSyntaxException base = catchThrowableOfType(() -> ProgramText.parse("""
                currency TQP "Tier points" decimals 0;
                tier Base from 10 TQP;
                tier Gold from 300 TQP;
                """), ProgramSyntaxException.class);
        assertThat(base.errors()).hasSize(1);
        assertThat(base.errors().get(0).line()).isEqualTo(2);
        assertThat(base.errors().get(0).message()).startsWith("tier ladder must start with a base tier without entry"
                + " thresholds");
    }
}
