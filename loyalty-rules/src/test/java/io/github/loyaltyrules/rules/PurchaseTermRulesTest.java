package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Discount;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.NearMiss;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.Tender;
import io.github.loyaltyrules.rules.text.ProgramSyntaxException;
import io.github.loyaltyrules.rules.text.ProgramText;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules on tenders, codes, earning bases, measures and item steps: what they accept, match and earn. */
class PurchaseTermRulesTest {

    private static final BasketLine FUEL = BasketLine.measured("F", "DIESEL", "fuel", new BigDecimal("42.37"), "L",
            eur("76.22"));
    private static final BasketLine WINE = BasketLine.of("W", "RIOJA", "wine", 4, eur("15.00"));

    private static Purchase paid() {
        return new Purchase(List.of(FUEL, WINE), "S1", "pos", List.of(Tender.of("StoreCard", eur("100.00"))),
                Set.of("Welcome"), List.of(Discount.line("W", eur("6.00")), Discount.order(eur("10.00"))));
    }

    private static List<Award> awards(RuleSet rules, Purchase p) {
        return rules.evaluate(Fixtures.purchaseContext(p)).awards();
    }

    @Test
    void codesAndTendersMatchInAnyCaseAndOnlyOnAPurchase() {
        Condition code = Conditions.code("WELCOME", "spring");
        Condition card = Conditions.paidWith("storecard");
        RuleContext ctx = Fixtures.purchaseContext(paid());
        assertThat(code.test(ctx)).isTrue();
        assertThat(card.test(ctx)).isTrue();
        assertThat(Conditions.code("SUMMER").test(ctx)).isFalse();
        assertThat(Conditions.paidWith("CASH").test(ctx)).isFalse();
        RuleContext event = Fixtures.event("review", Map.of());
        assertThat(code.test(event)).isFalse();
        assertThat(card.test(event)).isFalse();
        assertThat(Conditions.basketAtLeast(eur("1.00"), EarningBase.NET).test(event)).isFalse();
        assertThat(Conditions.spendAtLeast(LineMatcher.anyLine(), eur("1.00"), EarningBase.NET).test(event)).isFalse();
    }

