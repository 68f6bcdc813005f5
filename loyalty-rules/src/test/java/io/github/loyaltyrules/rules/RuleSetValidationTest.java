package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** A rule set that cannot be built as written is rejected with a specific exception naming the rule. */
class RuleSetValidationTest {

    private static final PointCurrency MILES = PointCurrency.of("MILES", "Miles", 0);

    @Test
    void unknownCurrencyIsRejected() {
        assertThatThrownBy(() -> RuleSet.builder(STARS)
                .rule("miles", r -> r.award(Actions.fixed(Points.of(MILES, 5)))).build())
                .isInstanceOf(UnknownRuleReferenceException.class).isInstanceOf(LoyaltyException.class)
                .hasMessage("rule 'miles' awards currency MILES, which the program does not have; currencies are [STARS]");
    }

    @Test
    void unknownCurrencyInAMultiplierOrCapIsRejected() {
        assertThatThrownBy(() -> RuleSet.builder(STARS)
                .rule("x2", r -> r.multiply(Multiplier.of("MILES", BigDecimal.valueOf(2)))).build())
                .isInstanceOf(UnknownRuleReferenceException.class).hasMessageContaining("rule 'x2' awards currency MILES");
        assertThatThrownBy(() -> RuleSet.builder(STARS)
                .rule("c", r -> r.capPerTransaction("MILES", 5).award(Actions.fixed(stars(1)))).build())
                .isInstanceOf(UnknownRuleReferenceException.class).hasMessageContaining("rule 'c' (cap)");
    }

    @Test
    void zeroOrNegativeCapIsRejected() {
        assertThatThrownBy(() -> RuleSet.builder(STARS).rule("c", r -> r.capPerTransaction("STARS", 0)))
                .isInstanceOf(InvalidCapException.class)
                .hasMessage("cap of rule 'c' in STARS must be a positive number of minor units per transaction; got 0");
        assertThatThrownBy(() -> Campaign.of("spring", "Spring", Instant.EPOCH, Instant.EPOCH.plusSeconds(1))
                .withBudget("STARS", -5))
                .isInstanceOf(InvalidCapException.class)
                .hasMessage("budget of campaign 'spring' in STARS must be positive; got -5");
    }

    @Test
    void windowEndingBeforeItStartsIsRejected() {
        assertThatThrownBy(() -> RuleSet.builder(STARS).rule("w", r -> r.validBetween(LocalDate.of(2024, 6, 30),
                LocalDate.of(2024, 6, 1))))
                .isInstanceOf(InvalidWindowException.class)
                .hasMessage("validity of rule 'w' ends on 2024-06-01, before it starts on 2024-06-30; the last day must"
                        + " be on or after the first");
        assertThatThrownBy(() -> Conditions.dates(LocalDate.of(2024, 6, 30), LocalDate.of(2024, 6, 1)))
                .isInstanceOf(InvalidWindowException.class).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> Conditions.timeOfDay(LocalTime.of(22, 0), LocalTime.of(2, 0)))
                .isInstanceOf(InvalidWindowException.class).hasMessageContaining("22:00-02:00 must end after it starts");
        assertThatThrownBy(() -> Campaign.of("c", "C", Instant.EPOCH, Instant.EPOCH))
                .isInstanceOf(InvalidWindowException.class).hasMessageContaining("campaign 'c' ends at");
    }

    @Test
    void duplicateRuleIdIsRejected() {
        assertThatThrownBy(() -> RuleSet.builder(STARS).rule("a", r -> r.award(Actions.fixed(stars(1))))
                .rule("a", r -> r.award(Actions.fixed(stars(2)))).build())
                .isInstanceOf(DuplicateRuleIdException.class)
                .hasMessage("rule id 'a' appears twice in the rule set; rule ids must be unique");
    }

    @Test
    void unknownTierGroupOrCampaignIsRejected() {
        assertThatThrownBy(() -> RuleSet.builder(STARS).tiers("Green", "Gold")
                .rule("t", r -> r.when(Conditions.tier("Platinum")).award(Actions.fixed(stars(1)))).build())
                .isInstanceOf(UnknownRuleReferenceException.class)
                .hasMessage("rule 't' names tier [Platinum], which the program does not have; tiers are [Green, Gold]");
        assertThatThrownBy(() -> RuleSet.builder(STARS)
                .rule("g", r -> r.exclusiveGroup("promo").award(Actions.fixed(stars(1)))).build())
                .isInstanceOf(UnknownRuleReferenceException.class)
                .hasMessage("rule 'g' names exclusive group 'promo', which is not declared; declared groups are []");
        assertThatThrownBy(() -> RuleSet.builder(STARS)
                .rule("c", r -> r.campaign("spring").award(Actions.fixed(stars(1)))).build())
                .isInstanceOf(UnknownRuleReferenceException.class)
                .hasMessage("rule 'c' names campaign 'spring', which was not added; campaigns are []");
    }

    @Test
    void unknownMemberAttributeIsRejected() {
        assertThatThrownBy(() -> RuleSet.builder(STARS).memberAttributes("city")
                .rule("a", r -> r.when(Conditions.attribute("country", "FR")).award(Actions.fixed(stars(1)))).build())
                .isInstanceOf(UnknownRuleReferenceException.class)
                .hasMessage("rule 'a' names member attribute [country], which the program does not keep; attributes are"
                        + " [city]");
    }

    @Test
    void malformedRulesAreRejected() {
        assertThatThrownBy(() -> RuleSet.builder(STARS).rule("empty", r -> { }))
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("rule 'empty' must have either actions (award) or a multiplier (multiply), not neither");
        assertThatThrownBy(() -> RuleSet.builder(STARS).rule(" ", r -> { }))
                .isInstanceOf(InvalidRuleException.class).hasMessage("rule id must not be blank");
        assertThatThrownBy(() -> Multiplier.of("STARS", new BigDecimal("0.5")))
                .isInstanceOf(InvalidRuleException.class).hasMessage("multiplier factor must be greater than 1; got 0.5");
        assertThatThrownBy(() -> Actions.perUnitSpent(stars(0), eur("1.00")))
                .isInstanceOf(InvalidRuleException.class).hasMessage("rate must be positive; got 0 STARS");
        assertThatThrownBy(() -> Actions.perUnitSpent(stars(1), eur("0.00")))
                .isInstanceOf(InvalidRuleException.class).hasMessage("spend step must be positive; got 0.00 EUR");
        assertThatThrownBy(() -> Conditions.sku())
                .isInstanceOf(InvalidRuleException.class).hasMessage("a sku condition needs at least one sku");
    }

    @Test
    void groupMixingAwardingAndMultiplierRulesIsRejected() {
        assertThatThrownBy(() -> RuleSet.builder(STARS).exclusiveGroup("g", GroupSelection.BEST)
                .rule("a", r -> r.exclusiveGroup("g").award(Actions.fixed(stars(1))))
                .rule("m", r -> r.exclusiveGroup("g").multiply(Multiplier.of("STARS", BigDecimal.TEN))).build())
                .isInstanceOf(InvalidRuleException.class)
                .hasMessage("rule 'm' is a multiplier rule in exclusive group 'g', whose other rules are awarding rules;"
                        + " a group holds one kind");
    }
}
