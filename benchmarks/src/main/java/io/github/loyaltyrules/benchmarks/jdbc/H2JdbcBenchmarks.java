package io.github.loyaltyrules.benchmarks.jdbc;

import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Postings per second through {@link Ledger} on a {@link JdbcLedgerStore} over embedded, in-memory
 * H2: the many-member earn of {@link JdbcBenchmarks}, on one thread, needing no server. It shows
 * the store's own cost (the member's read, the row statements of schema 2, the driver) without a
 * network round trip.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class H2JdbcBenchmarks {

    private static final Points TEN = JdbcFixtures.PTS.points(10);

    /** How many members the operations go round-robin over. */
    @Param({"10000"})
    public int members;

    private ConnectionPool pool;
    private Ledger ledger;
    private MemberId[] ids;
    private long sequence;

    /** Creates a new in-memory database, migrates it and enrols the members (as rows, many at a time). */
    @Setup(Level.Trial)
    public void setUp() {
        pool = ConnectionPool.of(JdbcFixtures.freshH2Url(), 2);
        JdbcFixtures.reset(pool);
        ledger = JdbcFixtures.ledger(JdbcLedgerStore.of(pool));
        ids = JdbcFixtures.enrol(pool, "m", members);
    }

    /** Closes the connections, and with the last one the in-memory database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }

    /**
     * Earns 10 points for the next of many members, on one thread.
     *
     * @return the posting
     */
    @Benchmark
    @Threads(1)
    public Posting earnManyMembers() {
        MemberId m = ids[(int) (sequence % ids.length)];
        return ledger.earn(m, TEN, JdbcFixtures.T0, JdbcFixtures.key("e", sequence++), "earn");
    }
}
