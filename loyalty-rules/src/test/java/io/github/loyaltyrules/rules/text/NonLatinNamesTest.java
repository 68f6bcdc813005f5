package io.github.loyaltyrules.rules.text;

import static io.github.loyaltyrules.rules.text.Shop.at;
import static io.github.loyaltyrules.rules.text.Shop.basket;
import static io.github.loyaltyrules.rules.text.Shop.context;
import static io.github.loyaltyrules.rules.text.Shop.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Identifiers in any script: a program written in German or Arabic names its tiers in that language. */
class NonLatinNamesTest {

    private static final String GERMAN = """
            currency PUNKTE "Punkte" decimals 0;
            tiers Grün, Silber, Gold, Schwarzgold;
            rule grundpunkte "1 Punkt je Euro" then earn 1 PUNKTE per 1.00 EUR;
            rule treue "Doppelte Punkte ab Gold"
              when tier >= Gold
              then multiply PUNKTE by 2;
            reward kaffee "Kaffee gratis" costs 100 PUNKTE for tier Schwarzgold;
            """;

    private static final String ARABIC = """
            currency NUJOOM "نجوم" decimals 0;
            tiers فضي, ذهبي;
            rule أساسي "نجمة لكل يورو" when tier = ذهبي then earn 3 NUJOOM per 1.00 EUR;
            """;

    @Test
    void germanTierNamesWithUmlautsWorkInConditionsAndRewards() {
        ParsedProgram p = ProgramText.parse(GERMAN);
        assertThat(p.tiers()).containsExactly("Grün", "Silber", "Gold", "Schwarzgold");
        assertThat(p.rewards().get(0).tiers()).containsExactly("Schwarzgold");
        var purchase = basket().coffee(1, "10.00").build();
        assertThat(p.ruleSet().evaluate(context(member("m").tier("Grün").build(), purchase, at(6, 5, 12, 0)))
                .total("PUNKTE")).isEqualTo(10);
        assertThat(p.ruleSet().evaluate(context(member("m").tier("Schwarzgold").build(), purchase, at(6, 5, 12, 0)))
                .total("PUNKTE")).isEqualTo(20);
        assertThat(ProgramText.print(p)).contains("tiers Grün, Silber, Gold, Schwarzgold;");
    }

    @Test
    void arabicIdentifiersAndNamesWork() {
        ParsedProgram p = ProgramText.parse(ARABIC);
        assertThat(p.tiers()).containsExactly("فضي", "ذهبي");
        assertThat(p.ruleSet().rules().get(0).id()).isEqualTo("أساسي");
        assertThat(p.currencies().get(0).displayName()).isEqualTo("نجوم");
        var purchase = basket().coffee(2, "2.50").build();
        assertThat(p.ruleSet().evaluate(context(member("m").tier("ذهبي").build(), purchase, at(6, 5, 12, 0)))
                .total("NUJOOM")).isEqualTo(15);
        assertThat(p.ruleSet().evaluate(context(member("m").tier("فضي").build(), purchase, at(6, 5, 12, 0)))
                .total("NUJOOM")).isZero();
        assertThat(ProgramText.print(p)).contains("rule أساسي \"نجمة لكل يورو\"\n  when tier = ذهبي");
    }

    @Test
    void misspeltNonLatinNamesGetSuggestionsAtCodePointColumns() {
        ProgramSyntaxException e = catchThrowableOfType(
                () -> ProgramText.parse(GERMAN.replace("when tier >= Gold", "when tier >= Gruen")),
                ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(new Problem(5, 16, "Gruen", "unknown tier 'Gruen', did you mean 'Grün'?"));
        ProgramSyntaxException a = catchThrowableOfType(
                () -> ProgramText.parse(ARABIC.replace("tier = ذهبي", "tier = ذهب")), ProgramSyntaxException.class);
        assertThat(a.errors()).containsExactly(new Problem(3, 40, "ذهب", "unknown tier 'ذهب', did you mean 'ذهبي'?"));
    }
}
