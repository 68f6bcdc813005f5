package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.purchaseContext;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.RuleContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Per-transaction caps and campaign budgets. */
class CapsAndBudgetsTest {

    private final RuleContext big = purchaseContext(basket().coffee(10, "7.00").food(3, "10.00").build()); // 100.00

    @Test
    void capCutsTheAwardAndSaysSo() {
        Award a = RuleSet.builder(STARS).rule("base", r -> r.name("2 per 1.00").capPerTransaction("STARS", 150)
                .award(Actions.perUnitSpent(stars(2), eur("1.00")))).build().evaluate(big).awards().get(0);
        assertThat(a.amount()).isEqualTo(150);
        assertThat(a.explanation().cap()).isEqualTo("capped at 150 STARS per transaction (was 200 STARS)");
        assertThat(a.lineShares().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(150);
        assertThat(a.describe()).endsWith("capped at 150 STARS per transaction (was 200 STARS))");
    }

    @Test
    void capAboveTheAwardChangesNothing() {
        Award a = RuleSet.builder(STARS).rule("base", r -> r.capPerTransaction("STARS", 500)
                .award(Actions.perUnitSpent(stars(2), eur("1.00")))).build().evaluate(big).awards().get(0);
        assertThat(a.amount()).isEqualTo(200);
        assertThat(a.explanation().cap()).isEmpty();
    }

    @Test
    void capAppliesToAMultiplierBonus() {
        Evaluation e = RuleSet.builder(STARS).rule("base", r -> r.award(Actions.perUnitSpent(stars(1), eur("1.00"))))
                .rule("x3", r -> r.capPerTransaction("STARS", 50).multiply(Multiplier.of("STARS", BigDecimal.valueOf(3))))
                .build().evaluate(big);
        assertThat(e.total("STARS")).isEqualTo(100 + 50);
    }

    @Test
    void perMemberDailyCapCountsAcrossPurchasesAndResetsNextDay() {
        RuleSet rules = RuleSet.builder(STARS).rule("base", r -> r.name("2 per 1.00")
                .capPerMember("STARS", 100, CapPeriod.DAY).award(Actions.perUnitSpent(stars(2), eur("1.00")))).build();
        io.github.loyaltyrules.rule.Purchase thirty = basket().coffee(1, "30.00").build();
        RuleContext today = Fixtures.context(Fixtures.member().build(), thirty, Fixtures.TUESDAY_NOON);
        assertThat(rules.evaluate(Fixtures.fresh(today)).total("STARS")).isEqualTo(60);
        Award cut = rules.evaluate(Fixtures.fresh(today)).awards().get(0);
        assertThat(cut.amount()).isEqualTo(40);
        assertThat(cut.explanation().cap()).isEqualTo("capped at 100 STARS per day (was 60 STARS)");
        assertThat(rules.evaluate(Fixtures.fresh(today)).awards()).isEmpty();
        RuleContext otherMember = Fixtures.context(new io.github.loyaltyrules.rule.MemberProfile(
                io.github.loyaltyrules.ledger.MemberId.of("m-2"), null, java.util.Set.of(), java.util.Map.of(), null, 1),
                thirty, Fixtures.TUESDAY_NOON);
        assertThat(rules.evaluate(otherMember).total("STARS")).isEqualTo(60);
        RuleContext tomorrow = Fixtures.context(Fixtures.member().build(), thirty, Fixtures.WEDNESDAY_NOON);
        assertThat(rules.evaluate(tomorrow).total("STARS")).isEqualTo(60);
    }

    @Test
    void weeklyCapPeriodStartsOnMonday() {
        assertThat(CapPeriod.WEEK.startOf(java.time.LocalDate.of(2024, 6, 9))).isEqualTo(java.time.LocalDate.of(2024, 6, 3));
        assertThat(CapPeriod.MONTH.startOf(java.time.LocalDate.of(2024, 6, 9))).isEqualTo(java.time.LocalDate.of(2024, 6, 1));
    }

    @Test
    void budgetCutHandsBackTheUnusedPartOfAMemberCap() {
        RuleSet rules = RuleSet.builder(STARS)
                .campaign(Campaign.of("c", "C", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))
                        .withBudget("STARS", 25))
                .rule("bonus", r -> r.campaign("c").capPerMember("STARS", 50, CapPeriod.LIFETIME)
                        .award(Actions.fixed(stars(20)))).build();
        RuleContext c = purchaseContext(basket().coffee(1, "1.00").build());
        assertThat(rules.evaluate(Fixtures.fresh(c)).total("STARS")).isEqualTo(20);
        assertThat(rules.evaluate(Fixtures.fresh(c)).total("STARS")).isEqualTo(5); // budget cut
        assertThat(rules.evaluate(Fixtures.fresh(c)).total("STARS")).isZero();
    }

    private static RuleSet budgeted(long budget) {
        return RuleSet.builder(STARS)
                .campaign(Campaign.of("spring", "Spring", Instant.parse("2024-01-01T00:00:00Z"),
                        Instant.parse("2025-01-01T00:00:00Z")).withBudget("STARS", budget))
                .rule("spring", r -> r.name("Spring bonus").campaign("spring").award(Actions.fixed(stars(30))))
                .build();
    }

