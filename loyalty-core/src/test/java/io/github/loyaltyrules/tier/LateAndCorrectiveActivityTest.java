package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.PARIS;
import static io.github.loyaltyrules.tier.Ladders.SPEND_EUR;
import static io.github.loyaltyrules.tier.Ladders.at;
import static io.github.loyaltyrules.tier.Ladders.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Activity that arrives late counts in its own window; corrections and listeners behave. */
class LateAndCorrectiveActivityTest {

    private static final MemberId GIL = MemberId.of("gil");

    @Test
    void decemberPurchaseRecordedInFebruaryCountsForLastYearAndUpgradesWhenRecorded() {
        TierEngine engine = TierEngine.of(Ladders.beauty().build());
        engine.record(GIL, Money.of("300.00", "EUR"), at("2026-11-01T10:00", PARIS), key());
        engine.assessTiers(at("2027-02-01T00:00", PARIS));
        assertThat(engine.tierAt(GIL, at("2027-02-01T00:00", PARIS)).name()).isEqualTo("Insider");

        engine.record(GIL, Money.of("60.00", "EUR"), at("2026-12-31T23:59", PARIS), key());

        assertThat(engine.tierAt(GIL, at("2027-02-01T00:00", PARIS)).name()).isEqualTo("VIB");
        TierChange up = engine.history(GIL).get(0);
        assertThat(up.at()).as("takes effect when recorded, not in the past").isEqualTo(at("2027-02-01T00:00", PARIS));
        assertThat(up.reason()).isEqualTo("spend:EUR reached 360.00 (threshold 350.00 for VIB) in calendar year "
                + "2026-01-01T00:00 to 2027-01-01T00:00");
        assertThat(engine.tierAt(GIL, at("2027-12-31T23:59", PARIS)).name()).isEqualTo("VIB");
        assertThat(engine.tierAt(GIL, at("2026-12-31T23:59", PARIS)).name()).as("history is not rewritten")
                .isEqualTo("Insider");
    }

    @Test
    void negativeRecordIsACorrectionInTheWindowOfItsInstant() {
        TierEngine engine = TierEngine.of(Ladders.beauty().build());
        engine.record(GIL, Money.of("300.00", "EUR"), at("2026-03-01T10:00", PARIS), key());
        engine.record(GIL, Money.of("-40.00", "EUR"), at("2026-03-02T10:00", PARIS), key());
        assertThat(engine.progress(GIL, at("2026-03-03T00:00", PARIS)).values())
                .containsEntry(SPEND_EUR, new BigDecimal("260.00"));
        assertThat(engine.progress(GIL, at("2026-03-03T00:00", PARIS)).needed())
                .containsEntry(SPEND_EUR, new BigDecimal("90.00"));
    }

    @Test
    void listenerMayQueryTheEngineBecauseEventsAreDeliveredOutsideTheLock() {
        List<String> seen = new ArrayList<>();
        TierEngine[] holder = new TierEngine[1];
        holder[0] = TierEngine.of(Ladders.beauty().build(),
                e -> seen.add(holder[0].tierAt(e.member(), e.at()).name()));
        holder[0].record(GIL, Money.of("1000.00", "EUR"), at("2026-03-01T10:00", PARIS), key());
        assertThat(seen).containsExactly("Rouge");
    }

    @Test
    void replayingAnActivityWithTheSameKeyReturnsTheCurrentTierAndChangesNothing() {
        TierEngine engine = TierEngine.of(Ladders.beauty().build());
        var k = key();
        engine.record(GIL, Money.of("400.00", "EUR"), at("2026-03-01T10:00", PARIS), k);
        Tier again = engine.record(GIL, Money.of("400.00", "EUR"), at("2026-03-01T10:00", PARIS), k);
        assertThat(again.name()).isEqualTo("VIB");
        assertThat(engine.progress(GIL, at("2026-03-02T00:00", PARIS)).values())
                .containsEntry(SPEND_EUR, new BigDecimal("400.00"));
        assertThat(engine.history(GIL)).hasSize(1);
    }
}
