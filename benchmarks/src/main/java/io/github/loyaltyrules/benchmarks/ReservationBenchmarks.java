package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The two-phase redeem of a checkout: reserve points, then capture the reservation. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ReservationBenchmarks {

    /** How many members the operations go round-robin over. */
    @Param({"20000"})
    public int members;

    private Ledger ledger;
    private MemberId[] ids;
    private long sequence;

    /** Builds the ledger: every member holds one lot large enough for any run. */
    @Setup
    public void setUp() {
        ledger = Fixtures.ledger();
        ids = Fixtures.enrol(ledger, members);
        Fixtures.fill(ledger, ids, 1, 1_000_000_000L);
    }

    /**
     * Reserves one point for 15 minutes and captures the reservation.
     *
     * @return the capture
     */
    @Benchmark
    public Posting reserveThenCapture() {
        MemberId m = ids[(int) (sequence++ % ids.length)];
        IdempotencyKey hold = Fixtures.key("h", sequence);
        ledger.reserve(m, Fixtures.PTS.points(1), Duration.ofMinutes(15), Fixtures.T0, hold, "checkout");
        return ledger.capture(m, hold, Fixtures.T0, Fixtures.key("c", sequence));
    }
}
