package io.github.loyaltyrules.benchmarks.jdbc;

import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingRequest;
import io.github.loyaltyrules.ledger.spi.ForwardingLedgerStore;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 *
 * <p>History: {@code earnRedeemHotMemberAfterHistory} posts for the hot member after a history of
 * {@code history} earlier postings made in the set-up (earns of 10 points and redemptions of them,
 * alternately, so all but the last lot are spent), itself earning 10 points and redeeming them
 * alternately so that the member never holds more than one open lot. Schema 2 reads a member's row,
 * purses and open lots, never spent lots or old postings, so its time per posting and, with
 * {@code -prof gc}, its {@code gc.alloc.rate.norm} should be the same for {@code history} 0 and
 * 10000. ({@code earnHotMember} only earns: its hot member's open lots, which every posting reads,
 * grow by one per posting; the tear-down prints how many there were.)
 *
 * <p>Locking: the {@code optimistic*} and {@code locked*} benchmarks compare the two ways to keep
 * concurrent writers of one member correct, on four threads, with the statements a posting of
 * schema 2 makes ({@link RowPosting}: the read of the member's row, purse and open lots, then
 * {@code UPDATE loyalty_member ... WHERE version = ?}, {@code UPDATE loyalty_purse}, {@code INSERT}
 * or {@code UPDATE loyalty_lot}, {@code INSERT loyalty_posting_key}, {@code INSERT loyalty_posting}
 * and {@code INSERT loyalty_entry}) on the same rows: optimistic versions as {@link JdbcLedgerStore}
 * does them (read, then in one transaction write only if the member's version is unchanged; on a
 * stale version roll back and start again), against a row lock held across the read ({@code SELECT
 * ... FOR UPDATE} of the member row, the read, the writes, commit, in one transaction: one statement
 * more). Each member earns 10 points and redeems them alternately, so its working set stays at
 * one lot at most. They measure the protocol only: the ledger's computing between read and write
 * is left out (it is the same for both). {@code bareInsertFourThreads} is their baseline on the
 * same thread count.
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

        /**
         * How many members' working sets the store keeps (its default); with 0 every posting reads
         * its member and key before it writes.
         */
        @Param({"16384"})
        public int cache;

        boolean skipped;
        ConnectionPool pool;
        CountingStore store;
        Ledger ledger;
        MemberId hot;
        MemberId[] ids;
        String benchmark;

        /**
         * Empties and migrates the database, then enrols the hot member through the ledger and,
         * for the many-member benchmarks, {@code members} members as rows.
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
            store = new CountingStore(JdbcLedgerStore.of(pool).withWorkingSetCache(cache));
            ledger = JdbcFixtures.ledger(store);
            hot = JdbcFixtures.enrol(ledger, "hot", 1)[0];
            if (benchmark.contains("Many")) {
                ids = JdbcFixtures.enrol(pool, "m", members);
            }
            store.reset();
        }

        /**
         * Says how many commits were stale (retried) and how many lot rows the hot member has, open
         * (read by every posting) and in all, then closes the pool.
         */
        @TearDown(Level.Trial)
        public void tearDown() {
            if (skipped) {
                return;
            }
            if (benchmark.contains("Hot")) {
                long[] lots = JdbcFixtures.lotRows(pool, hot);
                System.err.printf("%s: %d commits applied, %d stale (retried); the hot member has %d open lots"
                        + " (%d lot rows in all)%n", benchmark, store.applied(), store.stale(), lots[0], lots[1]);
            } else if (benchmark.contains("Many")) {
                System.err.printf("%s: %d commits applied, %d stale (retried)%n",
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

    /** The hot member's history, made before the measurement. */
    @State(Scope.Benchmark)
    public static class History {

        /** How many postings the hot member has before the measurement. */
        @Param({"0", "10000"})
        public int history;

        /**
         * Makes the hot member's history (see {@link JdbcFixtures#history}) and says how long it took.
         *
         * @param db the database, with the hot member enrolled
         */
        @Setup(Level.Trial)
        public void setUp(Database db) {
            if (db.skipped || history == 0) {
                return;
            }
            long start = System.nanoTime();
            JdbcFixtures.history(db.ledger, db.hot, history);
            System.err.printf("%s: a history of %d postings made in %d ms%n", db.benchmark, history,
                    (System.nanoTime() - start) / 1_000_000);
            db.store.reset();
        }
    }

    /** The hot member holding many open lots, and the ledger a redemption goes through. */
    @State(Scope.Benchmark)
    public static class Held {

        /** How many open lots the hot member holds before the measurement. */
        @Param({"100", "10000"})
        public int lots;

        /**
         * How a spend reads the lots: {@code spendingOrder} through the store's index (the first few
         * lots it takes), {@code allOpenLots} by reading every open lot and sorting them (what every
         * redemption did before schema 7), the baseline.
         */
        @Param({"spendingOrder", "allOpenLots"})
        public String read;

        Ledger ledger;

        /**
         * Earns {@code lots} lots of 100,000 points for the hot member, in linked batches, so that a
         * redemption of one point takes from the first lot and never runs out.
         *
         * @param db the database, with the hot member enrolled
         */
        @Setup(Level.Trial)
        public void setUp(Database db) {
            if (db.skipped) {
                return;
            }
            List<PostingRequest> batch = new ArrayList<>();
            for (int i = 0; i < lots; i++) {
                batch.add(new PostingRequest.Earn(db.hot, JdbcFixtures.PTS.points(100_000), JdbcFixtures.T0,
                        JdbcFixtures.key("held-", i), "earn"));
                if (batch.size() == 100 || i == lots - 1) {
                    db.ledger.post(batch);
                    batch.clear();
                }
            }
            ledger = read.equals("allOpenLots") ? JdbcFixtures.ledger(new ReadsAllOpenLots(db.store)) : db.ledger;
        }
    }

    /** A store that answers a spend's read-ahead by reading every open lot and sorting them. */
    static final class ReadsAllOpenLots extends ForwardingLedgerStore {
        ReadsAllOpenLots(LedgerStore target) {
            super(target);
        }

        @Override
        public List<Lot> lotsToSpend(MemberId member, String currency, Instant at, int limit) {
            List<Lot> open = new ArrayList<>();
            for (Lot lot : openLots(member, currency)) {
                if (lot.expiresAt() == null || lot.expiresAt().isAfter(at)) {
                    open.add(lot);
                }
            }
            open.sort(Comparator.comparing(Lot::expiresAt, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(Lot::earnedAt).thenComparing(Lot::id));
            return open.size() <= limit ? open : new ArrayList<>(open.subList(0, limit));
        }
    }

    /**
     * Redeems one point from the hot member, who holds {@code lots} open lots; on one thread.
     *
     * @param db the database
     * @param held the hot member's lots and the ledger to redeem through
     * @param till this thread's keys
     * @return the posting
     */
    @Benchmark
    @Threads(1)
    public Posting redeemHotMemberHoldingLots(Database db, Held held, Till till) {
        if (db.skipped) {
            return null;
        }
        return held.ledger.redeem(db.hot, JdbcFixtures.PTS.points(1), JdbcFixtures.T0,
                JdbcFixtures.key(till.prefix + "r", till.sequence++), "redeem");
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
     * Earns 10 points for the hot member, or redeems the 10 it holds, alternately, after a history
     * of {@code history} postings; on one thread.
     *
     * @param db the database
     * @param history the hot member's history
     * @param till this thread's keys
     * @return the posting
     */
    @Benchmark
    @Threads(1)
    public Posting earnRedeemHotMemberAfterHistory(Database db, History history, Till till) {
        if (db.skipped) {
            return null;
        }
        long n = till.sequence++;
        return n % 2 == 0 ? db.ledger.earn(db.hot, TEN, JdbcFixtures.T0, JdbcFixtures.key(till.prefix, n), "earn")
                : db.ledger.redeem(db.hot, TEN, JdbcFixtures.T0, JdbcFixtures.key(till.prefix, n), "redeem");
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

    // ------------------------------------------------------------------ locking protocols

    /** A database prepared for the locking comparison: the hot member and {@code members} more, enrolled. */
    @State(Scope.Benchmark)
    public static class Protocol {

        /** How many members the many-member workload goes round-robin over. */
        @Param({"10000"})
        public int members;

        boolean skipped;
        ConnectionPool pool;
        String[] ids;
        final LongAdder stale = new LongAdder();
        final LongAdder written = new LongAdder();
        private String benchmark;

        /**
         * Empties and migrates the database and enrols the hot member ({@code ids[0]}) and
         * {@code members} more.
         *
         * @param params which benchmark this is, and on how many threads
         */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) {
            benchmark = params.getBenchmark();
            String url = JdbcFixtures.postgresUrl();
            if (url == null) {
                skipped = true;
                System.err.println(JdbcFixtures.skipped(benchmark));
                return;
            }
            pool = ConnectionPool.of(url, params.getThreads() + 1);
            JdbcFixtures.reset(pool);
            MemberId[] enrolled = JdbcFixtures.enrol(pool, "p", members + 1);
            ids = new String[enrolled.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = enrolled[i].value();
            }
        }

        /** Says how many optimistic attempts were stale, then closes the pool. */
        @TearDown(Level.Trial)
        public void tearDown() {
            if (skipped) {
                return;
            }
            System.err.printf("%s: %d postings written, %d stale attempts (retried)%n", benchmark, written.sum(),
                    stale.sum());
            pool.close();
        }
    }

    /** One till of the locking comparison: its slice of the members and its own key sequence. */
    @State(Scope.Thread)
    public static class ProtocolTill {
        int from;
        int count;
        long sequence;
        String prefix;

        /**
         * Takes this thread's slice of the (non-hot) members.
         *
         * @param db the shared state
         * @param thread which thread this is
         */
        @Setup(Level.Trial)
        public void setUp(Protocol db, ThreadParams thread) {
            int n = Math.max(1, db.members);
            count = Math.max(1, n / thread.getThreadCount());
            from = 1 + Math.min(thread.getThreadIndex() * count, n - count);
            prefix = "p" + thread.getThreadIndex() + "-";
        }
    }

    private static int optimistic(Protocol db, ProtocolTill till, String member) throws SQLException {
        if (db.skipped) {
            return 0;
        }
        RowPosting.optimistic(db.pool, member, till.prefix + till.sequence++, db.stale);
        db.written.increment();
        return 1;
    }

    private static int locked(Protocol db, ProtocolTill till, String member) throws SQLException {
        if (db.skipped) {
            return 0;
        }
        RowPosting.locked(db.pool, member, till.prefix + till.sequence++);
        db.written.increment();
        return 1;
    }

    private static String nextMember(Protocol db, ProtocolTill till) {
        return db.ids[till.from + (int) (till.sequence % till.count)];
    }

    /**
     * Optimistic versions: a posting for the one hot member, on four threads at once.
     *
     * @param db the database
     * @param till this thread's keys
     * @return 1
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Threads(4)
    public int optimisticHotMemberFourThreads(Protocol db, ProtocolTill till) throws SQLException {
        return db.skipped ? 0 : optimistic(db, till, db.ids[0]);
    }

    /**
     * Row locks: a posting for the one hot member, on four threads at once.
     *
     * @param db the database
     * @param till this thread's keys
     * @return 1
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Threads(4)
    public int lockedHotMemberFourThreads(Protocol db, ProtocolTill till) throws SQLException {
        return db.skipped ? 0 : locked(db, till, db.ids[0]);
    }

    /**
     * Optimistic versions: a posting for the next of this thread's members, on four threads at once.
     *
     * @param db the database
     * @param till this thread's members and keys
     * @return 1
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Threads(4)
    public int optimisticManyMembersFourThreads(Protocol db, ProtocolTill till) throws SQLException {
        return db.skipped ? 0 : optimistic(db, till, nextMember(db, till));
    }

    /**
     * Row locks: a posting for the next of this thread's members, on four threads at once.
     *
     * @param db the database
     * @param till this thread's members and keys
     * @return 1
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Threads(4)
    public int lockedManyMembersFourThreads(Protocol db, ProtocolTill till) throws SQLException {
        return db.skipped ? 0 : locked(db, till, nextMember(db, till));
    }

    /**
     * The baseline: inserts one row with auto-commit, on four threads at once.
     *
     * @param db the database
     * @param till this thread's keys
     * @return the update count
     * @throws SQLException if the database fails
     */
    @Benchmark
    @Threads(4)
    public int bareInsertFourThreads(Database db, Till till) throws SQLException {
        return bare(db, till);
    }
}
