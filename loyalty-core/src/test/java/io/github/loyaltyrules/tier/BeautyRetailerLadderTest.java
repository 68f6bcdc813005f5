package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.PARIS;
import static io.github.loyaltyrules.tier.Ladders.SPEND_EUR;
import static io.github.loyaltyrules.tier.Ladders.at;
import static io.github.loyaltyrules.tier.Ladders.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A beauty retailer's yearly spend ladder: VIB at 350 EUR and Rouge at 1,000 EUR per calendar year. */
class BeautyRetailerLadderTest {

    private static final MemberId ANN = MemberId.of("ann");

    private final List<TierEvent> events = new ArrayList<>();
    private final TierEngine engine = TierEngine.of(Ladders.beauty().build(), events::add);

    private void spend(String amount, String when) {
        engine.record(ANN, Money.of(amount, "EUR"), at(when, PARIS), key());
    }

    @Test
    void upgradesTheMomentSpendReachesTheThresholdWithDateAndReason() {
        spend("200.00", "2026-03-01T10:00");
        assertThat(engine.tierAt(ANN, at("2026-03-01T10:00", PARIS)).name()).isEqualTo("Insider");
        spend("150.00", "2026-04-02T11:30");

        assertThat(engine.tierAt(ANN, at("2026-04-02T11:30", PARIS)).name()).isEqualTo("VIB");
        TierChange change = engine.history(ANN).get(0);
        assertThat(change.from()).isEqualTo("Insider");
        assertThat(change.to()).isEqualTo("VIB");
        assertThat(change.at()).isEqualTo(at("2026-04-02T11:30", PARIS));
        assertThat(change.cause()).isEqualTo(ChangeCause.THRESHOLD_REACHED);
        assertThat(change.reason()).isEqualTo("spend:EUR reached 350.00 (threshold 350.00 for VIB) in calendar year "
                + "2026-01-01T00:00 to 2026-04-02T11:30");
        assertThat(events).containsExactly(new TierUpgraded(change));
    }

    @Test
    void tierReachedInAYearHoldsThroughTheNextYearThenDropsWhenThatWindowCloses() {
        spend("1200.00", "2026-05-10T12:00");
        spend("400.00", "2027-06-01T12:00");
        engine.assessTiers(at("2027-01-01T00:00", PARIS));
        assertThat(engine.tierAt(ANN, at("2027-12-31T23:59", PARIS)).name()).isEqualTo("Rouge");

        List<TierEvent> atClose = engine.assessTiers(at("2028-01-01T00:00", PARIS));

        assertThat(engine.tierAt(ANN, at("2028-01-01T00:00", PARIS)).name()).isEqualTo("VIB");
        assertThat(atClose).hasSize(1).first().isInstanceOf(TierDowngraded.class);
        TierChange down = ((TierDowngraded) atClose.get(0)).change();
        assertThat(down.at()).isEqualTo(at("2028-01-01T00:00", PARIS));
        assertThat(down.cause()).isEqualTo(ChangeCause.WINDOW_CLOSED);
        assertThat(down.reason()).startsWith("window closed: spend:EUR reached 400.00 (threshold 350.00 for VIB) in "
                + "calendar year 2027-01-01T00:00 to 2028-01-01T00:00");
        assertThat(events).filteredOn(e -> e instanceof TierRetained)
                .containsExactly(new TierRetained(ANN, "Rouge", at("2027-01-01T00:00", PARIS),
                        "window closed: spend:EUR reached 1200.00 (threshold 1000.00 for Rouge) in calendar year "
                                + "2026-01-01T00:00 to 2027-01-01T00:00"));
    }

    @Test
    void purchaseAt2359OnNewYearsEveInProgramZoneCountsInThatYear() {
        spend("300.00", "2026-06-01T12:00");
        Instant lastMinute = at("2026-12-31T23:59", PARIS);
        assertThat(lastMinute).isEqualTo(Instant.parse("2026-12-31T22:59:00Z"));
        spend("50.00", "2026-12-31T23:59");

        assertThat(engine.tierAt(ANN, lastMinute).name()).isEqualTo("VIB");
        assertThat(engine.tierAt(ANN, at("2027-12-31T23:59", PARIS)).name()).isEqualTo("VIB");
        assertThat(engine.tierAt(ANN, at("2028-01-01T00:00", PARIS)).name()).isEqualTo("Insider");
    }

    @Test
    void purchaseAtMidnightNewYearInProgramZoneCountsInTheNewYearEvenThoughItIsStillDecemberInUtc() {
        spend("300.00", "2026-06-01T12:00");
        spend("50.00", "2027-01-01T00:00");
        assertThat(engine.tierAt(ANN, at("2027-01-01T00:00", PARIS)).name()).isEqualTo("Insider");
        assertThat(engine.progress(ANN, at("2027-01-01T00:00", PARIS)).values()).containsEntry(SPEND_EUR,
                new java.math.BigDecimal("50.00"));
    }

    @Test
    void progressShowsValuesWhatIsNeededByWhenAndKeptUntil() {
        spend("420.00", "2026-02-14T15:00");
        TierProgress p = engine.progress(ANN, at("2026-09-01T09:00", PARIS));

        assertThat(p.tier().name()).isEqualTo("VIB");
        assertThat(p.values()).containsExactly(java.util.Map.entry(SPEND_EUR, new java.math.BigDecimal("420.00")));
        assertThat(p.nextTier().map(Tier::name)).contains("Rouge");
        assertThat(p.needed()).containsExactly(java.util.Map.entry(SPEND_EUR, new java.math.BigDecimal("580.00")));
        assertThat(p.deadline()).contains(at("2027-01-01T00:00", PARIS));
        assertThat(p.windowStart()).contains(at("2026-01-01T00:00", PARIS));
        assertThat(p.keptUntil()).contains(at("2028-01-01T00:00", PARIS));
        assertThat(engine.history(ANN)).hasSize(1);
    }

    @Test
    void baseTierIsKeptForGoodAndUnknownMembersHaveNoTierInTheLookup() {
        TierProgress p = engine.progress(MemberId.of("nobody"), at("2026-09-01T09:00", PARIS));
        assertThat(p.tier().name()).isEqualTo("Insider");
        assertThat(p.keptUntil()).isEmpty();
        assertThat(engine.asLookup().tierOf(MemberId.of("nobody"), Instant.EPOCH)).isEqualTo(Optional.empty());
        spend("10.00", "2026-03-01T10:00");
        assertThat(engine.asLookup().tierOf(ANN, at("2026-03-01T10:00", PARIS))).contains("Insider");
    }

    @Test
    void withoutRetentionStatusResetsWhenTheYearCloses() {
        TierEngine noRetention = TierEngine.of(Ladders.beauty().retention(false).build());
        noRetention.record(ANN, Money.of("500.00", "EUR"), at("2026-05-10T12:00", PARIS), key());
        assertThat(noRetention.progress(ANN, at("2026-06-01T00:00", PARIS)).keptUntil())
                .contains(at("2027-01-01T00:00", PARIS));
        assertThat(noRetention.tierAt(ANN, at("2027-01-01T00:00", PARIS)).name()).isEqualTo("Insider");
    }
}
