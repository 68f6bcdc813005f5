package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.ReplayOrder;
import io.github.loyaltyrules.program.ReplayReport;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * What-if replay throughput over a recorded year on the in-memory stores: {@code receipts}
 * purchases (a million by default) by 10,000 members, spread over a year and recorded under a
 * 10-rule program; the replay runs a candidate of {@code rules} rules (10 by default, the rules of
 * {@link EarnBenchmarks}) over all of them in time order
 * ({@link ReplayOrder#TIME}: every member's records merged by business time, a page at a time from
 * the program store). The primary score is whole replays per second; the secondary score
 * {@code receipts} is receipts replayed per second. Run with {@code -prof gc} for the allocation per
 * replay (divide by {@code receipts}); the setup prints the heap the replay retains half-way through
 * (after a full GC) over the heap the recorded history itself takes, to show that it does not grow
 * with the receipts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class ReplayBenchmarks {

    /** The receipts of the recorded history. */
    @Param({"1000000"})
    public int receipts;

    /** How many rules the candidate has. */
    @Param({"10"})
    public int rules;

    /** How many members the purchases go round-robin over. */
    @Param({"10000"})
    public int members;

    private LoyaltyProgram program;
    private ProgramVersion candidate;
    private Instant from;
    private Instant to;

    /** Records the year, then measures the heap the replay retains half-way through, once. */
    @Setup
    public void setUp() {
        from = Fixtures.T0;
        to = from.plus(Duration.ofDays(366));
        Ledger ledger = Fixtures.ledger(Clock.fixed(to, Fixtures.ZONE));
        program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", EarnProgram.ruleSet(10), List.of()),
                TierLookup.NONE);
        MemberId[] ids = new MemberId[members];
        for (int i = 0; i < members; i++) {
            ids[i] = MemberId.of("m" + i);
            program.enrol(ids[i], from.minusSeconds(86_400));
        }
        long step = Duration.ofDays(365).toNanos() / receipts;
        long started = System.nanoTime();
        for (int n = 0; n < receipts; n++) {
            // members in a scrambled order, so that time order is not member order
            MemberId m = ids[(int) ((n * 7919L) % members)];
            program.purchase(m, EarnProgram.BASKET, from.plusNanos(step * n), Fixtures.key("p", n));
        }
        System.out.printf("%n# history: %,d receipts of %,d members recorded in %.1f s%n", receipts, members,
                (System.nanoTime() - started) / 1e9);
        candidate = ProgramVersion.of("v2", EarnProgram.ruleSet(rules), List.of());
        long history = usedAfterGc();
        long[] halfWay = new long[1];
        replay((done, total) -> {
            if (done == receipts / 2) {
                halfWay[0] = usedAfterGc();
            }
        });
        System.out.printf("# heap: history %,d MB; retained by the replay half-way %,d KB (%,d members)%n",
                history >> 20, (halfWay[0] - history) >> 10, members);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private ReplayReport replay(io.github.loyaltyrules.ledger.ProgressListener progress) {
        ReplayReport report = program.replay(candidate, from, to, ReplayOrder.TIME, m -> { }, progress);
        if (report.activities() != receipts) {
            throw new IllegalStateException("replayed " + report.activities() + " of " + receipts + " receipts");
        }
        return report;
    }

    /** Counts the receipts replayed, which JMH reports per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Receipts {
        /** Receipts replayed so far in the iteration. */
        public long receipts;
    }

    /**
     * Replays the year in time order under the candidate.
     *
     * @param counted counts the receipts replayed
     * @return the report
     */
    @Benchmark
    public ReplayReport replayInTimeOrder(Receipts counted) {
        ReplayReport report = replay(io.github.loyaltyrules.ledger.ProgressListener.NONE);
        counted.receipts += report.activities();
        return report;
    }
}
