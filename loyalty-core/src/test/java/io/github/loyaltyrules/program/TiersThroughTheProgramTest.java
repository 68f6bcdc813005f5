package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.ReturnRule;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierFeed;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A program with a tier engine records qualifying activity and shows rules the tier's benefits. */
class TiersThroughTheProgramTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Instant T0 = Instant.parse("2026-04-07T09:30:00Z");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final PointCurrency TQP = PointCurrency.of("TQP", "Tier points", 0);
    static final Metric TIER_POINTS = Metric.points(TQP);
    static final Metric SPEND = Metric.spend(Currency.getInstance("EUR"));
    static final Metric PURCHASES = Metric.purchases();
    static final MemberId ANN = MemberId.of("ann");

    /** 1 PTS per whole euro of the basket, times the tier multiplier (floor); as many TQP as PTS before the multiplier. */
    static final RuleEngine TIER_AWARE = ctx -> {
        Purchase p = (Purchase) ctx.activity();
        long base = p.total().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
        long multiplied = BigDecimal.valueOf(base).multiply(ctx.member().tierMultiplier())
                .setScale(0, RoundingMode.FLOOR).longValueExact();
        List<Award> awards = new ArrayList<>();
        if (multiplied > 0) {
            awards.add(new Award("base", "Base points", "PTS", multiplied, Map.of(), new Explanation(p.total().toString(),
                    "1 pt per 1.00", ctx.member().tierMultiplier().toPlainString() + "x (" + ctx.member().tier() + ")",
                    "floor", "")));
            awards.add(new Award("tqp", "Tier points", "TQP", base, Map.of(), Explanation.fixed()));
        }
        if (ctx.member().hasPerk("welcome-drink")) {
            awards.add(new Award("perk", "Gold welcome drink", "PTS", 5, Map.of(), Explanation.fixed()));
        }
        return new Evaluation(awards);
    };

    static TierLadder ladder() {
        return TierLadder.builder().zone(ZONE).window(QualificationWindow.calendarYear())
                .metrics(TIER_POINTS, SPEND, PURCHASES).returnRule(ReturnRule.IMMEDIATE)
                .tier(Tier.of("Green"))
                .tier(Tier.of("Gold").withThreshold(TIER_POINTS, 30).withMultiplier(new BigDecimal("1.5"))
                        .withPerks("welcome-drink"))
                .build();
    }

    static Purchase basket(String price) {
        return Purchase.of("store-1", "pos", List.of(BasketLine.of("1", "BEANS", "beans", 2, Money.of(price, "EUR"))));
    }

    private static LoyaltyProgram program(TierEngine engine, boolean feedToo) {
        Ledger.Builder b = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).currency(TQP);
        if (feedToo) {
            b.listener(TierFeed.of(engine));
        }
        LoyaltyProgram program = LoyaltyProgram.of(b.build(), ProgramVersion.of("v1", TIER_AWARE, List.of()), engine);
        program.enrol(ANN, T0.minusSeconds(3600));
        return program;
    }

    @Test
    void purchasesRecordPointsSpendAndCountAndRulesApplyTheTierMultiplier() {
        TierEngine engine = TierEngine.of(ladder());
        LoyaltyProgram program = program(engine, false);
        assertThat(program.tierEngine()).containsSame(engine);
        assertThat(engine.tierOf(ANN, T0)).contains("Green");

        Receipt first = program.purchase(ANN, basket("10.00"), T0, IdempotencyKey.of("o-1"));
        assertThat(first.total("PTS")).isEqualTo(20);
        var progress = engine.progress(ANN, T0.plusSeconds(1));
        assertThat(progress.values().get(TIER_POINTS)).isEqualByComparingTo("20");
        assertThat(progress.values().get(SPEND)).isEqualByComparingTo("20.00");
        assertThat(progress.values().get(PURCHASES)).isEqualByComparingTo("1");

        program.purchase(ANN, basket("6.00"), T0.plusSeconds(60), IdempotencyKey.of("o-2"));
        assertThat(engine.tierOf(ANN, T0.plusSeconds(61))).contains("Gold");

        Receipt gold = program.purchase(ANN, basket("5.00"), T0.plusSeconds(120), IdempotencyKey.of("o-3"));
        assertThat(gold.total("PTS")).isEqualTo(15 + 5);
        assertThat(gold.render()).contains("1.5x (Gold)", "Gold welcome drink");
    }

    @Test
    void aReturnTakesTheQualifyingActivityBackAndCanDowngrade() {
        TierEngine engine = TierEngine.of(ladder());
        LoyaltyProgram program = program(engine, false);
        program.purchase(ANN, basket("16.00"), T0, IdempotencyKey.of("o-1"));
        assertThat(engine.tierOf(ANN, T0.plusSeconds(1))).contains("Gold");

        program.returnPurchase(ANN, IdempotencyKey.of("o-1"), Map.of("1", 1L), T0.plusSeconds(60),
                IdempotencyKey.of("r-1"));
        var half = engine.progress(ANN, T0.plusSeconds(61));
        assertThat(half.tier().name()).isEqualTo("Green");
        assertThat(half.values().get(TIER_POINTS)).isEqualByComparingTo("16");
        assertThat(half.values().get(SPEND)).isEqualByComparingTo("16.00");
        assertThat(half.values().get(PURCHASES)).isEqualByComparingTo("1");

        program.returnPurchase(ANN, IdempotencyKey.of("o-1"), Map.of("1", 1L), T0.plusSeconds(120),
                IdempotencyKey.of("r-2"));
        var none = engine.progress(ANN, T0.plusSeconds(121));
        assertThat(none.values().get(TIER_POINTS)).isEqualByComparingTo("0");
        assertThat(none.values().get(SPEND)).isEqualByComparingTo("0");
        assertThat(none.values().get(PURCHASES)).isEqualByComparingTo("0");
    }

    @Test
    void aLedgerThatAlsoFeedsTheEngineCountsNothingTwice() {
        TierEngine engine = TierEngine.of(ladder());
        LoyaltyProgram program = program(engine, true);
        program.purchase(ANN, basket("10.00"), T0, IdempotencyKey.of("o-1"));
        program.returnPurchase(ANN, IdempotencyKey.of("o-1"), Map.of("1", 1L), T0.plusSeconds(60),
                IdempotencyKey.of("r-1"));
        assertThat(engine.progress(ANN, T0.plusSeconds(61)).values().get(TIER_POINTS)).isEqualByComparingTo("10");
    }

    @Test
    void aTierLookupStillWorksAndItsProfileHasNoBenefits() {
        List<MemberProfile> seen = new ArrayList<>();
        RuleEngine spy = ctx -> {
            seen.add(ctx.member());
            return Evaluation.NOTHING;
        };
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", spy, List.of()),
                (member, at) -> java.util.Optional.of("Gold"));
        program.enrol(ANN, T0);
        program.purchase(ANN, basket("1.00"), T0, IdempotencyKey.of("o-1"));
        assertThat(seen.get(0).tier()).isEqualTo("Gold");
        assertThat(seen.get(0).tierMultiplier()).isEqualByComparingTo("1");
        assertThat(seen.get(0).perks()).isEqualTo(Set.of());
        assertThat(program.tierEngine()).isEmpty();
    }
}
