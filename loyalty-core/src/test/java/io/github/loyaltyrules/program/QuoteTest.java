package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.NearMiss;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.rule.Shortfall;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Requirement;
import io.github.loyaltyrules.tier.Threshold;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A quote's tier outlook: the member's tier, the next one, what is missing to it on each metric of
 * an any-of or all-of requirement before and after the basket, and whether the basket reaches it;
 * all without changing the ledger, the program store or the tier engine.
 */
class QuoteTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant T0 = Instant.parse("2026-04-07T09:30:00Z");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Metric POINTS = Metric.points(PTS);
    private static final Metric SPEND = Metric.spend(Currency.getInstance("EUR"));
    private static final Metric PURCHASES = Metric.purchases();
    private static final MemberId ANN = MemberId.of("ann");

    /** 1 PTS per whole euro of the basket. */
    private static final RuleEngine PER_EURO = ctx -> {
        Purchase p = (Purchase) ctx.activity();
        long points = p.total().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
        return points == 0 ? Evaluation.NOTHING : new Evaluation(List.of(new Award("base", "Base points", "PTS", points,
                Map.of(), Explanation.fixed())));
    };

    /** Bronze; Silver from any of (100 PTS, 5 purchases); Gold from all of (500 PTS, 1000.00 EUR). */
    private static TierLadder ladder() {
        return TierLadder.builder().zone(ZONE).window(QualificationWindow.calendarYear())
                .metrics(POINTS, SPEND, PURCHASES)
                .tier(Tier.of("Bronze"))
                .tier(Tier.of("Silver").withRequirement(Requirement.anyOf(Threshold.of(POINTS, 100),
                        Threshold.of(PURCHASES, 5))))
                .tier(Tier.of("Gold").withRequirement(Requirement.allOf(Threshold.of(POINTS, 500),
                        Threshold.of(SPEND, Money.of("1000.00", "EUR").amount()))))
                .build();
    }

    private final ProgramStore store = InMemoryProgramStore.create();
    private final TierEngine engine = TierEngine.of(ladder());

    private LoyaltyProgram program() {
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", PER_EURO, List.of()), engine, store);
        program.enrol(ANN, T0.minusSeconds(3600));
        return program;
    }

    private static Purchase basket(String price) {
        return Purchase.of("s1", "pos", List.of(BasketLine.of("1", "BEANS", "beans", 1, Money.of(price, "EUR"))));
    }

    /** What a quote must leave as it was: the ledger, the program's record and the tier engine's. */
    private String state(LoyaltyProgram p, Instant at) {
        return p.ledger().statement(ANN) + " " + store.member(ANN) + " " + engine.history(ANN) + " "
                + engine.progress(ANN, at);
    }

    @Test
    void anAnyOfTierIsReachedByEitherMetricAndTheQuoteSaysWhetherTheBasketDoes() {
        LoyaltyProgram program = program();
        String before = state(program, T0);
        Quote small = program.quote(ANN, basket("30.00"), T0, IdempotencyKey.of("o-1"));
        assertThat(state(program, T0)).isEqualTo(before);
        TierOutlook t = small.tier().orElseThrow();
        assertThat(t.tier().name()).isEqualTo("Bronze");
        assertThat(t.nextTier().map(Tier::name)).contains("Silver");
        assertThat(t.gaps()).extracting(g -> g.metric() + " " + g.value() + "+" + g.basketAdds() + " missing "
                + g.missing() + " then " + g.missingAfterBasket())
                .containsExactly("points:PTS 0+30 missing 100 then 70", "purchases 0+1 missing 5 then 4");
        assertThat(t.basketReachesNext()).isFalse();
        assertThat(t.text()).isEqualTo("Bronze; Silver needs 100 more points:PTS or 5 more purchases;"
                + " this basket does not reach it");
        assertThat(small.nearMisses()).isEmpty(); // an engine of its own says nothing
        assertThat(small.render(3)).isEqualTo("+30 PTS: Base points\ntier: " + t.text());

        Quote big = program.quote(ANN, basket("120.00"), T0, IdempotencyKey.of("o-1"));
        assertThat(big.tier().orElseThrow().basketReachesNext()).isTrue();
        assertThat(big.tier().orElseThrow().gaps().get(0).missingAfterBasket()).isEqualByComparingTo("0");
        assertThat(big.tier().orElseThrow().text()).endsWith("; this basket reaches it");

        Receipt bought = program.purchase(ANN, basket("120.00"), T0, IdempotencyKey.of("o-1"));
        assertThat(bought.awards()).isEqualTo(big.receipt().awards());
        assertThat(engine.tierOf(ANN, T0.plusSeconds(1))).contains("Silver");
    }

    @Test
    void anAllOfTierNeedsEveryMetricAndOnlyTheMissingOnesAreShown() {
        LoyaltyProgram program = program();
        program.purchase(ANN, basket("600.00"), T0, IdempotencyKey.of("o-1")); // 600 PTS, 600.00 EUR: Silver
        Instant at = T0.plusSeconds(60);
        String before = state(program, at);
        Quote quote = program.quote(ANN, basket("300.00"), at, IdempotencyKey.of("o-2"));
        assertThat(state(program, at)).isEqualTo(before);
        TierOutlook t = quote.tier().orElseThrow();
        assertThat(t.tier().name()).isEqualTo("Silver");
        assertThat(t.nextTier().map(Tier::name)).contains("Gold");
        assertThat(t.gaps()).extracting(g -> g.metric() + " missing " + g.missing() + " then " + g.missingAfterBasket())
                .containsExactly("points:PTS missing 0 then 0", "spend:EUR missing 400.00 then 100.00");
        assertThat(t.basketReachesNext()).isFalse(); // the points are there, the spend is not
        assertThat(t.text()).isEqualTo("Silver; Gold needs 400.00 more spend:EUR; this basket does not reach it");

        Quote enough = program.quote(ANN, basket("400.00"), at, IdempotencyKey.of("o-2"));
        assertThat(enough.tier().orElseThrow().basketReachesNext()).isTrue();
        program.purchase(ANN, basket("400.00"), at, IdempotencyKey.of("o-2"));
        Quote top = program.quote(ANN, basket("1.00"), at.plusSeconds(60), IdempotencyKey.of("o-3"));
        assertThat(top.tier().orElseThrow().nextTier()).isEmpty();
        assertThat(top.tier().orElseThrow().gaps()).isEmpty();
        assertThat(top.tier().orElseThrow().basketReachesNext()).isFalse();
        assertThat(top.tier().orElseThrow().text()).isEqualTo("Gold, the top tier");
    }

    @Test
    void withoutATierEngineThereIsNoOutlookAndTheEnginesNearMissesArePassedOn() {
        NearMiss miss = new NearMiss("big", "Big basket", List.of(Shortfall.ofAmounts(Shortfall.Kind.BASKET_TOTAL,
                "basket 5.00 of 30.00 EUR needed", Money.of("30.00", "EUR"), Money.of("5.00", "EUR"))));
        RuleEngine engine = new RuleEngine() {
            @Override
            public Evaluation evaluate(RuleContext context) {
                return PER_EURO.evaluate(context);
            }

            @Override
            public List<NearMiss> nearMisses(RuleContext context, Evaluation quoted) {
                return List.of(miss, miss);
            }
        };
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", engine, List.of()), TierLookup.NONE);
        program.enrol(ANN, T0.minusSeconds(3600));
        Quote q = program.quote(ANN, basket("5.00"), T0, IdempotencyKey.of("o-1"));
        assertThat(q.tier()).isEmpty();
        assertThat(q.total("PTS")).isEqualTo(5);
        assertThat(q.nearMisses()).containsExactly(miss, miss);
        assertThat(q.closest(1)).containsExactly(miss);
        assertThat(q.closest(0)).isEmpty();
        assertThat(q.render(1)).isEqualTo("+5 PTS: Base points\nmissed: Big basket: basket 5.00 of 30.00 EUR needed");
        assertThatThrownBy(() -> q.closest(-1)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> q.render(-1)).isInstanceOf(InvalidRequestException.class);
    }
}
