package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.ReturnRule;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Gold from 10 nights in a calendar year": a hotel stay brings its nights with its purchase, counted once
 * under the purchase's key, taken back when the whole stay is returned, and never confused with the count
 * of purchases or with another counter.
 */
class CountersWithThePurchaseTest {

    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final Instant T0 = Instant.parse("2026-02-03T16:00:00Z");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Metric NIGHTS = Metric.counter("nights");
    /** A counter whose name is also the suffix of the purchase count's key. */
    private static final Metric PURCHASE = Metric.counter("purchase");
    private static final Metric LONG_A = Metric.counter("a234567890123456789012345678901a");
    private static final Metric LONG_B = Metric.counter("a234567890123456789012345678901b");
    private static final MemberId SAM = MemberId.of("sam");

    private TierEngine tiers;
    private LoyaltyProgram program;

    @BeforeEach
    void setUp() {
        tiers = TierEngine.of(TierLadder.builder().zone(ZONE).window(QualificationWindow.calendarYear())
                .metrics(NIGHTS, Metric.purchases(), PURCHASE, LONG_A, LONG_B).returnRule(ReturnRule.IMMEDIATE)
                .tier(Tier.of("Member"))
                .tier(Tier.of("Gold").withThreshold(NIGHTS, 10))
                .build());
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).build();
        program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", ctx -> new io.github.loyaltyrules.rule.Evaluation(
                List.of()), List.of()), tiers);
        program.enrol(SAM, T0.minusSeconds(3600));
    }

    private static Purchase stay(long nights, long barItems) {
        return Purchase.of("hotel-1", "pos", List.of(BasketLine.of("room", "KING", "room", nights,
                Money.of("200.00", "USD")), BasketLine.of("bar", "BAR", "bar", barItems, Money.of("9.50", "USD"))))
                .withCounters(Map.of("nights", nights));
    }

    private BigDecimal value(Metric m, Instant at) {
        return tiers.progress(SAM, at).values().get(m);
    }

    @Test
    void aStaysNightsCountWithItsPurchaseOnceEvenWhenTheCheckoutIsRetried() {
        program.purchase(SAM, stay(6, 1), T0, IdempotencyKey.of("stay-1"));
        program.purchase(SAM, stay(6, 1), T0, IdempotencyKey.of("stay-1")); // the retry of a lost reply
        assertThat(value(NIGHTS, T0.plusSeconds(1))).isEqualByComparingTo("6");
        assertThat(value(Metric.purchases(), T0.plusSeconds(1))).isEqualByComparingTo("1");
        assertThat(value(PURCHASE, T0.plusSeconds(1))).as("a counter the purchase did not bring").isEqualByComparingTo("0");
        assertThat(tiers.tierOf(SAM, T0.plusSeconds(1))).contains("Member");

        program.purchase(SAM, stay(4, 2), T0.plusSeconds(86_400), IdempotencyKey.of("stay-2"));
        assertThat(value(NIGHTS, T0.plusSeconds(86_401))).isEqualByComparingTo("10");
        assertThat(tiers.tierOf(SAM, T0.plusSeconds(86_401))).contains("Gold");
        assertThat(program.store().receipt(IdempotencyKey.of("stay-2")).orElseThrow().activity())
                .isEqualTo(stay(4, 2)).extracting(a -> ((Purchase) a).counters()).isEqualTo(Map.of("nights", 4L));
    }

    @Test
    void returningPartOfAStayKeepsItsNightsAndReturningAllOfItTakesThemBack() {
        program.purchase(SAM, stay(6, 1), T0, IdempotencyKey.of("stay-1"));
        program.purchase(SAM, stay(4, 2), T0.plusSeconds(60), IdempotencyKey.of("stay-2"));
        assertThat(tiers.tierOf(SAM, T0.plusSeconds(61))).contains("Gold");

        program.returnPurchase(SAM, IdempotencyKey.of("stay-2"), Map.of("bar", 2L), T0.plusSeconds(120),
                IdempotencyKey.of("ret-1"));
        assertThat(value(NIGHTS, T0.plusSeconds(121))).as("the minibar went back, the nights stay")
                .isEqualByComparingTo("10");

        program.returnPurchase(SAM, IdempotencyKey.of("stay-2"), Map.of("room", 4L), T0.plusSeconds(180),
                IdempotencyKey.of("ret-2"));
        assertThat(value(NIGHTS, T0.plusSeconds(181))).isEqualByComparingTo("6");
        assertThat(value(Metric.purchases(), T0.plusSeconds(181))).isEqualByComparingTo("1");
        assertThat(tiers.tierOf(SAM, T0.plusSeconds(181))).contains("Member");
    }

    @Test
    void countersNamedLikeOtherMetricsOrTooLongForTheKeyAreEachCountedApart() {
        String key = "k".repeat(ProgramContext.MAX_KEY); // the longest key a purchase takes
        Purchase p = stay(1, 1).withCounters(Map.of("nights", 1L, "purchase", 7L, LONG_A.key(), 2L, LONG_B.key(), 3L));
        program.purchase(SAM, p, T0, IdempotencyKey.of(key));
        program.purchase(SAM, p, T0, IdempotencyKey.of(key));
        Instant after = T0.plusSeconds(1);
        assertThat(value(Metric.purchases(), after)).isEqualByComparingTo("1");
        assertThat(value(PURCHASE, after)).isEqualByComparingTo("7");
        assertThat(value(LONG_A, after)).isEqualByComparingTo("2");
        assertThat(value(LONG_B, after)).isEqualByComparingTo("3");
        assertThat(TierActivity.counterSuffix(LONG_A.key())).hasSize(19).startsWith("#H:")
                .isNotEqualTo(TierActivity.counterSuffix(LONG_B.key()));
        assertThat(TierActivity.counterSuffix("nights")).isEqualTo("#c:nights");
    }

    @Test
    void countsUpToTheLargestLongAddUpWithoutOverflowEscaping() {
        Purchase huge = stay(1, 1).withCounters(Map.of("nights", Long.MAX_VALUE));
        program.purchase(SAM, huge, T0, IdempotencyKey.of("h-1"));
        Throwable second = org.assertj.core.api.Assertions.catchThrowable(
                () -> program.purchase(SAM, huge, T0.plusSeconds(1), IdempotencyKey.of("h-2")));
        assertThat(second).as("%s", second).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(io.github.loyaltyrules.ledger.LoyaltyException.class));
        assertThat(value(NIGHTS, T0.plusSeconds(2))).isGreaterThanOrEqualTo(BigDecimal.valueOf(Long.MAX_VALUE));
    }

    @Test
    void malformedCountersAreRefusedBeforeAnythingIsRecorded() {
        Purchase plain = stay(1, 1);
        assertThatThrownBy(() -> plain.withCounters(Map.of("nights", 0L))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("count of counter nights must be positive; got 0");
        assertThatThrownBy(() -> plain.withCounters(Map.of("nights", -2L))).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> plain.withCounters(Map.of("Nights", 1L))).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("counter name must be 1 to 32 characters");
        assertThatThrownBy(() -> plain.withCounters(Map.of("n".repeat(33), 1L)))
                .isInstanceOf(InvalidRequestException.class);
        Map<String, Long> many = new HashMap<>();
        for (int i = 0; i <= Purchase.MAX_COUNTERS; i++) {
            many.put("c" + i, 1L);
        }
        assertThatThrownBy(() -> plain.withCounters(many)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("a purchase carries at most 16 counters; got 17");
        Map<String, Long> nullCount = new HashMap<>();
        nullCount.put("nights", null);
        assertThatThrownBy(() -> plain.withCounters(nullCount)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> plain.withCounters(null)).isInstanceOf(NullPointerException.class);
        assertThat(tiers.history(SAM)).isEmpty();
        assertThat(value(NIGHTS, T0)).isEqualByComparingTo("0");
    }
}
