package io.github.loyaltyrules.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The tier benchmark measures real work: the close of 2025 keeps half the members on Gold and downgrades half. */
class TierAssessmentBenchmarksTest {

    @Test
    void theYearEndKeepsHalfAndDowngradesHalf() {
        TierAssessmentBenchmarks b = new TierAssessmentBenchmarks();
        b.population = 10;
        b.setUp();
        assertThat(b.assess()).as("one event per member: five kept, five downgraded").isEqualTo(10);
        Instant after = TierAssessmentBenchmarks.at(2026, 1, 2);
        for (int i = 0; i < 10; i++) {
            assertThat(b.engine.tierAt(MemberId.of("m" + i), after).name()).as("m" + i)
                    .isEqualTo(i % 2 == 0 ? "Gold" : "Base");
        }
        assertThat(b.assess()).as("a second assessment at the same instant changes nothing").isZero();
    }
}
