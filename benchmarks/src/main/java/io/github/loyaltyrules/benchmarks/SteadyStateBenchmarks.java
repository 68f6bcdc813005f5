package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.OutsideWindowException;
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
 * steady state: business time runs with a clock ({@link #SPEED} times as fast as the wall clock)
 * and the idempotency window is one minute of it, so the ledger forgets postings as fast as it keeps
 * them, as a ledger in service does once its window has passed.
 *
 * <p>An earn opens a lot that no one spends, so in {@code earn*} the members' open lots (which the
 * ledger must keep) grow throughout the run, and the collector copies them; in {@code earnAndSpend*}
 * each member spends what they earn, and the live heap stays the same size.
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

    /**
     * How much faster than the wall clock business time runs: an hour a second, so that the
     * one-minute window holds a few thousand postings (a sixtieth of a second's worth), as
     * {@link LedgerFloorBenchmarks}' window does, and the collector does not copy a second's worth of
     * postings at every pause.
     */
    static final long SPEED = 3_600;

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

    /** One thread's own floor ({@link LedgerFloor}), holding the same number of members as its till. */
    @State(Scope.Thread)
    public static class OwnFloor {
        LedgerFloor floor;
        MemberId[] ids;
        long sequence;

        /**
         * Enrols this thread's share of the members in a floor of its own.
         *
         * @param shared the ledger, for the members
         * @param thread which thread this is
         */
        @Setup
        public void setUp(Shared shared, ThreadParams thread) {
            int count = shared.ids.length / thread.getThreadCount();
            ids = java.util.Arrays.copyOfRange(shared.ids, thread.getThreadIndex() * count,
                    (thread.getThreadIndex() + 1) * count);
            floor = new LedgerFloor();
            for (MemberId m : ids) {
                floor.enrol(m);
            }
        }
    }

    /**
     * The floor's earn and redemption on one thread: how far the machine itself scales a
     * memory-bound map workload with nothing shared, the baseline for the ledger's figures.
     *
     * @param own this thread's floor
     * @return what the redemption took
     */
    @Benchmark
    @Threads(1)
    public Object floorEarnAndSpendOneThread(OwnFloor own) {
        return floorEarnAndSpend(own);
    }

    /**
     * The floor's earn and redemption on each of two threads, each with a floor of its own.
     *
     * @param own this thread's floor
     * @return what the redemption took
     */
    @Benchmark
    @Threads(2)
    public Object floorEarnAndSpendTwoThreads(OwnFloor own) {
        return floorEarnAndSpend(own);
    }

    private static Object floorEarnAndSpend(OwnFloor own) {
        MemberId m = own.ids[(int) (own.sequence++ % own.ids.length)];
        own.floor.earn(m, 10);
        return own.floor.redeem(m, 10);
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

    /**
     * One earn and one redemption of the same points, for one member, on one thread: the member's
     * open lots stay as many as they were, so the live heap stays the same size throughout.
     *
     * @param shared the ledger
     * @param till this thread's state
     * @return the redemption
     */
    @Benchmark
    @Threads(1)
    public Object earnAndSpendOneThread(Shared shared, Till till) {
        return earnAndSpend(shared, till);
    }

    /**
     * One earn and one redemption of the same points on each of two threads.
     *
     * @param shared the ledger
     * @param till this thread's state
     * @return the redemption
     */
    @Benchmark
    @Threads(2)
    public Object earnAndSpendTwoThreads(Shared shared, Till till) {
        return earnAndSpend(shared, till);
    }

    private static Object earnAndSpend(Shared shared, Till till) {
        long s = till.sequence++;
        MemberId m = shared.ids[till.from + (int) (s % till.count)];
        IdempotencyKey earn = Fixtures.key(till.prefix, s);
        IdempotencyKey spend = Fixtures.key(till.prefix + "r", s);
        now(shared, at -> shared.ledger.earn(m, Fixtures.PTS.points(10), at, earn, "earn"));
        return now(shared, at -> shared.ledger.redeem(m, Fixtures.PTS.points(10), at, spend, "redeem"));
    }

    /**
     * Posts at the clock's time; if the thread stood still (a collection) while business time ran
     * past the window, posts again at the new time, as a till would.
     */
    private static Object now(Shared shared, java.util.function.Function<Instant, Object> post) {
        while (true) {
            try {
                return post.apply(shared.clock.instant());
            } catch (OutsideWindowException paused) {
                // nothing was posted: try again now
            }
        }
    }

    private static Object earn(Shared shared, Till till) {
        long s = till.sequence++;
        MemberId m = shared.ids[till.from + (int) (s % till.count)];
        IdempotencyKey key = Fixtures.key(till.prefix, s);
        return now(shared, at -> shared.ledger.earn(m, Fixtures.PTS.points(10), at, key, "earn"));
    }
}
