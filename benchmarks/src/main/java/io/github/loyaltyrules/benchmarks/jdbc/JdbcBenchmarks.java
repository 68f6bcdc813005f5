package io.github.loyaltyrules.benchmarks.jdbc;

import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Postings per second through {@link Ledger} on a {@link JdbcLedgerStore} over PostgreSQL, on 1 and
 * 2 threads: earning for one hot member (every writer on the same row, so the optimistic versions
 * make writers retry) and for many members (each thread its own slice, as tills serve different
 * customers). The baseline in the same run is the least a durable posting can cost: a bare
 * {@code INSERT} of one row per posting into a one-table schema, with auto-commit, through the same
 * connections.
 *
 * <p>The database is named by the system property {@code loyalty.pg.url} or the environment variable
 * {@code LOYALTY_PG_URL} (e.g. {@code url=$(.ci/postgres.sh)}); its loyalty tables are dropped and
 * re-created for every benchmark. Without either, each benchmark prints that it is skipped and does
 * nothing, so that the smoke tests run anywhere. {@link H2JdbcBenchmarks} has the embedded variant.
 * Connections come from {@link ConnectionPool}, one per thread plus one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JdbcBenchmarks {

    private static final Points TEN = JdbcFixtures.PTS.points(10);

    /** The database, the ledger and the members all threads share. */
    @State(Scope.Benchmark)
    public static class Database {

        /** How many members the many-member workload goes round-robin over. */
        @Param({"10000"})
        public int members;

        boolean skipped;
        ConnectionPool pool;
        CountingStore store;
        Ledger ledger;
        MemberId hot;
        MemberId[] ids;
        private String benchmark;

        /**
         * Empties and migrates the database, then enrols the hot member and, for the many-member
         * benchmarks, {@code members} members.
         *
         * @param params which benchmark this is, and on how many threads
         */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) {
            benchmark = params.getBenchmark();
            ids = new MemberId[members];
            for (int i = 0; i < members; i++) {
                ids[i] = MemberId.of("m" + i);
            }
            String url = JdbcFixtures.postgresUrl();
            if (url == null) {
                skipped = true;
                System.err.println(JdbcFixtures.skipped(benchmark));
                return;
            }
            pool = ConnectionPool.of(url, params.getThreads() + 1);
            JdbcFixtures.reset(pool);
            store = new CountingStore(JdbcLedgerStore.of(pool));
            ledger = JdbcFixtures.ledger(store);
            hot = JdbcFixtures.enrol(ledger, "hot", 1)[0];
            if (benchmark.contains("Many")) {
                ids = JdbcFixtures.enrol(ledger, "m", members);
            }
        }

        /** Says how many commits were stale (retried) and how long the hot member's book grew, then closes the pool. */
        @TearDown(Level.Trial)
        public void tearDown() {
            if (skipped) {
                return;
            }
            if (benchmark.contains("Hot")) {
                System.err.printf("%s: %d commits applied, %d stale (retried); the hot member's stored book is %d chars%n",
                        benchmark, store.applied(), store.stale(), JdbcFixtures.bookLength(pool, hot));
            } else if (benchmark.contains("Many")) {
                System.err.printf("%s: %d commits applied (enrolments included), %d stale (retried)%n",
                        benchmark, store.applied(), store.stale());
            }
            pool.close();
        }
    }

    /** One till: its slice of the members and its own key sequence. */
    @State(Scope.Thread)
    public static class Till {
        int from;
        int count;
        long sequence;
        String prefix;

        /**
         * Takes this thread's slice of the members.
         *
         * @param db the shared state
         * @param thread which thread this is
         */
        @Setup(Level.Trial)
        public void setUp(Database db, ThreadParams thread) {
            count = Math.max(1, db.ids.length / thread.getThreadCount());
            from = Math.min(thread.getThreadIndex() * count, db.ids.length - count);
            prefix = "t" + thread.getThreadIndex() + "-";
        }

        MemberId next(Database db) {
            return db.ids[from + (int) (sequence % count)];
        }
    }

    private static Posting earnHot(Database db, Till till) {
        if (db.skipped) {
            return null;
        }
        return db.ledger.earn(db.hot, TEN, JdbcFixtures.T0, JdbcFixtures.key(till.prefix, till.sequence++), "earn");
    }

    private static Posting earnMany(Database db, Till till) {
        if (db.skipped) {
            return null;
        }
        MemberId m = till.next(db);
        return db.ledger.earn(m, TEN, JdbcFixtures.T0, JdbcFixtures.key(till.prefix, till.sequence++), "earn");
    }

    private static int bare(Database db, Till till) throws SQLException {
        if (db.skipped) {
            return 0;
        }
        MemberId m = till.next(db);
        try (Connection c = db.pool.getConnection(); PreparedStatement p = c.prepareStatement(JdbcFixtures.BARE_INSERT)) {
            p.setString(1, till.prefix + till.sequence++);
            p.setString(2, m.value());
            p.setLong(3, 10);
            return p.executeUpdate();
        }
    }

    /**
     * Earns 10 points for the one hot member, on one thread.
     *
     * @param db the database
     * @param till this thread's keys
     * @return the posting
     */
    @Benchmark
    @Threads(1)
    public Posting earnHotMember(Database db, Till till) {
        return earnHot(db, till);
    }

    /**
     * Earns 10 points for the one hot member, on two threads at once.
     *
     * @param db the database
     * @param till this thread's keys
     * @return the posting
     */
    @Benchmark
    @Threads(2)
    public Posting earnHotMemberTwoThreads(Database db, Till till) {
        return earnHot(db, till);
    }

    /**
     * Earns 10 points for the next of many members, on one thread.
     *
     * @param db the database
     * @param till this thread's members and keys
     * @return the posting
     */
    @Benchmark
    @Threads(1)
    public Posting earnManyMembers(Database db, Till till) {
        return earnMany(db, till);
    }

    /**
     * Earns 10 points for the next of this thread's members, on two threads at once.
     *
     * @param db the database
     * @param till this thread's members and keys
     * @return the posting
     */
    @Benchmark
    @Threads(2)
    public Posting earnManyMembersTwoThreads(Database db, Till till) {
        return earnMany(db, till);
    }

    /**
     * The baseline: inserts one row with auto-commit, on one thread.
     *
     * @param db the database
     * @param till this thread's keys
     * @return the update count
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Threads(1)
    public int bareInsert(Database db, Till till) throws SQLException {
        return bare(db, till);
    }

    /**
     * The baseline: inserts one row with auto-commit, on two threads at once.
     *
     * @param db the database
     * @param till this thread's keys
     * @return the update count
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Threads(2)
    public int bareInsertTwoThreads(Database db, Till till) throws SQLException {
        return bare(db, till);
    }
}
