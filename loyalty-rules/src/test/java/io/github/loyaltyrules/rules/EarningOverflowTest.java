package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.basket;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.purchaseContext;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.tier.InvalidLadderException;
import io.github.loyaltyrules.tier.Tier;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Earning more than a {@code long} of minor units (a huge amount at a high rate, a quantity near
 * {@code Long.MAX_VALUE}) is the library's overflow exception naming the rule and the values, not
 * an {@code ArithmeticException}; through the program, nothing is posted.
 */
class EarningOverflowTest {

    private static final long HUGE = Long.MAX_VALUE / 2;

    private static RuleSet rules(Action... actions) {
        return RuleSet.builder(STARS).rule("big-earner", r -> r.name("Big earner").award(actions)).build();
    }

    private static AmountOverflowException overflow(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(AmountOverflowException.class);
        assertThat(t.getMessage()).hasSizeLessThan(300);
        return (AmountOverflowException) t;
    }

    @Test
    void perUnitSpentAtAHighRate() {
        RuleContext c = purchaseContext(basket().coffee(1, "100.00").build());
        assertThat(overflow(() -> rules(Actions.perUnitSpent(stars(HUGE), eur("1.00"))).evaluate(c)))
                .hasMessageContaining("rule 'big-earner'").hasMessageContaining("100 steps of 1.00 EUR")
                .hasMessageContaining(HUGE + " STARS per 1.00 EUR");
    }

    @Test
    void perUnitSpentOnABasketBeyondALong() {
        // two lines of 9.2e16 EUR: more than a long of cents together, counted in decimals
        RuleContext c = purchaseContext(basket().coffee(1, "92233720368547758.07").food(1, "92233720368547758.07")
                .build());
        assertThat(overflow(() -> rules(Actions.perUnitSpent(stars(2), eur("0.01"))).evaluate(c)))
                .hasMessageContaining("rule 'big-earner'");
    }

    @Test
    void perItemOnAQuantityNearTheMaximum() {
        RuleContext c = purchaseContext(basket().coffee(Long.MAX_VALUE - 1, "0.00").build());
        assertThat(overflow(() -> rules(Actions.perItem(LineMatcher.anyLine(), stars(2))).evaluate(c)))
                .hasMessageContaining("rule 'big-earner'").hasMessageContaining((Long.MAX_VALUE - 1) + " items")
                .hasMessageContaining("2 STARS per item");
        RuleContext two = purchaseContext(basket().coffee(HUGE, "0.00").food(HUGE, "0.00").coffee(HUGE, "0.00").build());
        assertThat(overflow(() -> rules(Actions.perItem(LineMatcher.anyLine(), stars(1))).evaluate(two)))
                .hasMessageContaining("rule 'big-earner'");
    }

    @Test
    void aLineAmountBeyondALong() {
        RuleContext c = purchaseContext(basket().coffee(1_000, "92233720368547758.07").build());
        assertThat(overflow(() -> rules(Actions.fixed(stars(10))).evaluate(c)))
                .hasMessageContaining("rule 'big-earner'").hasMessageContaining("line 'L1'")
                .hasMessageContaining("1000 x 92233720368547758.07 EUR");
    }

    @Test
    void aMultiplierOnAHugeAward() {
        RuleSet set = RuleSet.builder(STARS).rule("base", r -> r.award(Actions.fixed(stars(HUGE))))
                .rule("triple", r -> r.multiply(Multiplier.of("STARS", new BigDecimal("3")))).build();
        RuleContext c = purchaseContext(basket().coffee(1, "1.00").build());
        assertThat(overflow(() -> set.evaluate(c))).hasMessageContaining("rule 'triple'");
    }

    @Test
    void awardsOfSeveralRulesAddingUpBeyondALong() {
        RuleSet set = RuleSet.builder(STARS).rule("a", r -> r.award(Actions.fixed(stars(HUGE + 1))))
                .rule("b", r -> r.award(Actions.fixed(stars(HUGE + 1)))).build();
        RuleContext c = purchaseContext(basket().coffee(1, "1.00").build());
        assertThat(overflow(() -> set.evaluate(c))).hasMessageContaining("STARS");
        RuleSet doubled = RuleSet.builder(STARS).rule("a", r -> r.award(Actions.fixed(stars(HUGE + 1))))
                .rule("b", r -> r.award(Actions.fixed(stars(HUGE + 1))))
                .rule("double", r -> r.multiply(Multiplier.of("STARS", new BigDecimal("2")))).build();
        assertThat(overflow(() -> doubled.evaluate(c))).hasMessageContaining("STARS");
    }

    @Test
    void handWrittenGrantsAndAwardsWhoseSharesAddUpBeyondALong() {
        Map<String, Long> shares = new java.util.LinkedHashMap<>();
        shares.put("L1", Long.MAX_VALUE);
        shares.put("L2", 2L);
        assertThat(catchThrowable(() -> new Grant("STARS", 1, shares, Explanation.fixed())))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("add up to more than a long");
        assertThat(catchThrowable(() -> new Award("r", "R", "STARS", 1, shares, Explanation.fixed())))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("add up to more than a long");
    }

    @Test
    void multipliersWithAHugeExponentAreRefusedWhenBuilt() {
        BigDecimal huge = new BigDecimal("1e999999999");
        Throwable rule = catchThrowable(() -> Multiplier.of("STARS", huge));
        assertThat(rule).isInstanceOf(InvalidRuleException.class)
                .hasMessage("multiplier factor must be below 10^18; got 1E+999999999");
        assertThat(catchThrowable(() -> Tier.of("Gold").withMultiplier(huge))).isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("must be below 10^18; got 1E+999999999");
        assertThat(catchThrowable(() -> new MemberProfile(MemberId.of("m"), "Gold", Set.of(), Map.of(), null, 0, huge,
                Set.of()))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("1E+999999999");
        assertThat(Multiplier.of("STARS", new BigDecimal("999999999999999999.5")).factor()).isNotNull();
    }

    @Test
    void aQuantityConditionCountsHugeQuantitiesWithoutWrapping() {
        Condition many = Conditions.quantityAtLeast(LineMatcher.anyLine(), Long.MAX_VALUE);
        RuleContext c = purchaseContext(basket().coffee(HUGE + 1, "0.00").food(HUGE + 1, "0.00").build());
        assertThat(many.test(c)).isTrue(); // 2^63 units: more than Long.MAX_VALUE, not a negative count
        RuleContext fewer = purchaseContext(basket().coffee(HUGE, "0.00").food(HUGE, "0.00").build());
        assertThat(many.test(fewer)).isFalse();
    }

    @Test
    void aPurchaseThatWouldEarnTooMuchPostsNothing() {
        MemberId ann = MemberId.of("ann");
        Instant t = Instant.parse("2024-06-04T10:00:00Z");
        Ledger ledger = Ledger.builder().zone(Fixtures.ZONE).clock(Clock.fixed(t, Fixtures.ZONE)).currency(STARS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1",
                rules(Actions.perItem(LineMatcher.anyLine(), stars(3))), List.of()), (m, at) -> Optional.empty());
        program.enrol(ann, t.minusSeconds(60));
        Purchase p = Purchase.of("S1", "pos", List.of(BasketLine.of("L1", "ESPRESSO", "coffee", HUGE, eur("0.00"))));
        overflow(() -> program.purchase(ann, p, t, IdempotencyKey.of("p-1")));
        assertThat(ledger.balance(ann, STARS).total()).isZero();
        assertThat(ledger.statement(ann)).isEmpty();
        assertThat(program.receipt(IdempotencyKey.of("p-1"))).isEmpty();
    }
}
