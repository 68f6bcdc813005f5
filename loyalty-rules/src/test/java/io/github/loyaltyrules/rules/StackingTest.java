package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.TQP;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.context;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.event;
import static io.github.loyaltyrules.rules.Fixtures.member;
import static io.github.loyaltyrules.rules.Fixtures.purchaseContext;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static io.github.loyaltyrules.rules.Fixtures.tqp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.RuleContext;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Priorities, multipliers (additive and compound) and exclusive groups. */
class StackingTest {

    // coffee 10.00 (L1), food 5.00 (L2): base 1 star per 1.00 -> 10 + 5
    private final RuleContext basket = purchaseContext(basket().coffee(2, "5.00").food(1, "5.00").build());

    private static RuleSet.Builder base() {
        return RuleSet.builder(STARS, TQP).rule("base", r -> r.name("1 per 1.00")
                .award(Actions.perUnitSpent(stars(1), eur("1.00"))));
    }

    @Test
    void doubleOnCoffeeLinesMultipliesOnlyTheirShare() {
        Evaluation e = base().rule("coffee2x", r -> r.name("Double on coffee")
                .multiply(Multiplier.on(LineMatcher.category("coffee"), "STARS", BigDecimal.valueOf(2)))).build()
                .evaluate(basket);
        assertThat(e.total("STARS")).isEqualTo(15 + 10);
        assertThat(e.awards().get(1).lineShares()).containsExactly(entry("L1", 10L));
    }

    @Test
    void additiveMultipliersEachAddToTheBase() {
        Evaluation e = base().multipliers(MultiplierStacking.ADDITIVE)
                .rule("x2", r -> r.multiply(Multiplier.of("STARS", BigDecimal.valueOf(2))))
                .rule("x3", r -> r.multiply(Multiplier.of("STARS", BigDecimal.valueOf(3)))).build().evaluate(basket);
        assertThat(e.total("STARS")).isEqualTo(15 + 15 + 30);
    }

    @Test
    void compoundMultipliersMultiplyEachOther() {
        Evaluation e = base().multipliers(MultiplierStacking.COMPOUND)
                .rule("x2", r -> r.multiply(Multiplier.of("STARS", BigDecimal.valueOf(2))))
                .rule("x3", r -> r.multiply(Multiplier.of("STARS", BigDecimal.valueOf(3)))).build().evaluate(basket);
        assertThat(e.total("STARS")).isEqualTo(15 * 6);
        assertThat(e.awards().get(2).explanation().multiplier()).isEqualTo("3x (compound)");
    }

    @Test
    void fractionalMultiplierRoundsDownPerLine() {
        Evaluation e = base().rule("x1.5", r -> r.multiply(Multiplier.of("STARS", new BigDecimal("1.5")))).build()
                .evaluate(basket);
        assertThat(e.awards().get(1).lineShares()).containsExactly(entry("L1", 5L), entry("L2", 2L)); // 5, 2.5 -> 2
        assertThat(e.awards().get(1).explanation().rounding()).isEqualTo("floor per line");
    }

    @Test
    void multiplierLeavesOtherCurrenciesAlone() {
        Evaluation e = base().rule("tqp", r -> r.award(Actions.perUnitSpent(tqp(1), eur("1.00"))))
                .rule("x2", r -> r.multiply(Multiplier.of("STARS", BigDecimal.valueOf(2)))).build().evaluate(basket);
        assertThat(e.total("TQP")).isEqualTo(15);
        assertThat(e.total("STARS")).isEqualTo(30);
    }

    @Test
    void multiplierOnAnEventMultipliesTheWholeAward() {
        Evaluation e = RuleSet.builder(STARS)
                .rule("review", r -> r.when(Conditions.eventType("review")).award(Actions.fixed(stars(20))))
                .rule("x2", r -> r.when(Conditions.eventType("review"))
                        .multiply(Multiplier.of("STARS", BigDecimal.valueOf(2))))
                .build().evaluate(event("review", Map.of()));
        assertThat(e.total("STARS")).isEqualTo(40);
    }

