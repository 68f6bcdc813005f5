package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.TUESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.context;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.member;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.RuleContext;
import java.time.DayOfWeek;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rules keyed on a store with a basket threshold, a tier, a weekday, a member or event attribute,
 * or only valid within a window, are never looked at for activities they cannot match.
 */
class IndexDimensionsTest {

    private final AtomicInteger evaluated = new AtomicInteger();

    private Condition counting() {
        return c -> {
            evaluated.incrementAndGet();
            return true;
        };
    }

    @Test
    void storeWithABasketThresholdAndTierRulesOfOtherValuesAreNeverEvaluated() {
        RuleSet.Builder b = RuleSet.builder(STARS);
        for (int i = 0; i < 300; i++) {
            String key = "X" + i;
            b.rule("store-" + i, r -> r.when(Conditions.store(key).and(Conditions.basketAtLeast(eur("1.00")))
                    .and(counting())).award(Actions.fixed(stars(1))));
            b.rule("tier-" + i, r -> r.when(Conditions.tier(key).and(counting()))
                    .multiply(Multiplier.of("STARS", new java.math.BigDecimal("1.5"))));
        }
        b.rule("base", r -> r.award(Actions.fixed(stars(10))));
        RuleSet rules = b.build();
        RuleContext c = context(member().tier("X7").build(), basket().store("X42").coffee(1, "2.00").build(),
                TUESDAY_NOON);

        assertThat(rules.candidates(c)).extracting(Rule::id).containsExactly("tier-7", "store-42", "base");
        assertThat(rules.evaluate(c).total("STARS")).isEqualTo(16); // 10 + 1, and half of it again
        assertThat(evaluated).hasValue(2);
    }

    @Test
    void weekdayAndAttributeRulesAreCandidatesOnlyOnTheirDayAndValue() {
        RuleSet rules = RuleSet.builder(STARS)
                .rule("tuesday", r -> r.when(Conditions.daysOfWeek(DayOfWeek.TUESDAY)).award(Actions.fixed(stars(1))))
                .rule("weekend", r -> r.when(Conditions.daysOfWeek(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))
                        .award(Actions.fixed(stars(1))))
                .rule("students", r -> r.when(Conditions.attribute("segment", "student")).award(Actions.fixed(stars(1))))
                .rule("five-stars", r -> r.when(Conditions.eventType("review").and(Conditions.eventAttribute("stars", "5")))
                        .award(Actions.fixed(stars(1))))
                .build();
        RuleContext tuesday = context(member().attribute("segment", "staff").build(), basket().coffee(1, "2.00").build(),
                TUESDAY_NOON);
        RuleContext saturday = context(member().attribute("segment", "student").build(),
                basket().coffee(1, "2.00").build(), TUESDAY_NOON.plusDays(4));

        assertThat(rules.candidates(tuesday)).extracting(Rule::id).containsExactly("tuesday");
        assertThat(rules.candidates(saturday)).extracting(Rule::id).containsExactly("weekend", "students");
        assertThat(rules.candidates(context(member().build(), new MemberEvent("review", Map.of("stars", "5")),
                TUESDAY_NOON))).extracting(Rule::id).containsExactly("five-stars");
        assertThat(rules.candidates(context(member().build(), new MemberEvent("review", Map.of("stars", "1")),
                TUESDAY_NOON))).isEmpty();
    }

    @Test
    void unkeyedRulesOutsideTheirWindowAreNotCandidates() {
        RuleSet rules = RuleSet.builder(STARS)
                .campaign(Campaign.of("june", "June", TUESDAY_NOON.toInstant(), TUESDAY_NOON.plusDays(2).toInstant()))
                .rule("campaign", r -> r.campaign("june").award(Actions.fixed(stars(1))))
                .rule("valid", r -> r.validBetween(TUESDAY_NOON.toLocalDate().plusDays(1),
                        TUESDAY_NOON.toLocalDate().plusDays(1)).award(Actions.fixed(stars(1))))
                .rule("dated", r -> r.when(Conditions.dates(TUESDAY_NOON.toLocalDate().minusDays(5),
                        TUESDAY_NOON.toLocalDate().minusDays(1))).award(Actions.fixed(stars(1))))
                .build();

        assertThat(rules.candidates(at(TUESDAY_NOON.minusSeconds(1)))).isEmpty();
        assertThat(rules.candidates(at(TUESDAY_NOON))).extracting(Rule::id).containsExactly("campaign");
        assertThat(rules.candidates(at(TUESDAY_NOON.plusDays(1)))).extracting(Rule::id)
                .containsExactly("campaign", "valid");
        assertThat(rules.candidates(at(TUESDAY_NOON.plusDays(2)))).isEmpty();
        assertThat(rules.candidates(at(TUESDAY_NOON.minusDays(2)))).extracting(Rule::id).containsExactly("dated");
        assertThat(rules.candidates(at(TUESDAY_NOON))).extracting(Rule::id).containsExactly("campaign"); // slot again
    }

    private static RuleContext at(java.time.ZonedDateTime t) {
        return context(member().build(), basket().coffee(1, "2.00").build(), t);
    }
}
