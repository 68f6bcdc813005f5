package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import java.util.concurrent.TimeUnit;
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

/**
 * The state the ledger benchmarks share: one in-memory ledger and many enrolled members that the
 * operations visit in turn, so that no member's history grows beyond a real member's during a run.
 * Subclasses give the members their points in {@link #fill()}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public abstract class RoundRobinLedger {

    /** How many members the operations go round-robin over. */
    @Param({"20000"})
    public int members;

    Ledger ledger;
    MemberId[] ids;
    long sequence;

    /** Builds the ledger and enrols the members, then lets the subclass fill them. */
    @Setup
    public void setUp() {
        ledger = Fixtures.ledger();
        ids = Fixtures.enrol(ledger, members);
        fill();
    }

    /** Gives the members what the benchmark needs. */
    abstract void fill();

    /** The next member in turn; also advances {@link #sequence}, which keys use. */
    MemberId next() {
        return ids[(int) (sequence++ % ids.length)];
    }
}