    @Test
    void ruleAppliesOnlyWithinItsValidityDays() {
        RuleSet rules = RuleSet.builder(STARS).rule("june-4", r -> r.validBetween(java.time.LocalDate.of(2024, 6, 4),
                java.time.LocalDate.of(2024, 6, 4)).award(Actions.fixed(stars(7)))).build();
        assertThat(rules.evaluate(context(member().build(), basket.activity(), Fixtures.TUESDAY_NOON)).total("STARS"))
                .isEqualTo(7);
        assertThat(rules.evaluate(context(member().build(), basket.activity(), Fixtures.WEDNESDAY_NOON)).awards())
                .isEmpty();
    }

    @Test
    void handWrittenActionInAnUnknownCurrencyIsRejectedWhenItRuns() {
        Action custom = c -> java.util.List.of(new Grant("MILES", 5, Map.of(), io.github.loyaltyrules.rule.Explanation.fixed()));
        RuleSet rules = RuleSet.builder(STARS).rule("miles", r -> r.award(custom)).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rules.evaluate(basket))
                .isInstanceOf(io.github.loyaltyrules.ledger.UnknownCurrencyException.class)
                .hasMessage("rule 'miles' granted MILES, which is not a currency of this rule set; currencies are [STARS]");
    }

    @Test
    void higherPriorityRunsFirst() {
        Evaluation e = base().rule("bonus", r -> r.priority(5).award(Actions.fixed(stars(3)))).build().evaluate(basket);
        assertThat(e.awards()).extracting(Award::ruleId).containsExactly("bonus", "base");
    }

    @Test
    void bestOfAnExclusiveGroupAppliesAlone() {
        RuleSet rules = RuleSet.builder(STARS).exclusiveGroup("promo", GroupSelection.BEST)
                .rule("small", r -> r.priority(9).exclusiveGroup("promo").award(Actions.fixed(stars(10))))
                .rule("big", r -> r.exclusiveGroup("promo").award(Actions.fixed(stars(30))))
                .rule("other", r -> r.award(Actions.fixed(stars(1)))).build();
        assertThat(rules.evaluate(basket).awards()).extracting(Award::ruleId).containsExactly("big", "other");
    }

    @Test
    void firstOfAnExclusiveGroupGoesByPriority() {
        RuleSet rules = RuleSet.builder(STARS).exclusiveGroup("promo", GroupSelection.FIRST)
                .rule("small", r -> r.priority(9).exclusiveGroup("promo").award(Actions.fixed(stars(10))))
                .rule("big", r -> r.exclusiveGroup("promo").award(Actions.fixed(stars(30)))).build();
        assertThat(rules.evaluate(basket).awards()).extracting(Award::ruleId).containsExactly("small");
    }

    @Test
    void groupOnlyConsidersRulesThatMatch() {
        RuleSet rules = RuleSet.builder(STARS).exclusiveGroup("tier", GroupSelection.BEST)
                .rule("gold", r -> r.exclusiveGroup("tier").when(Conditions.tier("Gold"))
                        .award(Actions.fixed(stars(30))))
                .rule("green", r -> r.exclusiveGroup("tier").award(Actions.fixed(stars(10)))).build();
        assertThat(rules.evaluate(basket).total("STARS")).isEqualTo(10);
        assertThat(rules.evaluate(context(member().tier("Gold").build(), basket.activity(), basket.at()))
                .total("STARS")).isEqualTo(30);
    }

    @Test
    void exclusiveTierMultipliersPickTheBest() {
        RuleSet rules = base().exclusiveGroup("tier", GroupSelection.BEST)
                .rule("x2", r -> r.exclusiveGroup("tier").multiply(Multiplier.of("STARS", BigDecimal.valueOf(2))))
                .rule("x1.5", r -> r.exclusiveGroup("tier").multiply(Multiplier.of("STARS", new BigDecimal("1.5"))))
                .build();
        assertThat(rules.evaluate(basket).awards()).extracting(Award::ruleId).containsExactly("base", "x2");
    }
}
