package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.ExpirySweep;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
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
 * The nightly expiry sweep over many members, each holding two lots of which one has expired. Each
 * measured call sweeps a freshly built ledger once (single shot); divide by {@code population} for the
 * cost per member. Run with {@code -prof gc} for bytes allocated per member.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class ExpirySweepBenchmarks {

    static final PointCurrency EXPIRING = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6)));

    /** How many members the sweep scans. */
    @Param({"100000"})
    public int population;

    private Ledger ledger;

    /** Builds a ledger where every member has one lot from a year ago and one from yesterday. */
    @Setup(Level.Invocation)
    public void setUp() {
        ledger = Ledger.builder().zone(Fixtures.ZONE).clock(Clock.fixed(Fixtures.T0, Fixtures.ZONE))
                .currency(EXPIRING).build();
        Instant yearAgo = Fixtures.T0.minusSeconds(366L * 86_400);
        for (int i = 0; i < population; i++) {
            MemberId m = MemberId.of("m" + i);
            ledger.enrol(m, yearAgo.minusSeconds(60));
            ledger.earn(m, EXPIRING.points(100), yearAgo, IdempotencyKey.of("old-" + i), "old");
            ledger.earn(m, EXPIRING.points(50), Fixtures.T0.minusSeconds(86_400), IdempotencyKey.of("new-" + i), "new");
        }
    }

    /**
     * Sweeps every member as of now.
     *
     * @return the sweep's summary
     */
    @Benchmark
    public ExpirySweep sweep() {
        return ledger.expire(Fixtures.T0);
    }
}
