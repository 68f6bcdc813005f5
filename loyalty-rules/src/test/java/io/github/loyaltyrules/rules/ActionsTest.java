package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.TQP;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.event;
import static io.github.loyaltyrules.rules.Fixtures.purchaseContext;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static io.github.loyaltyrules.rules.Fixtures.tqp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.RuleContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each built-in action, with exact amounts, shares and explanations. */
class ActionsTest {

    private final RuleContext basket = purchaseContext(basket().coffee(2, "3.20").food(1, "2.45").build()); // 6.40 + 2.45

    private static Evaluation run(Action action, RuleContext c) {
        return RuleSet.builder(STARS, TQP).rule("r", r -> r.name("R").award(action)).build().evaluate(c);
    }

    @Test
    void fixedAwardIsSharedOutByLineAmount() {
        Award a = run(Actions.fixed(stars(50)), basket).awards().get(0);
        assertThat(a.amount()).isEqualTo(50);
        // 50 * 640 / 885 = 36.15 -> 36; 50 - 36 = 14
        assertThat(a.lineShares()).containsExactly(entry("L1", 36L), entry("L2", 14L));
        assertThat(a.explanation().base()).isEqualTo("fixed 50 STARS");
    }

    @Test
    void fixedAwardOnAnEventIsNotTiedToLines() {
        // a rule without an event-type condition applies to purchases only
        assertThat(run(Actions.fixed(stars(100)), event("signup", Map.of())).awards()).isEmpty();
        Evaluation e = RuleSet.builder(STARS).rule("signup", r -> r.when(Conditions.eventType("signup"))
                .award(Actions.fixed(stars(100)))).build().evaluate(event("signup", Map.of()));
        assertThat(e.awards()).singleElement().satisfies(x -> {
            assertThat(x.amount()).isEqualTo(100);
            assertThat(x.lineShares()).isEmpty();
        });
    }

    @Test
    void perUnitSpentFloorsTheWholeBasketToWholeUnits() {
        Award a = run(Actions.perUnitSpent(stars(2), eur("1.00")), basket).awards().get(0);
        assertThat(a.amount()).isEqualTo(16); // 8.85 -> 8 whole units
        assertThat(a.explanation().rate()).isEqualTo("2 STARS per 1.00 EUR");
        assertThat(a.explanation().base()).isEqualTo("8.85 EUR on 2 lines");
        assertThat(a.explanation().rounding()).isEqualTo("floor to whole 1.00 EUR (8)");
        assertThat(a.lineShares().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(16);
    }

    @Test
    void perUnitSpentOnMatchingLinesCountsOnlyThem() {
        Award a = run(Actions.perUnitSpentOn(LineMatcher.category("coffee"), stars(1), eur("0.50")), basket)
                .awards().get(0);
        assertThat(a.amount()).isEqualTo(12); // 6.40 / 0.50 = 12.8 -> 12
        assertThat(a.lineShares()).containsExactly(entry("L1", 12L));
        assertThat(a.explanation().base()).isEqualTo("6.40 EUR on 1 matching line");
    }

    @Test
    void spendBelowOneUnitEarnsNothing() {
        assertThat(run(Actions.perUnitSpent(stars(2), eur("10.00")), basket).awards()).isEmpty();
    }

    @Test
    void aStepBeyondALongOfMinorUnitsIsCountedInDecimals() {
        // 99999999999999999999.99 EUR is 9999999999999999999999 cents: more than a long holds
        Action huge = Actions.perUnitSpent(stars(2), eur("99999999999999999999.99"));
        assertThat(run(huge, basket).awards()).isEmpty();
    }

    @Test
    void perItemPointsCountUnits() {
        Award a = run(Actions.perItem(LineMatcher.sku("ESPRESSO"), stars(5)), basket).awards().get(0);
        assertThat(a.amount()).isEqualTo(10);
        assertThat(a.lineShares()).containsExactly(entry("L1", 10L));
        assertThat(a.explanation().text()).isEqualTo("5 STARS per item on 2 items");
    }

    @Test
    void severalCurrenciesAtOnce() {
        Evaluation e = run(Actions.all(Actions.perUnitSpent(stars(2), eur("1.00")),
                Actions.perUnitSpent(tqp(1), eur("1.00"))), basket);
        assertThat(e.total("STARS")).isEqualTo(16);
        assertThat(e.total("TQP")).isEqualTo(8);
        assertThat(e.awards()).extracting(Award::currency).containsExactly("STARS", "TQP");
    }

    @Test
    void pointsWithDecimalPlacesAreExactMinorUnits() {
        PointCurrency cash = PointCurrency.of("CASH", "Cash back", 2);
        Evaluation e = RuleSet.builder(cash).rule("cb", r -> r.award(
                Actions.perUnitSpent(Points.parse(cash, "0.05"), eur("1.00")))).build().evaluate(basket);
        assertThat(e.total("CASH")).isEqualTo(40); // 8 units * 0.05 = 0.40
        assertThat(e.awards().get(0).explanation().rate()).isEqualTo("0.05 CASH per 1.00 EUR");
    }

    @Test
    void handWrittenActionWithoutSharesIsAllocatedByLineAmount() {
        Action custom = c -> List.of(new Grant("STARS", 9, Map.of(), io.github.loyaltyrules.rule.Explanation.fixed()));
        Award a = run(custom, basket).awards().get(0);
        assertThat(a.lineShares().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(9);
    }
}