    @Test
    void campaignBudgetCutsTheLastAwardAndThenStops() {
        RuleSet rules = budgeted(70);
        RuleContext c = purchaseContext(basket().coffee(1, "1.00").build());
        assertThat(rules.evaluate(Fixtures.fresh(c)).total("STARS")).isEqualTo(30);
        assertThat(rules.evaluate(Fixtures.fresh(c)).total("STARS")).isEqualTo(30);
        Award cut = rules.evaluate(Fixtures.fresh(c)).awards().get(0);
        assertThat(cut.amount()).isEqualTo(10);
        assertThat(cut.explanation().cap()).isEqualTo("cut to 10 STARS by the remaining budget of campaign 'Spring'");
        assertThat(rules.evaluate(Fixtures.fresh(c)).awards()).isEmpty();
        assertThat(rules.budgetRemaining("spring", "STARS")).isZero();
    }

    @Test
    void campaignRulesApplyOnlyWhileTheCampaignRuns() {
        RuleSet rules = RuleSet.builder(STARS)
                .campaign(Campaign.of("june", "June", Instant.parse("2024-06-05T00:00:00Z"),
                        Instant.parse("2024-07-01T00:00:00Z")))
                .rule("june", r -> r.campaign("june").award(Actions.fixed(stars(5)))).build();
        assertThat(rules.evaluate(Fixtures.context(Fixtures.member().build(), basket().coffee(1, "1.00").build(),
                Fixtures.TUESDAY_NOON)).awards()).isEmpty();
        assertThat(rules.evaluate(Fixtures.context(Fixtures.member().build(), basket().coffee(1, "1.00").build(),
                Fixtures.WEDNESDAY_NOON)).total("STARS")).isEqualTo(5);
    }

    @Test
    void budgetIsNeverExceededUnderConcurrentEvaluation() throws Exception {
        long budget = 10_007;
        RuleSet rules = budgeted(budget);
        RuleContext c = purchaseContext(basket().coffee(1, "1.00").build());
        assertThat(awardedOnFourThreads(rules, c, 200)).isEqualTo(budget); // 800 * 30 wanted, far more than the budget
        assertThat(rules.budgetRemaining("spring", "STARS")).isZero();
    }

    @Test
    void perMemberCapIsNeverExceededUnderConcurrentEvaluation() throws Exception {
        RuleSet rules = RuleSet.builder(STARS).rule("base", r -> r.capPerMember("STARS", 1_001, CapPeriod.MONTH)
                .award(Actions.perUnitSpent(stars(2), eur("1.00")))).build();
        RuleContext c = purchaseContext(basket().coffee(1, "3.00").build()); // 6 each
        assertThat(awardedOnFourThreads(rules, c, 100)).isEqualTo(1_001); // 400 * 6 wanted
    }

    @Test
    void anActivityEvaluatedAgainUnderItsKeyDrawsOnce() {
        RuleSet rules = budgeted(70);
        RuleContext c = purchaseContext(basket().coffee(1, "1.00").build(), "order-1");
        assertThat(rules.evaluate(c).total("STARS")).isEqualTo(30);
        assertThat(rules.evaluate(c).total("STARS")).isEqualTo(30); // a retry: finds its draw
        assertThat(rules.budgetRemaining("spring", "STARS")).isEqualTo(40);
        assertThat(rules.evaluate(Fixtures.fresh(c)).total("STARS")).isEqualTo(30);
        assertThat(rules.evaluate(c).total("STARS")).isEqualTo(30); // still its own, beside the other's
        assertThat(rules.budgetRemaining("spring", "STARS")).isEqualTo(10);
    }

    @Test
    void aRetryThatEarnsLessGivesBackTheRestAndAnAbandonedActivityGivesBackAll() {
        RuleSet rules = RuleSet.builder(STARS)
                .campaign(Campaign.of("c", "C", Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))
                        .withBudget("STARS", 1_000))
                .rule("base", r -> r.campaign("c").capPerMember("STARS", 500, CapPeriod.MONTH)
                        .award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .build();
        RuleContext big = purchaseContext(basket().coffee(1, "30.00").build(), "order-1");
        assertThat(rules.evaluate(big).total("STARS")).isEqualTo(60);
        // the same key evaluated again, e.g. after the member's profile changed between two attempts
        RuleContext small = purchaseContext(basket().coffee(1, "10.00").build(), "order-1");
        assertThat(rules.evaluate(small).total("STARS")).isEqualTo(20);
        assertThat(rules.budgetRemaining("c", "STARS")).isEqualTo(980);
        // a retry that no longer earns anything (nothing bought) releases all its key drew
        RuleContext none = new RuleContext(big.member(), new io.github.loyaltyrules.rule.MemberEvent("visit",
                java.util.Map.of()), big.at(), big.key(), "v1");
        assertThat(rules.evaluate(none).awards()).isEmpty();
        assertThat(rules.budgetRemaining("c", "STARS")).isEqualTo(1_000);

        rules.evaluate(big);
        assertThat(rules.budgetRemaining("c", "STARS")).isEqualTo(940);
        rules.abandoned(big.key());
        rules.abandoned(big.key());
        assertThat(rules.budgetRemaining("c", "STARS")).isEqualTo(1_000);
    }

    /** Evaluates the context {@code times} times on each of four threads at once; the STARS awarded in all. */
    private static long awardedOnFourThreads(RuleSet rules, RuleContext c, int times) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(() -> {
                    long sum = 0;
                    for (int i = 0; i < times; i++) {
                        sum += rules.evaluate(Fixtures.fresh(c)).total("STARS");
                    }
                    return sum;
                });
            }
            long awarded = 0;
            for (Future<Long> f : pool.invokeAll(jobs)) {
                awarded += f.get();
            }
            return awarded;
        } finally {
            pool.shutdownNow();
        }
    }
}
