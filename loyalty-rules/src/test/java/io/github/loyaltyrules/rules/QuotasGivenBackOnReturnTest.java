package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A return gives back to per-member caps and campaign budgets what the returned part of the purchase drew,
 * to the counters the purchase drew on, once, and never more than the purchase took.
 */
class QuotasGivenBackOnReturnTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final MemberId BOB = MemberId.of("bob");
    private static final Campaign SUMMER = Campaign.of("summer", "Summer", Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:00:00Z"));

    private final Quotas quotas = Quotas.inMemory();

    private static Instant at(int month, int day) {
        return LocalDateTime.of(2024, month, day, 12, 0).atZone(Fixtures.ZONE).toInstant();
    }

    private static LoyaltyProgram program(RuleSet rules) {
        Ledger ledger = Ledger.builder().zone(Fixtures.ZONE).clock(Clock.fixed(at(12, 31), Fixtures.ZONE))
                .currency(STARS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", rules, List.of()), TierLookup.NONE);
        program.enrol(ANN, at(1, 1));
        program.enrol(BOB, at(1, 1));
        return program;
    }

    /** 2 stars per 1.00, in the summer campaign with a budget of {@code budget} stars. */
    private RuleSet budgeted(long budget) {
        return RuleSet.builder(STARS).quotas(quotas).campaign(SUMMER.withBudget("STARS", budget))
                .rule("summer", r -> r.name("2 summer stars per 1.00").campaign("summer")
                        .award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .build();
    }

    /** 2 stars per 1.00, at most 100 a month per member. */
    private RuleSet monthlyCap() {
        return RuleSet.builder(STARS).quotas(quotas).rule("base", r -> r.name("2 stars per 1.00")
                .capPerMember("STARS", 100, CapPeriod.MONTH).award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .build();
    }

    private static Receipt buy(LoyaltyProgram p, MemberId m, String key, Instant when, Purchase basket) {
        return p.purchase(m, basket, when, IdempotencyKey.of(key));
    }

    private static Receipt giveBack(LoyaltyProgram p, MemberId m, String purchase, Map<String, Long> units,
            Instant when, String key) {
        return p.returnPurchase(m, IdempotencyKey.of(purchase), units, when, IdempotencyKey.of(key));
    }

    private static String annCap(String month) {
        return "cap/base/STARS/ann/2024-" + month + "-01";
    }

    @Test
    void budgetSpentByAPurchaseReturnedInFullIsAvailableAgain() {
        RuleSet rules = budgeted(100);
        LoyaltyProgram program = program(rules);
        assertThat(buy(program, ANN, "a-1", at(6, 3), Fixtures.basket().coffee(2, "25.00").build()).total("STARS"))
                .isEqualTo(100);
        assertThat(rules.budgetRemaining("summer", "STARS")).isZero();
        assertThat(buy(program, BOB, "b-1", at(6, 4), Fixtures.basket().coffee(1, "5.00").build()).awards()).isEmpty();

        giveBack(program, ANN, "a-1", Map.of("L1", 2L), at(6, 5), "a-1-back");

        assertThat(rules.budgetRemaining("summer", "STARS")).isEqualTo(100);
        assertThat(buy(program, BOB, "b-2", at(6, 6), Fixtures.basket().coffee(1, "5.00").build()).total("STARS"))
                .isEqualTo(10);
        assertThat(rules.budgetRemaining("summer", "STARS")).isEqualTo(90);
    }

    @Test
    void memberCapIsGivenBackToThePeriodOfThePurchaseNotOfTheReturn() {
        LoyaltyProgram program = program(monthlyCap());
        assertThat(buy(program, ANN, "a-jun", at(6, 20), Fixtures.basket().coffee(1, "40.00").build()).total("STARS"))
                .isEqualTo(80);
        assertThat(buy(program, ANN, "a-jul", at(7, 2), Fixtures.basket().coffee(1, "30.00").build()).total("STARS"))
                .isEqualTo(60);
        assertThat(quotas.used(annCap("06"))).isEqualTo(80);
        assertThat(quotas.used(annCap("07"))).isEqualTo(60);

        giveBack(program, ANN, "a-jun", Map.of("L1", 1L), at(7, 3), "a-jun-back"); // returned in July

        assertThat(quotas.used(annCap("06"))).isZero();
        assertThat(quotas.used(annCap("07"))).isEqualTo(60);
        // June has its full cap again for a late-posted June purchase; July still has only 40 left
        assertThat(buy(program, ANN, "a-jun-2", at(6, 28), Fixtures.basket().coffee(1, "60.00").build())
                .total("STARS")).isEqualTo(100);
        assertThat(buy(program, ANN, "a-jul-2", at(7, 4), Fixtures.basket().coffee(1, "60.00").build())
                .total("STARS")).isEqualTo(40);
    }

    @Test
    void partialReturnsInTwoStepsGiveBackEachPartAndTogetherEverything() {
        RuleSet rules = RuleSet.builder(STARS).quotas(quotas).campaign(SUMMER.withBudget("STARS", 1_000))
                .rule("summer", r -> r.campaign("summer").award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .rule("big", r -> r.name("40 stars on 20.00 or more").campaign("summer")
                        .when(Conditions.basketAtLeast(eur("20.00"))).award(Actions.fixed(stars(40))))
                .build();
        LoyaltyProgram program = program(rules);
        // 3 x 4.00 + 1 x 13.00 = 25.00: 50 per unit spent + 40 bonus
        Receipt bought = buy(program, ANN, "a-1", at(6, 3), Fixtures.basket().coffee(3, "4.00").food(1, "13.00")
                .build());
        assertThat(bought.total("STARS")).isEqualTo(90);
        assertThat(rules.budgetRemaining("summer", "STARS")).isEqualTo(910);

        // one coffee back: 21.00 kept still earns the bonus; what the return claws back returns to the budget
        Receipt first = giveBack(program, ANN, "a-1", Map.of("L1", 1L), at(6, 4), "back-1");
        assertThat(first.total("STARS")).isPositive();
        assertThat(rules.budgetRemaining("summer", "STARS")).isEqualTo(910 + first.total("STARS"));

        // the food back: 8.00 kept no longer reaches 20.00, the bonus goes too
        Receipt second = giveBack(program, ANN, "a-1", Map.of("L2", 1L), at(6, 5), "back-2");
        assertThat(rules.budgetRemaining("summer", "STARS")).isEqualTo(910 + first.total("STARS")
                + second.total("STARS"));
        long kept = 90 - first.total("STARS") - second.total("STARS");
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(kept);
        assertThat(program.ledger().balance(ANN, STARS).total()).isEqualTo(kept);

        giveBack(program, ANN, "a-1", Map.of("L1", 2L), at(6, 6), "back-3");
        assertThat(rules.budgetRemaining("summer", "STARS")).isEqualTo(1_000);
    }

    @Test
    void aReplayedReturnKeyGivesNothingBackTwice() {
        RuleSet rules = budgeted(200);
        LoyaltyProgram program = program(rules);
        buy(program, ANN, "a-1", at(6, 3), Fixtures.basket().coffee(2, "15.00").build()); // 60
        buy(program, BOB, "b-1", at(6, 3), Fixtures.basket().coffee(2, "15.00").build()); // 60
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(120);

        Receipt once = giveBack(program, ANN, "a-1", Map.of("L1", 1L), at(6, 4), "a-1-back");
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(90);
        Receipt again = giveBack(program, ANN, "a-1", Map.of("L1", 1L), at(6, 4), "a-1-back");

        assertThat(again).isEqualTo(once);
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(90); // would be 60 if given back twice
    }

    @Test
    void aCappedPurchaseGivesBackOnlyWhatItWasAwarded() {
        LoyaltyProgram program = program(monthlyCap());
        assertThat(buy(program, ANN, "a-1", at(6, 3), Fixtures.basket().coffee(1, "40.00").build()).total("STARS"))
                .isEqualTo(80);
        Receipt capped = buy(program, ANN, "a-2", at(6, 4), Fixtures.basket().coffee(2, "15.00").build());
        assertThat(capped.total("STARS")).isEqualTo(20); // wanted 60, the cap had 20 left
        assertThat(quotas.used(annCap("06"))).isEqualTo(100);

        giveBack(program, ANN, "a-2", Map.of("L1", 2L), at(6, 5), "a-2-back");
        assertThat(quotas.used(annCap("06"))).isEqualTo(80); // not 40: it took 20, it gives back 20

        giveBack(program, ANN, "a-1", Map.of("L1", 1L), at(6, 6), "a-1-back");
        assertThat(quotas.used(annCap("06"))).isZero();
    }

    @Test
    void aBudgetCutPurchaseGivesBackOnlyWhatItWasAwardedToTheBudgetAndTheCap() {
        RuleSet rules = RuleSet.builder(STARS).quotas(quotas).campaign(SUMMER.withBudget("STARS", 50))
                .rule("base", r -> r.campaign("summer").capPerMember("STARS", 100, CapPeriod.MONTH)
                        .award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .build();
        LoyaltyProgram program = program(rules);
        buy(program, BOB, "b-1", at(6, 3), Fixtures.basket().coffee(1, "20.00").build()); // 40
        assertThat(buy(program, ANN, "a-1", at(6, 4), Fixtures.basket().coffee(1, "30.00").build()).total("STARS"))
                .isEqualTo(10); // wanted 60, the budget had 10 left
        assertThat(quotas.used(annCap("06"))).isEqualTo(10);

        giveBack(program, ANN, "a-1", Map.of("L1", 1L), at(6, 5), "a-1-back");

        assertThat(quotas.used(annCap("06"))).isZero();
        assertThat(rules.budgetRemaining("summer", "STARS")).isEqualTo(10);
    }

    @Test
    void aReturnNeverTakesACounterBelowZero() {
        RuleSet rules = monthlyCap();
        LoyaltyProgram program = program(rules);
        buy(program, ANN, "a-1", at(6, 3), Fixtures.basket().coffee(1, "40.00").build()); // 80
        quotas.giveBack("operator-reset", annCap("06"), 70); // e.g. an operator reset the counter meanwhile

        giveBack(program, ANN, "a-1", Map.of("L1", 1L), at(6, 4), "a-1-back");

        assertThat(quotas.used(annCap("06"))).isZero();
    }

    @Test
    void releasingAnAwardOfAnotherRuleSetIsRejectedAndGivesNothingBackAndAReturnKeyGivesBackOnce() {
        RuleSet rules = budgeted(100);
        RuleContext c = Fixtures.purchaseContext(Fixtures.basket().coffee(1, "30.00").build());
        Evaluation drawn = rules.evaluate(c);
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(60);
        Evaluation foreign = new Evaluation(List.of(drawn.awards().get(0), new Award("other", "Other", "STARS", 5,
                Map.of(), Explanation.fixed())));

        assertThatThrownBy(() -> rules.returned(c, IdempotencyKey.of("back"), foreign))
                .isInstanceOf(UnknownRuleReferenceException.class)
                .hasMessageContaining("rule 'other', which this rule set does not have");
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(60);

        rules.returned(c, IdempotencyKey.of("back"), drawn);
        assertThat(quotas.used("budget/summer/STARS")).isZero();
        rules.evaluate(Fixtures.purchaseContext(Fixtures.basket().coffee(1, "20.00").build(), "other-purchase"));
        rules.returned(c, IdempotencyKey.of("back"), drawn); // the same return again gives nothing twice
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(40);
    }
}