    @Test
    void badRuleTermsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> Conditions.code("WEL COME")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("'WEL COME'");
        assertThatThrownBy(() -> Conditions.code("x".repeat(65))).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Conditions.paidWith()).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Conditions.paidWith(" ")).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Conditions.basketAtLeast(eur("1.00"), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Conditions.basketAtLeast(eur("-1.00"), EarningBase.NET))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Conditions.spendAtLeast(LineMatcher.anyLine(), eur("-1.00"), EarningBase.NET))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Actions.perUnitSpentOn(LineMatcher.anyLine(), stars(1), eur("0.00"), EarningBase.NET))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Actions.perMeasureOn(LineMatcher.anyLine(), stars(1), BigDecimal.ZERO, "L"))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> Actions.perMeasureOn(LineMatcher.anyLine(), stars(1), new BigDecimal("-2"), "L"))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Actions.perMeasureOn(LineMatcher.anyLine(), stars(1), new BigDecimal("1E-7"), "L"))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Actions.perMeasureOn(LineMatcher.anyLine(), stars(1), new BigDecimal("1E+30"), "L"))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Actions.perMeasureOn(LineMatcher.anyLine(), stars(1), BigDecimal.ONE, "L2"))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("'L2'");
        assertThatThrownBy(() -> Actions.perMeasureOn(LineMatcher.anyLine(), STARS.points(0), BigDecimal.ONE, "L"))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Actions.perItemsOn(LineMatcher.anyLine(), stars(1), 0))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Actions.perItemsOn(LineMatcher.anyLine(), STARS.points(0), 2))
                .isInstanceOf(InvalidRuleException.class);
        assertThat(Actions.perItemsOn(LineMatcher.anyLine(), stars(1), 1))
                .isEqualTo(Actions.perItem(LineMatcher.anyLine(), stars(1)));
        assertThat(Actions.perUnitSpentOn(LineMatcher.anyLine(), stars(1), eur("1.00"), EarningBase.GROSS))
                .isEqualTo(Actions.perUnitSpent(stars(1), eur("1.00")));
        assertThat(Conditions.basketAtLeast(eur("1.00"), EarningBase.GROSS)).isEqualTo(Conditions.basketAtLeast(eur("1.00")));
    }

    @Test
    void measuresItemStepsAndBasesEarnAndExplainThemselves() {
        RuleSet rules = RuleSet.builder(STARS)
                .rule("fuel", r -> r.award(Actions.perMeasureOn(LineMatcher.anyLine(), stars(1), new BigDecimal("2"), "L")))
                .rule("kilos", r -> r.award(Actions.perMeasureOn(LineMatcher.anyLine(), stars(1), BigDecimal.ONE, "kg")))
                .rule("cases", r -> r.award(Actions.perItemsOn(LineMatcher.anyLine(), stars(10), 3)))
                .rule("net", r -> r.award(Actions.perUnitSpentOn(LineMatcher.category("wine"), stars(1), eur("1.00"),
                        EarningBase.NET)))
                .rule("exTax", r -> r.award(Actions.perUnitSpentOn(LineMatcher.anyLine(), stars(1), eur("10.00"),
                        EarningBase.NET_EXCLUDING_TAX)))
                .build();
        Map<String, Award> by = new java.util.HashMap<>();
        awards(rules, paid()).forEach(a -> by.put(a.ruleId(), a));
        assertThat(by).doesNotContainKey("kilos");
        assertThat(by.get("fuel").amount()).isEqualTo(21);
        assertThat(by.get("fuel").explanation().base()).isEqualTo("42.37 L on 1 line");
        assertThat(by.get("fuel").lineShares()).isEqualTo(Map.of("F", 21L));
        assertThat(by.get("cases").amount()).isEqualTo(10); // 5 items (4 bottles and the fuel) -> 1 step of 3
        assertThat(by.get("cases").explanation().rounding()).contains("3 items");
        // wine 60.00 - 6.00 = 54.00; order 10.00 over 76.22 and 54.00: 5.85 and 4.15 (exact cents) -> 49.85
        assertThat(by.get("net").amount()).isEqualTo(49);
        assertThat(by.get("net").explanation().base()).contains("net of discounts");
        assertThat(by.get("exTax").explanation().base()).contains("net of discounts, excluding tax");
        assertThat(by.get("exTax").amount()).isEqualTo(12); // 120.22 net, no tax on the lines
    }

    @Test
    void nearMissesNameTheCodeTheTenderAndTheBase() {
        RuleSet rules = RuleSet.builder(STARS)
                .rule("coupon", r -> r.name("Coupon").when(Conditions.code("SUMMER")).award(Actions.fixed(stars(5))))
                .rule("cash", r -> r.name("Cash").when(Conditions.paidWith("CASH")).award(Actions.fixed(stars(5))))
                .rule("big", r -> r.name("Big").when(Conditions.basketAtLeast(eur("200.00"), EarningBase.NET))
                        .award(Actions.fixed(stars(5))))
                .rule("wine", r -> r.name("Wine").when(Conditions.spendAtLeast(LineMatcher.category("wine"),
                        eur("60.00"), EarningBase.NET)).award(Actions.fixed(stars(5))))
                .rule("not-code", r -> r.name("No code").when(Condition.not(Conditions.code("WELCOME")))
                        .award(Actions.fixed(stars(5))))
                .rule("not-card", r -> r.name("No card").when(Condition.not(Conditions.paidWith("STORECARD")))
                        .award(Actions.fixed(stars(5))))
                .build();
        RuleContext ctx = Fixtures.purchaseContext(paid());
        Evaluation quoted = rules.evaluate(ctx);
        Map<String, String> texts = new java.util.HashMap<>();
        for (NearMiss m : rules.nearMisses(Fixtures.fresh(ctx), quoted)) {
            texts.put(m.ruleId(), m.text());
        }
        assertThat(texts.get("coupon")).contains("needs code SUMMER");
        assertThat(texts.get("cash")).contains("needs payment with CASH");
        assertThat(texts.get("big")).contains("basket net of discounts 120.22 of 200.00 EUR needed");
        assertThat(texts.get("wine")).contains("net of discounts 49.85 of 60.00 EUR needed");
        assertThat(texts.get("not-code")).contains("code WELCOME");
        assertThat(texts.get("not-card")).contains("payment with STORECARD");
    }

    @Test
    void theTextRefusesMalformedTermsWithTheirPlace() {
        assertThatThrownBy(() -> ProgramText.parse("""
                currency PTS "Points" decimals 0;
                rule a when code = "WEL COME" then earn 1 PTS;
                rule b then earn 1 PTS per 2.5 items;
                rule c then earn 1 PTS per 0 L measured;
                rule d then earn 1 PTS per 1.00 EUR net of discounts exclding tax;
                rule e when basket >= 5.00 EUR nte of discounts then earn 1 PTS;
                rule f when spend on sku = "X" >= 5.00 EUR excluding tax net then earn 1 PTS;
                """)).isInstanceOf(ProgramSyntaxException.class)
                .hasMessageContaining("line 2, column 1: rule 'a': a code must be 1 to 64 letters")
                .hasMessageContaining("line 3, column 28: items per step must be a whole number")
                .hasMessageContaining("line 4, column 28: measure step must be positive")
                .hasMessageContaining("found 'exclding'; did you mean 'excluding'?")
                .hasMessageContaining("found 'nte'; did you mean 'net'?")
                .hasMessageContaining("line 7, column");
    }
}
