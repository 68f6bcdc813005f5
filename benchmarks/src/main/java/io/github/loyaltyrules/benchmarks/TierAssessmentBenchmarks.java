package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.AssessmentProgress;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The year-end tier assessment over many members: every member reached Gold in 2024; in 2025 half of
 * them earned enough to keep it and half did not, so the close of 2025 keeps one half and downgrades
 * the other. Each measured call assesses a freshly built engine once (single shot), in batches of
 * 1,000 members; divide by {@code population} for the cost per member. Run with {@code -prof gc}
 * for bytes allocated per member.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class TierAssessmentBenchmarks {

    static final Metric QUALIFYING = Metric.points(Fixtures.PTS);
    static final TierLadder LADDER = TierLadder.builder().zone(Fixtures.ZONE)
            .window(QualificationWindow.calendarYear()).metrics(QUALIFYING)
            .tier(Tier.of("Base"))
            .tier(Tier.of("Silver").withThreshold(QUALIFYING, 500))
            .tier(Tier.of("Gold").withThreshold(QUALIFYING, 2_000))
            .build();

    /** How many members the assessment visits. */
    @Param({"100000"})
    public int population;

    TierEngine engine;

    static Instant at(int year, int month, int day) {
        return LocalDate.of(year, month, day).atStartOfDay(Fixtures.ZONE).toInstant();
    }

    /** Builds an engine where every member qualified for Gold in 2024 and half of them again in 2025. */
    @Setup(Level.Invocation)
    public void setUp() {
        engine = TierEngine.of(LADDER);
        Instant enrolled = at(2024, 1, 1);
        Instant in2024 = at(2024, 5, 1);
        Instant in2025 = at(2025, 5, 1);
        for (int i = 0; i < population; i++) {
            MemberId m = MemberId.of("m" + i);
            engine.enrol(m, enrolled);
            engine.record(m, QUALIFYING, 2_500, in2024, IdempotencyKey.of("a-" + i));
            engine.record(m, QUALIFYING, i % 2 == 0 ? 2_500 : 100, in2025, IdempotencyKey.of("b-" + i));
        }
    }

    /**
     * Assesses every member as of the first moment of 2026.
     *
     * @return how many tier events the assessment produced
     */
    @Benchmark
    public long assess() {
        return engine.assessTiers(at(2026, 1, 1), 1_000, AssessmentProgress.NONE);
    }
}
