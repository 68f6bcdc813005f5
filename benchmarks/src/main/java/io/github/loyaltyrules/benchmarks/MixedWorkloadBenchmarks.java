package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A till's mix over one shared ledger: 70% earn, 20% balance read, 10% redeem, on 1 and on 2
 * threads. Each thread serves its own members (as tills serve different customers), so the two
 * figures show how far the ledger scales when nothing contends.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class MixedWorkloadBenchmarks {

    /** The ledger all threads share. */
    @State(Scope.Benchmark)
    public static class Shared {

        /** How many members the program has. */
        @Param({"100000"})
        public int members;

        Ledger ledger;
        MemberId[] ids;

        /** Enrols the members, each with some points to redeem. */
        @Setup
        public void setUp() {
            ledger = Fixtures.ledger();
            ids = Fixtures.enrol(ledger, members);
            Fixtures.fill(ledger, ids, 1, 1_000);
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
            prefix = "t" + thread.getThreadIndex() + "-";
        }
    }

    /**
     * One operation of the mix on one thread.
     *
     * @param shared the ledger
     * @param till this thread's state
     * @param bh sink for the balance read
     */
    @Benchmark
    @Threads(1)
    public void mixOneThread(Shared shared, Till till, Blackhole bh) {
        step(shared, till, bh);
    }

    /**
     * One operation of the mix on each of two threads.
     *
     * @param shared the ledger
     * @param till this thread's state
     * @param bh sink for the balance read
     */
    @Benchmark
    @Threads(2)
    public void mixTwoThreads(Shared shared, Till till, Blackhole bh) {
        step(shared, till, bh);
    }

    static void step(Shared shared, Till till, Blackhole bh) {
        long s = till.sequence++;
        MemberId m = shared.ids[till.from + (int) (s % till.count)];
        int kind = (int) (s % 10);
        if (kind < 7) {
            bh.consume(shared.ledger.earn(m, Fixtures.PTS.points(10), Fixtures.T0, Fixtures.key(till.prefix, s), "earn"));
        } else if (kind < 9) {
            bh.consume(shared.ledger.balance(m, Fixtures.PTS));
        } else {
            bh.consume(shared.ledger.redeem(m, Fixtures.PTS.points(5), Fixtures.T0, Fixtures.key(till.prefix, s),
                    "redeem"));
        }
    }
}
