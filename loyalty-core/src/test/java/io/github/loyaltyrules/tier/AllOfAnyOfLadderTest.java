package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.NEW_YORK;
import static io.github.loyaltyrules.tier.Ladders.NIGHTS;
import static io.github.loyaltyrules.tier.Ladders.at;
import static io.github.loyaltyrules.tier.Ladders.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/**
 * Published terms that need every one of several thresholds ("from 650 points and 325 qualifying
 * points") or offer several ways in, one of them itself two thresholds ("75 nights, or 50 nights and
 * 10,000.00 USD spend").
 */
class AllOfAnyOfLadderTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final PointCurrency QP = PointCurrency.of("QP", "Qualifying points", 0);
    static final Metric POINTS = Metric.points(PTS);
    static final Metric QUALIFYING = Metric.points(QP);
    static final Metric SPEND_USD = Metric.spend(Currency.getInstance("USD"));

    /** Club (base); Plus from 650 points and 325 qualifying points in a calendar year. */
    static TierLadder club() {
        return TierLadder.builder().zone(NEW_YORK).metrics(POINTS, QUALIFYING)
                .tier(Tier.of("Club"))
                .tier(Tier.of("Plus").withRequirement(Requirement.allOf(Threshold.of(POINTS, 650),
                        Threshold.of(QUALIFYING, 325))))
                .build();
    }

    /** Member; Gold from 25 nights; Platinum from 75 nights, or 50 nights and 10,000.00 USD spend. */
    static TierLadder hotel() {
        return TierLadder.builder().zone(NEW_YORK).metrics(NIGHTS, SPEND_USD)
                .tier(Tier.of("Member"))
                .tier(Tier.of("Gold").withRequirement(Threshold.of(NIGHTS, 25)))
                .tier(Tier.of("Platinum").withRequirement(Requirement.anyOf(Threshold.of(NIGHTS, 75),
                        Requirement.allOf(Threshold.of(NIGHTS, 50), Threshold.of(SPEND_USD, new BigDecimal("10000.00"))))))
                .build();
    }

    @Test
    void plusNeedsBothThePointsAndTheQualifyingPoints() {
        TierEngine engine = TierEngine.of(club());
        MemberId ana = MemberId.of("ana");
        engine.record(ana, PTS.points(700), at("2026-02-01T12:00", NEW_YORK), key());
        assertThat(engine.tierAt(ana, at("2026-02-01T12:00", NEW_YORK)).name()).isEqualTo("Club");
        TierProgress p = engine.progress(ana, at("2026-02-02T00:00", NEW_YORK));
        assertThat(p.needed()).containsEntry(POINTS, BigDecimal.ZERO).containsEntry(QUALIFYING, BigDecimal.valueOf(325));

        engine.record(ana, QP.points(300), at("2026-03-01T12:00", NEW_YORK), key());
        assertThat(engine.tierAt(ana, at("2026-03-01T12:00", NEW_YORK)).name()).isEqualTo("Club");
        engine.record(ana, QP.points(25), at("2026-04-10T09:30", NEW_YORK), key());
        assertThat(engine.tierAt(ana, at("2026-04-10T09:29", NEW_YORK)).name()).isEqualTo("Club");
        assertThat(engine.tierAt(ana, at("2026-04-10T09:30", NEW_YORK)).name()).isEqualTo("Plus");
        assertThat(engine.history(ana)).singleElement().satisfies(c -> assertThat(c.reason()).startsWith(
                "points:PTS reached 700 (threshold 650) and points:QP reached 325 (threshold 325) for Plus in calendar"
                        + " year"));
        // Kept through 2027 by retention; 2027's activity (points only) does not qualify: Club from 2028.
        engine.record(ana, PTS.points(5000), at("2027-05-01T12:00", NEW_YORK), key());
        engine.assessTiers(at("2028-01-01T00:00", NEW_YORK));
        assertThat(engine.tierAt(ana, at("2027-12-31T23:59", NEW_YORK)).name()).isEqualTo("Plus");
        assertThat(engine.tierAt(ana, at("2028-01-01T00:00", NEW_YORK)).name()).isEqualTo("Club");
    }

    @Test
    void platinumByNightsAloneOrByFewerNightsWithSpend() {
        TierEngine engine = TierEngine.of(hotel());
        MemberId sam = MemberId.of("sam");
        MemberId kim = MemberId.of("kim");
        engine.record(sam, NIGHTS, 30, at("2026-03-01T20:00", NEW_YORK), key());
        engine.record(sam, Money.of("9999.99", "USD"), at("2026-03-02T11:00", NEW_YORK), key());
        engine.record(sam, NIGHTS, 20, at("2026-06-01T20:00", NEW_YORK), key());
        // 50 nights and 9,999.99 USD: Gold.
        assertThat(engine.tierAt(sam, at("2026-06-02T00:00", NEW_YORK)).name()).isEqualTo("Gold");
        TierProgress p = engine.progress(sam, at("2026-06-02T00:00", NEW_YORK));
        assertThat(p.needed()).containsEntry(NIGHTS, BigDecimal.ZERO).containsEntry(SPEND_USD, new BigDecimal("0.01"));
        engine.record(sam, Money.of("0.01", "USD"), at("2026-06-03T11:00", NEW_YORK), key());
        assertThat(engine.tierAt(sam, at("2026-06-03T11:00", NEW_YORK)).name()).isEqualTo("Platinum");
        assertThat(engine.history(sam)).extracting(TierChange::to).containsExactly("Gold", "Platinum");
        assertThat(engine.history(sam).get(1).reason()).startsWith("counter:nights reached 50 (threshold 50) and"
                + " spend:USD reached 10000.00 (threshold 10000.00) for Platinum");

        // 75 nights without spend.
        engine.record(kim, NIGHTS, 74, at("2026-11-30T20:00", NEW_YORK), key());
        assertThat(engine.tierAt(kim, at("2026-12-01T00:00", NEW_YORK)).name()).isEqualTo("Gold");
        engine.record(kim, NIGHTS, 1, at("2026-12-31T23:00", NEW_YORK), key());
        assertThat(engine.tierAt(kim, at("2026-12-31T23:00", NEW_YORK)).name()).isEqualTo("Platinum");
        assertThat(engine.history(kim).get(1).reason()).startsWith(
                "counter:nights reached 75 (threshold 75 for Platinum) in calendar year");
    }

    @Test
    void thresholdsListEveryThresholdTheRequirementNamesAndWithThresholdAddsAWayIn() {
        Tier platinum = hotel().tier("Platinum");
        assertThat(platinum.thresholds()).extracting(Threshold::metric).containsExactly(NIGHTS, NIGHTS, SPEND_USD);
        assertThat(platinum.requirement().orElseThrow()).hasToString(
                "any of (counter:nights >= 75, all of (counter:nights >= 50, spend:USD >= 10000.00))");
        Tier plus = club().tier("Plus").withThreshold(Metric.purchases(), 40);
        assertThat(plus.requirement()).contains(Requirement.anyOf(Requirement.allOf(Threshold.of(POINTS, 650),
                Threshold.of(QUALIFYING, 325)), Threshold.of(Metric.purchases(), 40)));
        assertThat(Tier.of("Base").requirement()).isEmpty();
        // A tier built threshold by threshold is the same as one built with any of.
        assertThat(Tier.of("G").withThreshold(NIGHTS, 25).withThreshold(POINTS, 50_000))
                .isEqualTo(Tier.of("G").withRequirement(Requirement.anyOf(Threshold.of(NIGHTS, 25),
                        Threshold.of(POINTS, 50_000))));
    }

    @Test
    void malformedGroupsAreRefusedWithTheRule() {
        assertThatThrownBy(() -> Requirement.allOf()).isInstanceOf(InvalidLadderException.class)
                .hasMessage("'all of' needs 1 to 16 parts; got 0");
        assertThatThrownBy(() -> Requirement.anyOf(Threshold.of(NIGHTS, 10), Threshold.of(NIGHTS, 20)))
                .isInstanceOf(InvalidLadderException.class).hasMessage("'any of' has two thresholds on counter:nights"
                        + " in any of (counter:nights >= 10, counter:nights >= 20); one threshold per metric in a group");
        Requirement deep = Threshold.of(NIGHTS, 1);
        for (int k = 0; k < 8; k++) {
            deep = Requirement.allOf(deep, Threshold.of(Metric.counter("c" + k), 1));
        }
        Requirement tooDeep = deep;
        assertThatThrownBy(() -> Requirement.anyOf(tooDeep, Threshold.of(POINTS, 1)))
                .isInstanceOf(InvalidLadderException.class).hasMessage("requirement is nested deeper than 8 levels");
        assertThatThrownBy(() -> Requirement.allOf((Requirement) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Threshold.of(SPEND_USD, new BigDecimal("10.001")))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessage("threshold on spend:USD: amount of spend:USD must have at most 2 decimal places and fit 64"
                        + " bits; got 10.001");
    }

    @Test
    void aLowerTiersWayInThatAlsoReachesATierAboveIsRefused() {
        TierLadder.Builder b = TierLadder.builder().zone(NEW_YORK).metrics(NIGHTS, SPEND_USD)
                .tier(Tier.of("Member"))
                .tier(Tier.of("Gold").withRequirement(Requirement.allOf(Threshold.of(NIGHTS, 60),
                        Threshold.of(SPEND_USD, 1_500_000))))
                .tier(Tier.of("Platinum").withRequirement(Requirement.anyOf(Threshold.of(NIGHTS, 75),
                        Requirement.allOf(Threshold.of(NIGHTS, 50), Threshold.of(SPEND_USD, 1_000_000)))));
        assertThatThrownBy(b::build).isInstanceOf(InvalidLadderException.class).hasMessage("tier 'Gold' is reached by"
                + " all of (counter:nights >= 60, spend:USD >= 15000.00), which also meets all of (counter:nights >= 50,"
                + " spend:USD >= 10000.00) of tier 'Platinum' above it; a lower tier must be easier to reach");
        // Fewer nights with more spend is another way, not an easier one: accepted.
        TierLadder ok = TierLadder.builder().zone(NEW_YORK).metrics(NIGHTS, SPEND_USD)
                .tier(Tier.of("Member"))
                .tier(Tier.of("Gold").withRequirement(Requirement.allOf(Threshold.of(NIGHTS, 60),
                        Threshold.of(SPEND_USD, 500_000))))
                .tier(Tier.of("Platinum").withRequirement(Requirement.allOf(Threshold.of(NIGHTS, 40),
                        Threshold.of(SPEND_USD, 2_000_000))))
                .build();
        assertThat(ok.tiers()).hasSize(3);
    }
}
