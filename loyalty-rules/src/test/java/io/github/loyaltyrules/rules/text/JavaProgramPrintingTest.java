package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Campaign;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.Grant;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.Multiplier;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.ReturnRule;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whole programs built in Java print as text that parses back to the same program; lambdas do not print. */
class JavaProgramPrintingTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Punten", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(36)).withInactivity(Period.ofMonths(18)))
            .withHold(Period.ofDays(14));
    private static final PointCurrency NIGHTS = PointCurrency.of("NIGHTS", "Qualifying nights", 0);

    private static Instant at(int month, int day, int hour) {
        return LocalDateTime.of(2024, month, day, hour, 0).atZone(ZONE).toInstant();
    }

    private static TierLadder ladder() {
        return TierLadder.builder().zone(ZONE).window(QualificationWindow.rollingMonths(12)).retention(false)
                .gracePeriod(Period.ofMonths(1)).softLanding(true).returnRule(ReturnRule.IMMEDIATE)
                .metrics(Metric.points(NIGHTS), Metric.spend(Currency.getInstance("EUR")), Metric.purchases(),
                        Metric.counter("stays"))
                .tier(Tier.of("Member"))
                .tier(Tier.of("Silver").withThreshold(Metric.points(NIGHTS), 10).withThreshold(
                        Metric.spend(Currency.getInstance("EUR")), new BigDecimal("2500.00")).withMultiplier(new BigDecimal("1.25")))
                .tier(Tier.of("Platinum Plus").withThreshold(Metric.points(NIGHTS), 50).withPerks("lounge", "late checkout")
                        .withNeverDowngrade())
                .build();
    }

    private static ProgramVersion hotel() {
        RuleSet rules = RuleSet.builder(PTS, NIGHTS)
                .tiers("Member", "Silver", "Platinum Plus")
                .campaign(Campaign.of("winter", "Winter nights", at(12, 1, 0), at(12, 24, 18)).withBudget("PTS", 100000))
                .rule("base", r -> r.name("10 points per euro").award(Actions.all(
                        Actions.perUnitSpent(PTS.points(10), Money.of("1.00", "EUR")),
                        Actions.perItem(LineMatcher.category("room-night"), NIGHTS.points(1)))))
                .rule("tier-bonus", r -> r.multiply(Multiplier.ofTier("PTS")))
                .rule("winter", r -> r.campaign("winter").when(Conditions.category("room-night")
                        .and(io.github.loyaltyrules.rules.Condition.not(Conditions.channel("ota")))).award(Actions.fixed(PTS.points(500))))
                .build();
        return ProgramVersion.of("hotel-2024", rules, List.of(
                Reward.of("night", "Free night", PTS.points(20000)),
                Reward.of("suite", "Suite upgrade", PTS.points(5000)).forTiers(Set.of("Silver", "Platinum Plus"))
                        .limitPerMember(2).availableBetween(at(6, 1, 9), Instant.MAX)));
    }

    @Test
    void wholeProgramWithLadderAndRewardsParsesBackToTheSameProgram() {
        ProgramVersion version = hotel();
        TierLadder ladder = ladder();
        String text = ProgramText.print(version, ladder);
        ParsedProgram back = ProgramText.parse(text);

        assertThat(back.id()).isEqualTo("hotel-2024");
        assertThat(back.zone()).isEqualTo(ZONE);
        assertThat(back.currencies()).containsExactly(PTS, NIGHTS);
        assertThat(back.rewards()).containsExactlyElementsOf(version.rewards().values());
        TierLadder l = back.ladder().orElseThrow();
        assertThat(l.tiers()).isEqualTo(ladder.tiers());
        assertThat(l.window()).isEqualTo(ladder.window());
        assertThat(l.retention()).isFalse();
        assertThat(l.gracePeriod()).isEqualTo(Period.ofMonths(1));
        assertThat(l.softLanding()).isTrue();
        assertThat(l.returnRule()).isEqualTo(ReturnRule.IMMEDIATE);
        assertThat(l.metrics()).containsExactlyInAnyOrderElementsOf(ladder.metrics());
        RuleSet rules = (RuleSet) version.engine();
        assertThat(back.ruleSet().campaigns()).isEqualTo(rules.campaigns());
        assertThat(ProgramText.print(back.toVersion(), l)).isEqualTo(text);
        assertThat(ProgramText.print(back)).isEqualTo(text);
        assertThat(text).contains("multiply PTS by tier", "tracks purchases, counter stays", "returns immediate",
                "from 2024-12-01 until 2024-12-24 18:00", "from 2024-06-01 09:00;", "tier \"Platinum Plus\"");
    }

    @Test
    void aRuleSetAloneIsPrintedInUtc() {
        RuleSet rules = RuleSet.builder(PTS)
                .campaign(Campaign.of("c", "c", Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-07-01T00:00:00Z")))
                .rule("r", r -> r.campaign("c").award(Actions.fixed(PTS.points(5)))).build();
        String text = ProgramText.print(rules);
        assertThat(text).doesNotContain("zone").contains("from 2024-06-01 until 2024-07-01");
        assertThat(ProgramText.parse(text).ruleSet().campaigns()).isEqualTo(rules.campaigns());
    }

    @Test
    void aConditionWrittenAsALambdaIsNotPrintable() {
        RuleSet rules = RuleSet.builder(PTS)
                .rule("vip-only", r -> r.when(Conditions.category("wine").and(c -> c.member().tags().size() > 3))
                        .award(Actions.fixed(PTS.points(5)))).build();
        assertThatThrownBy(() -> ProgramText.print(rules))
                .isInstanceOf(UnprintableProgramException.class)
                .hasMessageStartingWith("rule 'vip-only': condition ")
                .hasMessageContaining("was written in Java and cannot be printed; only conditions built with Conditions,"
                        + " Condition.and/or/not and LineMatcher's factories can be printed");
    }

    @Test
    void anActionWrittenAsALambdaIsNotPrintable() {
        RuleSet rules = RuleSet.builder(PTS)
                .rule("custom", r -> r.award(Actions.fixed(PTS.points(1)), c -> List.<Grant>of())).build();
        assertThatThrownBy(() -> ProgramText.print(rules))
                .isInstanceOf(UnprintableProgramException.class)
                .hasMessageStartingWith("rule 'custom': action ")
                .hasMessageEndingWith("was written in Java and cannot be printed; only actions built with the"
                        + " factories of Actions can be printed");
    }

    @Test
    void aLineMatcherWrittenAsALambdaIsNotPrintable() {
        RuleSet rules = RuleSet.builder(PTS)
                .rule("big-lines", r -> r.award(Actions.perItem(line -> line.quantity() > 5, PTS.points(1)))).build();
        assertThatThrownBy(() -> ProgramText.print(rules))
                .isInstanceOf(UnprintableProgramException.class)
                .hasMessageStartingWith("rule 'big-lines': line matcher ")
                .hasMessageEndingWith("was written in Java and cannot be printed; only matchers built with"
                        + " LineMatcher.sku, category, anyLine, and() and or() can be printed");
    }

    @Test
    void aCampaignStartingBetweenMinutesIsNotPrintable() {
        RuleSet rules = RuleSet.builder(PTS)
                .campaign(Campaign.of("flash", "Flash", Instant.parse("2024-06-01T10:00:30Z"),
                        Instant.parse("2024-06-02T00:00:00Z"))).build();
        assertThatThrownBy(() -> ProgramText.print(rules, ZoneOffset.UTC))
                .isInstanceOf(UnprintableProgramException.class)
                .hasMessage("campaign 'flash' starts or ends at 2024-06-01T10:00:30Z, which is not a whole minute of a"
                        + " local time in the program zone Z; the text states windows as a date and an optional HH:MM"
                        + " time in the program zone");
    }

    @Test
    void anEngineThatIsNotARuleSetIsNotPrintable() {
        ProgramVersion v = ProgramVersion.of("custom", c -> new io.github.loyaltyrules.rule.Evaluation(List.of()),
                List.of());
        assertThatThrownBy(() -> ProgramText.print(v, ZONE))
                .isInstanceOf(UnprintableProgramException.class)
                .hasMessageContaining("only a RuleSet can be printed");
    }
}
