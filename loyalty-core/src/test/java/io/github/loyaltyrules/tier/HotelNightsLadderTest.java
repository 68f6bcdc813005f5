package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.NEW_YORK;
import static io.github.loyaltyrules.tier.Ladders.NIGHTS;
import static io.github.loyaltyrules.tier.Ladders.TIER_POINTS;
import static io.github.loyaltyrules.tier.Ladders.TQP;
import static io.github.loyaltyrules.tier.Ladders.at;
import static io.github.loyaltyrules.tier.Ladders.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A hotel ladder with several qualifying paths: Gold at 25 nights OR 50,000 points. */
class HotelNightsLadderTest {

    private static final MemberId BEA = MemberId.of("bea");

    @Test
    void goldIsReachedByPointsAlone() {
        TierEngine engine = TierEngine.of(Ladders.hotel().build());
        engine.record(BEA, NIGHTS, 3, at("2026-02-01T20:00", NEW_YORK), key());
        engine.record(BEA, TQP.points(50_000), at("2026-02-03T09:00", NEW_YORK), key());

        assertThat(engine.tierAt(BEA, at("2026-02-03T09:00", NEW_YORK)).name()).isEqualTo("Gold");
        assertThat(engine.history(BEA)).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo("Member");
            assertThat(c.reason()).startsWith("points:TQP reached 50000 (threshold 50000 for Gold)");
        });
    }

    @Test
    void goldIsReachedByNightsAlone() {
        TierEngine engine = TierEngine.of(Ladders.hotel().build());
        engine.record(BEA, NIGHTS, 10, at("2026-02-01T20:00", NEW_YORK), key());
        assertThat(engine.tierAt(BEA, at("2026-02-01T20:00", NEW_YORK)).name()).isEqualTo("Silver");
        engine.record(BEA, NIGHTS, 15, at("2026-03-01T20:00", NEW_YORK), key());

        assertThat(engine.history(BEA)).extracting(TierChange::to).containsExactly("Silver", "Gold");
        TierProgress p = engine.progress(BEA, at("2026-03-02T00:00", NEW_YORK));
        assertThat(p.needed()).containsEntry(NIGHTS, java.math.BigDecimal.valueOf(25))
                .containsEntry(TIER_POINTS, java.math.BigDecimal.valueOf(75_000));
        assertThat(p.tier().hasPerk("late-checkout")).isTrue();
    }

    @Test
    void softLandingDropsOneTierPerAssessment() {
        TierEngine engine = TierEngine.of(Ladders.hotel().softLanding(true).build());
        engine.record(BEA, NIGHTS, 60, at("2026-02-01T20:00", NEW_YORK), key());

        engine.assessTiers(at("2028-01-01T00:00", NEW_YORK));
        assertThat(engine.tierAt(BEA, at("2028-01-01T00:00", NEW_YORK)).name()).isEqualTo("Gold");
        engine.assessTiers(at("2029-01-01T00:00", NEW_YORK));
        assertThat(engine.tierAt(BEA, at("2029-01-01T00:00", NEW_YORK)).name()).isEqualTo("Silver");
        assertThat(engine.history(BEA)).extracting(TierChange::to).containsExactly("Platinum", "Gold", "Silver");
        assertThat(engine.history(BEA).get(1).reason()).endsWith("soft landing: at most one tier down");
    }

    @Test
    void gracePeriodDelaysTheDowngradeAndRequalifyingDuringItKeepsTheTier() {
        TierLadder ladder = Ladders.hotel().gracePeriod(Period.ofMonths(2)).build();
        TierEngine engine = TierEngine.of(ladder);
        MemberId cal = MemberId.of("cal");
        engine.record(BEA, NIGHTS, 25, at("2026-02-01T20:00", NEW_YORK), key());
        engine.record(cal, NIGHTS, 25, at("2026-02-01T20:00", NEW_YORK), key());
        engine.record(cal, NIGHTS, 25, at("2028-02-10T20:00", NEW_YORK), key());

        assertThat(engine.progress(BEA, at("2027-06-01T00:00", NEW_YORK)).keptUntil())
                .contains(at("2028-03-01T00:00", NEW_YORK));
        List<TierEvent> events = engine.assessTiers(at("2028-03-01T00:00", NEW_YORK));

        assertThat(engine.tierAt(BEA, at("2028-02-29T23:59", NEW_YORK)).name()).isEqualTo("Gold");
        assertThat(engine.tierAt(BEA, at("2028-03-01T00:00", NEW_YORK)).name()).isEqualTo("Member");
        assertThat(engine.tierAt(cal, at("2028-03-01T00:00", NEW_YORK)).name()).isEqualTo("Gold");
        assertThat(events).filteredOn(e -> e.at().equals(at("2028-03-01T00:00", NEW_YORK)))
                .extracting(e -> e.getClass().getSimpleName() + " " + e.member())
                .containsExactly("TierDowngraded bea", "TierRetained cal");
    }

    @Test
    void neverDowngradeTierIsKeptForGood() {
        TierLadder ladder = TierLadder.builder().zone(NEW_YORK).metrics(NIGHTS)
                .tier(Tier.of("Member")).tier(Tier.of("Silver").withThreshold(NIGHTS, 10))
                .tier(Tier.of("Lifetime Gold").withThreshold(NIGHTS, 100).withNeverDowngrade())
                .tier(Tier.of("Platinum").withThreshold(NIGHTS, 150)).build();
        TierEngine engine = TierEngine.of(ladder);
        engine.record(BEA, NIGHTS, 160, at("2026-02-01T20:00", NEW_YORK), key());

        assertThat(engine.tierAt(BEA, at("2040-01-01T00:00", NEW_YORK)).name()).isEqualTo("Lifetime Gold");
        assertThat(engine.progress(BEA, at("2030-01-01T00:00", NEW_YORK)).keptUntil()).isEmpty();
    }

    @Test
    void anniversaryOn29FebruaryClosesOn28FebruaryInOtherYearsAndOn29FebruaryInLeapYears() {
        TierLadder ladder = Ladders.hotel().window(QualificationWindow.anniversaryYear()).retention(false).build();
        TierEngine engine = TierEngine.of(ladder);
        engine.enrol(BEA, at("2024-02-29T10:00", NEW_YORK));
        engine.record(BEA, NIGHTS, 10, at("2025-02-27T23:00", NEW_YORK), key());
        assertThat(engine.progress(BEA, at("2025-02-27T23:00", NEW_YORK)).keptUntil())
                .contains(at("2025-02-28T00:00", NEW_YORK));
        engine.record(BEA, NIGHTS, 10, at("2025-02-28T00:00", NEW_YORK), key());
        assertThat(engine.tierAt(BEA, at("2025-02-28T00:00", NEW_YORK)).name()).isEqualTo("Silver");
        assertThat(engine.progress(BEA, at("2025-03-01T00:00", NEW_YORK)).windowStart())
                .contains(at("2025-02-28T00:00", NEW_YORK));
        assertThat(engine.progress(BEA, at("2025-03-01T00:00", NEW_YORK)).deadline())
                .contains(at("2026-02-28T00:00", NEW_YORK));
        assertThat(engine.progress(BEA, at("2027-03-01T00:00", NEW_YORK)).deadline())
                .contains(at("2028-02-29T00:00", NEW_YORK));
    }

    @Test
    void leapDayActivityCountsInItsYear() {
        TierEngine engine = TierEngine.of(Ladders.hotel().build());
        engine.record(BEA, NIGHTS, 9, at("2028-01-15T20:00", NEW_YORK), key());
        engine.record(BEA, NIGHTS, 1, at("2028-02-29T23:59", NEW_YORK), key());
        assertThat(engine.tierAt(BEA, at("2028-02-29T23:59", NEW_YORK)).name()).isEqualTo("Silver");
        assertThat(engine.tierAt(BEA, at("2029-12-31T23:59", NEW_YORK)).name()).isEqualTo("Silver");
        assertThat(engine.tierAt(BEA, at("2030-01-01T00:00", NEW_YORK)).name()).isEqualTo("Member");
    }
}
