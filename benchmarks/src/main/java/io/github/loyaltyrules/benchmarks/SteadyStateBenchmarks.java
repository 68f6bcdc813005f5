package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Earns on 1 and on 2 threads, each thread on its own members, against an in-memory ledger in its
 * steady state: business time runs with a clock (sixty times as fast as the wall clock) and the
 * idempotency window is one minute of it, so the ledger forgets about a second's worth of postings
 * as it keeps a second's worth, as a ledger in service does once its window has passed.
 *
 * <p>{@link MixedWorkloadBenchmarks} keeps every posting of the run instead (its business time
 * stands still inside a window of 400 days); its two-thread figure is bounded by the collector
 * copying all they keep. The pair here shows how far the ledger's own work scales.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class SteadyStateBenchmarks {

    /** How much faster than the wall clock business time runs. */
    static final long SPEED = 60;

    /**
     * A clock that runs {@link #SPEED} times as fast as the wall clock from {@link Fixtures#T0}; every
     * thread reads it, none writes it.
     */
    static final class FastClock extends Clock {
        private final long startNanos = System.nanoTime();

        @Override
        public Instant instant() {
            long nanos = (System.nanoTime() - startNanos) * SPEED;
            return Instant.ofEpochSecond(Fixtures.T0.getEpochSecond() + nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        }

        @Override
        public ZoneId getZone() {
            return Fixtures.ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a benchmark clock keeps its zone");
        }
    }

    /** The ledger all threads share. */
    @State(Scope.Benchmark)
    public static class Shared {

        /** How many members the program has, split evenly between the threads. */
        @Param({"100000"})
        public int members;

        FastClock clock;
        Ledger ledger;
        MemberId[] ids;

        /** Enrols the members. */
        @Setup
        public void setUp() {
            clock = new FastClock();
            ledger = Ledger.builder().zone(Fixtures.ZONE).clock(clock).currency(Fixtures.PTS)
                    .idempotencyWindow(Duration.ofMinutes(1)).build();
            ids = Fixtures.enrol(ledger, members);
        }
    }

    /** One till: its share of the members and its own key sequence. */
    @State(Scope.Thread)
    public static class Till {
        int from;
        int count;
        long sequence;
        String prefix;

        /**
         * Takes this thread's slice of the members.
         *
         * @param shared the ledger
         * @param thread which thread this is
         */
        @Setup
        public void setUp(Shared shared, ThreadParams thread) {
            count = shared.ids.length / thread.getThreadCount();
            from = thread.getThreadIndex() * count;
            prefix = "s" + thread.getThreadIndex() + "-";
        }
    }

    /**
     * One earn on one thread.
     *
     * @param shared the ledger
     * @param till this thread's state
     * @return the posting
     */
    @Benchmark
    @Threads(1)
    public Object earnOneThread(Shared shared, Till till) {
        return earn(shared, till);
    }

    /**
     * One earn on each of two threads.
     *
     * @param shared the ledger
     * @param till this thread's state
     * @return the posting
     */
    @Benchmark
    @Threads(2)
    public Object earnTwoThreads(Shared shared, Till till) {
        return earn(shared, till);
    }

    private static Object earn(Shared shared, Till till) {
        long s = till.sequence++;
        MemberId m = shared.ids[till.from + (int) (s % till.count)];
        return shared.ledger.earn(m, Fixtures.PTS.points(10), shared.clock.instant(), Fixtures.key(till.prefix, s),
                "earn");
    }
}
