package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.NIGHTS;
import static io.github.loyaltyrules.tier.Ladders.SPEND_EUR;
import static io.github.loyaltyrules.tier.Ladders.TIER_POINTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Period;
import org.junit.jupiter.api.Test;

/** A ladder that breaks a rule is rejected when built, with a message naming the tier and the rule. */
class TierLadderValidationTest {

    @Test
    void ladderMustStartWithABaseTierWithoutThresholds() {
        TierLadder.Builder b = TierLadder.builder().zone(Ladders.PARIS).metrics(NIGHTS)
                .tier(Tier.of("Silver").withThreshold(NIGHTS, 10)).tier(Tier.of("Member"));
        assertThatThrownBy(b::build).isInstanceOf(InvalidLadderException.class)
                .hasMessage("tier ladder must start with a base tier without entry thresholds; first tier 'Silver' "
                        + "has [counter:nights >= 10]");
    }

    @Test
    void onlyTheBaseTierMayHaveNoThreshold() {
        TierLadder.Builder b = TierLadder.builder().zone(Ladders.PARIS).metrics(NIGHTS)
                .tier(Tier.of("Member")).tier(Tier.of("Silver"));
        assertThatThrownBy(b::build).isInstanceOf(InvalidLadderException.class)
                .hasMessage("tier 'Silver' has no entry threshold; only the base tier 'Member' (first) may have none");
    }

    @Test
    void duplicateTierNamesAreRejected() {
        TierLadder.Builder b = TierLadder.builder().zone(Ladders.PARIS).metrics(NIGHTS)
                .tier(Tier.of("Member")).tier(Tier.of("Gold").withThreshold(NIGHTS, 10))
                .tier(Tier.of("Gold").withThreshold(NIGHTS, 20));
        assertThatThrownBy(b::build).isInstanceOf(InvalidLadderException.class)
                .hasMessage("tier name 'Gold' is used twice; tier names must be unique");
    }

    @Test
    void thresholdsMustIncreaseOnTheSameMetric() {
        TierLadder.Builder b = TierLadder.builder().zone(Ladders.PARIS).metrics(SPEND_EUR)
                .tier(Tier.of("Insider")).tier(Tier.of("VIB").withThreshold(SPEND_EUR, new BigDecimal("350")))
                .tier(Tier.of("Rouge").withThreshold(SPEND_EUR, new BigDecimal("350.00")));
        assertThatThrownBy(b::build).isInstanceOf(InvalidLadderException.class)
                .hasMessage("threshold spend:EUR >= 350.00 of tier 'Rouge' must be greater than the threshold "
                        + "spend:EUR >= 350.00 of tier 'VIB' below it");
    }

    @Test
    void thresholdsAreComparedWithTheNearestTierBelowThatUsesTheMetric() {
        TierLadder ladder = TierLadder.builder().zone(Ladders.PARIS).metrics(NIGHTS, TIER_POINTS)
                .tier(Tier.of("Member")).tier(Tier.of("Silver").withThreshold(NIGHTS, 10))
                .tier(Tier.of("Gold").withThreshold(TIER_POINTS, 5))
                .tier(Tier.of("Platinum").withThreshold(NIGHTS, 11)).build();
        assertThat(ladder.tiers()).extracting(Tier::name).containsExactly("Member", "Silver", "Gold", "Platinum");
    }

    @Test
    void windowOfZeroMonthsIsRejected() {
        assertThatThrownBy(() -> QualificationWindow.rollingMonths(0)).isInstanceOf(InvalidLadderException.class)
                .hasMessage("rolling qualification window must span 1 to 120 months; got 0");
    }

    @Test
    void unknownMetricIsRejectedNamingTheTier() {
        TierLadder.Builder b = TierLadder.builder().zone(Ladders.PARIS).metrics(NIGHTS)
                .tier(Tier.of("Member")).tier(Tier.of("Gold").withThreshold(TIER_POINTS, 50_000));
        assertThatThrownBy(b::build).isInstanceOf(UnknownMetricException.class)
                .hasMessage("tier 'Gold' has threshold points:TQP >= 50000 on a metric the ladder does not declare; "
                        + "declared metrics: [counter:nights]");
    }

    @Test
    void gracePeriodMustBeShorterThanTheWindow() {
        TierLadder.Builder b = Ladders.beauty().gracePeriod(Period.ofMonths(12));
        assertThatThrownBy(b::build).isInstanceOf(InvalidLadderException.class)
                .hasMessage("grace period must be shorter than the calendar year window; got P12M");
        TierLadder.Builder days = Ladders.airline().window(QualificationWindow.rollingMonths(1))
                .gracePeriod(Period.ofDays(31));
        assertThatThrownBy(days::build).isInstanceOf(InvalidLadderException.class)
                .hasMessage("grace period must be shorter than the rolling 1 months window; got P31D");
        assertThat(Ladders.airline().window(QualificationWindow.rollingMonths(1)).gracePeriod(Period.ofDays(27))
                .build().gracePeriod()).isEqualTo(Period.ofDays(27));
    }

    @Test
    void zoneIsRequired() {
        TierLadder.Builder b = TierLadder.builder().tier(Tier.of("Member"));
        assertThatThrownBy(b::build).isInstanceOf(InvalidLadderException.class)
                .hasMessage("tier ladder needs a program zone; call zone(...)");
    }

    @Test
    void tierRejectsNonPositiveThresholdAndSecondThresholdOnAMetric() {
        assertThatThrownBy(() -> Tier.of("Gold").withThreshold(NIGHTS, 0)).isInstanceOf(InvalidLadderException.class)
                .hasMessage("threshold of tier 'Gold' on counter:nights must be positive; got 0");
        assertThatThrownBy(() -> Tier.of("Gold").withThreshold(NIGHTS, 1).withThreshold(NIGHTS, 2))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessage("tier 'Gold' already has a threshold on counter:nights (1); one threshold per metric and tier");
        assertThatThrownBy(() -> Tier.of("VIB").withThreshold(SPEND_EUR, new BigDecimal("350.001")))
                .isInstanceOf(InvalidLadderException.class)
                .hasMessage("threshold of tier 'VIB': amount of spend:EUR must have at most 2 decimal places and fit "
                        + "64 bits; got 350.001");
    }

    @Test
    void benefitsCanBeQueried() {
        TierLadder ladder = Ladders.beauty().build();
        assertThat(ladder.tier("Rouge").multiplier()).isEqualByComparingTo("1.5");
        assertThat(ladder.tier("Rouge").hasPerk("free-shipping")).isTrue();
        assertThat(ladder.tier("VIB").hasPerk("free-shipping")).isFalse();
        assertThat(ladder.base().multiplier()).isEqualByComparingTo("1");
        assertThatThrownBy(() -> ladder.tier("Diamond")).isInstanceOf(UnknownTierException.class)
                .hasMessage("tier 'Diamond' is not on the ladder; tiers are [Insider, VIB, Rouge]");
    }
}
