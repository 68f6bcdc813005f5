package io.github.loyaltyrules.benchmarks.jdbc;

import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * <p>Locking: the {@code optimistic*} and {@code locked*} benchmarks compare the two ways to keep
 * concurrent writers of one member correct, on four threads, with the statements and row sizes of a
 * real posting (a member's book, a posting row, an entry row, copied from a real earn): optimistic
 * versions as {@link JdbcLedgerStore} does them (read the row, then in one transaction update it
 * only if its version is unchanged, insert the posting and the entry; on a stale version roll back
 * and start again), against a row lock held across the read ({@code SELECT ... FOR UPDATE}, update,
 * inserts, commit, in one transaction). They measure the protocol only: the ledger's computing
 * between read and write is left out (it is the same for both), and the book written back keeps its
 * size, whereas a real hot member's book grows with every lot. {@code bareInsertFourThreads} is their
 * baseline on the same thread count.
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

    // ------------------------------------------------------------------ locking protocols

    /** A database prepared for the locking comparison: member rows carrying a real book, and real posting and entry bodies. */
    @State(Scope.Benchmark)
    public static class Protocol {

        /** How many members the many-member workload goes round-robin over. */
        @Param({"10000"})
        public int members;

        boolean skipped;
        ConnectionPool pool;
        String book;
        String postingBody;
        String entryBody;
        String[] ids;
        final LongAdder stale = new LongAdder();
        final LongAdder written = new LongAdder();
        private String benchmark;

        /**
         * Empties and migrates the database, makes one real earn to copy its book, posting and entry
         * bodies, and inserts the hot member's row and {@code members} more rows with that book.
         *
         * @param params which benchmark this is, and on how many threads
         * @throws SQLException if the database fails
         */
        @Setup(Level.Trial)
        public void setUp(BenchmarkParams params) throws SQLException {
            benchmark = params.getBenchmark();
            String url = JdbcFixtures.postgresUrl();
            if (url == null) {
                skipped = true;
                System.err.println(JdbcFixtures.skipped(benchmark));
                return;
            }
            pool = ConnectionPool.of(url, params.getThreads() + 1);
            JdbcFixtures.reset(pool);
            Ledger ledger = JdbcFixtures.ledger(JdbcLedgerStore.of(pool));
            MemberId template = JdbcFixtures.enrol(ledger, "template", 1)[0];
            ledger.earn(template, TEN, JdbcFixtures.T0, JdbcFixtures.key("template-", 0), "earn");
            try (Connection c = pool.getConnection()) {
                book = single(c, "SELECT book FROM loyalty_member WHERE member_id = 'template0'");
                postingBody = single(c, "SELECT body FROM loyalty_posting");
                entryBody = single(c, "SELECT body FROM loyalty_entry");
                ids = new String[members + 1];
                ids[0] = "hot";
                for (int i = 1; i <= members; i++) {
                    ids[i] = "p" + i;
                }
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO loyalty_member (member_id, version, status, book) VALUES (?, 1, 'ACTIVE', ?)")) {
                    for (String id : ids) {
                        p.setString(1, id);
                        p.setString(2, book);
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                c.commit();
            }
        }

        private static String single(Connection c, String sql) throws SQLException {
            try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getString(1);
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
        String key = till.prefix + till.sequence++;
        while (true) {
            long version;
            try (Connection c = db.pool.getConnection();
                    PreparedStatement p = c.prepareStatement("SELECT version, book FROM loyalty_member WHERE member_id = ?")) {
                p.setString(1, member);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    version = rs.getLong(1);
                    rs.getString(2);
                }
            }
            try (Connection c = db.pool.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement("UPDATE loyalty_member SET version = ?, status = 'ACTIVE',"
                        + " book = ? WHERE member_id = ? AND version = ?")) {
                    p.setLong(1, version + 1);
                    p.setString(2, db.book);
                    p.setString(3, member);
                    p.setLong(4, version);
                    if (p.executeUpdate() != 1) {
                        c.rollback();
                        db.stale.increment();
                        continue;
                    }
                }
                insertPostingAndEntry(db, c, member, key, version + 1);
                c.commit();
                db.written.increment();
                return 1;
            }
        }
    }

    private static int locked(Protocol db, ProtocolTill till, String member) throws SQLException {
        if (db.skipped) {
            return 0;
        }
        String key = till.prefix + till.sequence++;
        try (Connection c = db.pool.getConnection()) {
            c.setAutoCommit(false);
            long version;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT version, book FROM loyalty_member WHERE member_id = ? FOR UPDATE")) {
                p.setString(1, member);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    version = rs.getLong(1);
                    rs.getString(2);
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE loyalty_member SET version = ?, status = 'ACTIVE', book = ? WHERE member_id = ?")) {
                p.setLong(1, version + 1);
                p.setString(2, db.book);
                p.setString(3, member);
                p.executeUpdate();
            }
            insertPostingAndEntry(db, c, member, key, version + 1);
            c.commit();
            db.written.increment();
            return 1;
        }
    }

    private static void insertPostingAndEntry(Protocol db, Connection c, String member, String key, long seq)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_posting"
                + " (posting_key, member_id, type, currency, amount, business_at, body) VALUES (?, ?, 'EARN', 'PTS', 10, ?, ?)")) {
            p.setString(1, key);
            p.setString(2, member);
            p.setString(3, JdbcFixtures.T0.toString());
            p.setString(4, db.postingBody);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_entry (member_id, seq, posting_key, type,"
                + " currency, amount, debt_delta, business_at, body) VALUES (?, ?, ?, 'EARN', 'PTS', 10, 0, ?, ?)")) {
            p.setString(1, member);
            p.setLong(2, seq);
            p.setString(3, key);
            p.setString(4, JdbcFixtures.T0.toString());
            p.setString(5, db.entryBody);
            p.executeUpdate();
        }
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
        return optimistic(db, till, "hot");
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
        return locked(db, till, "hot");
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
