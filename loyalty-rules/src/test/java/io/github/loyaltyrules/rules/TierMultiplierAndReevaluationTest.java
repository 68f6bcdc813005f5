package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.WEDNESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.context;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.member;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A tier multiplier rule reads the member's tier multiplier; re-evaluation draws no caps. */
class TierMultiplierAndReevaluationTest {

    private static RuleSet withTierMultiplier() {
        return RuleSet.builder(STARS)
                .rule("base", r -> r.name("2 stars per 1.00").award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .rule("tier", r -> r.name("Tier bonus").multiply(Multiplier.ofTier("STARS")))
                .build();
    }

    @Test
    void theTierMultiplierComesFromTheMemberProfile() {
        Purchase p = basket().coffee(2, "5.00").build(); // 10.00 -> 20 stars
        RuleContext gold = context(member().tier("Gold").build().withTierBenefits(new BigDecimal("1.5"), Set.of()), p,
                WEDNESDAY_NOON);
        Evaluation e = withTierMultiplier().evaluate(gold);
        assertThat(e.total("STARS")).isEqualTo(30);
        assertThat(e.awards()).extracting(Award::ruleId).containsExactly("base", "tier");
        assertThat(e.awards().get(1).explanation().multiplier()).isEqualTo("1.5x (tier Gold, additive)");

        RuleContext green = context(member().tier("Green").build(), p, WEDNESDAY_NOON);
        assertThat(withTierMultiplier().evaluate(green).awards()).extracting(Award::ruleId).containsExactly("base");
    }

    @Test
    void aTierMultiplierWithItsOwnFactorIsRejected() {
        assertThatThrownBy(() -> new Multiplier("STARS", new BigDecimal("2"), LineMatcher.anyLine(), true))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("must be 1");
    }

    @Test
    void reevaluationDrawsNoMemberCap() {
        RuleSet rules = RuleSet.builder(STARS)
                .rule("base", r -> r.name("2 stars per 1.00").capPerMember("STARS", 30, CapPeriod.DAY)
                        .award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .build();
        RuleContext c = context(member().build(), basket().coffee(2, "5.00").build(), WEDNESDAY_NOON);
        assertThat(rules.reevaluate(c).total("STARS")).isEqualTo(20);
        assertThat(rules.reevaluate(c).total("STARS")).isEqualTo(20);
        assertThat(rules.evaluate(Fixtures.fresh(c)).total("STARS")).isEqualTo(20); // the whole cap was still there
        assertThat(rules.evaluate(Fixtures.fresh(c)).total("STARS")).isEqualTo(10);
    }
}
