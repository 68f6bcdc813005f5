package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.TUESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.WEDNESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.context;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.member;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** A coffee chain: 2 stars per 1.00, double stars on Tuesdays for Gold, 50 stars on the first purchase. */
class CoffeeChainProgramTest {

    static RuleSet coffeeChain() {
        return RuleSet.builder(STARS)
                .tiers("Green", "Gold")
                .rule("base", r -> r.name("2 stars per 1.00").award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .rule("gold-tuesday", r -> r.name("Double stars on Tuesdays for Gold")
                        .when(Conditions.tier("Gold").and(Conditions.daysOfWeek(DayOfWeek.TUESDAY)))
                        .multiply(Multiplier.of("STARS", BigDecimal.valueOf(2))))
                .rule("welcome", r -> r.name("50 bonus stars on the first purchase").priority(10)
                        .when(Conditions.firstPurchase()).award(Actions.fixed(stars(50))))
                .build();
    }

    private final RuleSet program = coffeeChain();

    private long earn(String tier, long purchasesSoFar, ZonedDateTime at, Purchase p) {
        Evaluation e = program.evaluate(context(member().tier(tier).purchasesSoFar(purchasesSoFar).build(), p, at));
        long sum = 0;
        for (Award a : e.awards()) {
            sum += a.amount();
            assertThat(a.lineShares().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(a.amount());
        }
        assertThat(sum).isEqualTo(e.total("STARS"));
        return e.total("STARS");
    }

    @Test
    void firstPurchaseEarnsBaseStarsPlusWelcomeBonus() {
        Purchase p = basket().coffee(2, "3.20").food(1, "2.45").build(); // 8.85 -> 8 units -> 16
        assertThat(earn("Green", 0, WEDNESDAY_NOON, p)).isEqualTo(16 + 50);
    }

    @Test
    void scriptedMonthOfPurchasesEarnsExactTotals() {
        long total = 0;
        total += earn("Green", 0, WEDNESDAY_NOON, basket().coffee(1, "4.99").build()); // 4 units: 8 + 50
        total += earn("Green", 1, TUESDAY_NOON.plusDays(7), basket().coffee(3, "3.00").build()); // 9: 18, not gold
        total += earn("Gold", 2, TUESDAY_NOON.plusDays(14), basket().coffee(3, "3.00").build()); // 18 doubled: 36
        total += earn("Gold", 3, WEDNESDAY_NOON.plusDays(14), basket().coffee(3, "3.00").build()); // Wednesday: 18
        total += earn("Gold", 4, TUESDAY_NOON.plusDays(21), basket().coffee(1, "0.99").build()); // 0 units: 0
        total += earn("Gold", 5, TUESDAY_NOON.plusDays(21), basket().coffee(2, "12.50").food(1, "0.75").build());
        // 25.75 -> 25 units -> 50, doubled -> 100
        assertThat(total).isEqualTo(58 + 18 + 36 + 18 + 0 + 100);
    }

    @Test
    void goldTuesdayBonusIsItsOwnExplainedLine() {
        Purchase p = basket().coffee(2, "3.00").build();
        Evaluation e = program.evaluate(context(member().tier("Gold").build(), p, TUESDAY_NOON));
        assertThat(e.awards()).extracting(Award::ruleId).containsExactly("base", "gold-tuesday");
        assertThat(e.awards().get(0).describe())
                .isEqualTo("+12 STARS: 2 stars per 1.00 (2 STARS per 1.00 EUR on 6.00 EUR on 1 line; floor to whole 1.00 EUR (6))");
        assertThat(e.awards().get(1).describe())
                .isEqualTo("+12 STARS: Double stars on Tuesdays for Gold (12 STARS earned on 1 line; 2x (additive); floor per line)");
    }
}
