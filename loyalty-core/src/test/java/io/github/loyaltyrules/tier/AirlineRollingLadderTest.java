package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.FLIGHTS;
import static io.github.loyaltyrules.tier.Ladders.TQP;
import static io.github.loyaltyrules.tier.Ladders.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An airline's rolling-12-month ladder: Silver 30,000 TQP or 30 flights, Gold 60,000 TQP or 60 flights. */
class AirlineRollingLadderTest {

    private static final MemberId DAN = MemberId.of("dan");

    @Test
    void upgradesWhenTheLastTwelveMonthsReachTheThreshold() {
        TierEngine engine = TierEngine.of(Ladders.airline().retention(false).build());
        engine.record(DAN, TQP.points(20_000), Instant.parse("2025-03-10T08:00:00Z"), key());
        engine.record(DAN, TQP.points(10_000), Instant.parse("2026-04-01T08:00:00Z"), key());
        assertThat(engine.tierAt(DAN, Instant.parse("2026-04-01T08:00:00Z")).name())
                .as("the March 2025 flight is more than 12 months old").isEqualTo("Blue");
        engine.record(DAN, TQP.points(20_000), Instant.parse("2026-09-15T08:00:00Z"), key());
        assertThat(engine.tierAt(DAN, Instant.parse("2026-09-15T08:00:00Z")).name()).isEqualTo("Silver");
    }

    @Test
    void dropsAtTheFirstMonthlyCloseWhenOldActivityLeavesTheWindow() {
        TierEngine engine = TierEngine.of(Ladders.airline().retention(false).build());
        engine.record(DAN, FLIGHTS, 20, Instant.parse("2026-01-20T08:00:00Z"), key());
        engine.record(DAN, FLIGHTS, 10, Instant.parse("2026-06-20T08:00:00Z"), key());

        TierProgress p = engine.progress(DAN, Instant.parse("2026-07-01T00:00:00Z"));
        assertThat(p.tier().name()).isEqualTo("Silver");
        assertThat(p.keptUntil()).contains(Instant.parse("2027-02-01T00:00:00Z"));
        assertThat(p.deadline()).isEmpty();
        assertThat(engine.tierAt(DAN, Instant.parse("2027-01-31T23:59:59Z")).name()).isEqualTo("Silver");
        assertThat(engine.tierAt(DAN, Instant.parse("2027-02-01T00:00:00Z")).name()).isEqualTo("Blue");
    }

    @Test
    void withRetentionTheMonthlyCloseAssessesTheTwelveMonthsBeforeIt() {
        TierEngine engine = TierEngine.of(Ladders.airline().build());
        engine.record(DAN, TQP.points(60_000), Instant.parse("2026-01-20T08:00:00Z"), key());
        assertThat(engine.tierAt(DAN, Instant.parse("2027-01-31T23:59:59Z")).name()).isEqualTo("Gold");
        assertThat(engine.tierAt(DAN, Instant.parse("2027-02-01T00:00:00Z")).name()).isEqualTo("Blue");
    }
}
