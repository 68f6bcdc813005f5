package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.KeyedWorkingSet;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.LiftedHold;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import io.github.loyaltyrules.ledger.spi.Reversed;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.LiabilityReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A {@link LedgerStore} in a relational database over plain JDBC: PostgreSQL is the reference
 * dialect, H2 the embedded one. The caller brings the driver and a {@link DataSource} (with a
 * connection pool of their choice).
 *
 * <p>Each commit is one short database transaction that writes only what the posting touched:
 * the member row is updated only where its version is still the one the ledger read, the purse
 * rows of the member are updated (their balance summary, debt and last activity), the lots,
 * reservations and reversal records the posting created or changed are inserted or updated in
 * place, the posting's key is inserted under a primary key (so a request retried on another server
 * cannot post twice), and the posting and its entries are appended. A stale version or a duplicate
 * key rolls everything back. Several servers with their own store instances can therefore write
 * the same members at once: none loses an update or spends a point twice. Reading a member's
 * working set (member row, purses, open lots, open reservations) is one statement, whose cost
 * depends on what the member holds now, never on their history.
 *
 * <p>History is kept: spent lots, closed reservations, postings and entries stay in their tables
 * (the audit trail) and are read by key or a page at a time. Only the idempotency index
 * ({@code loyalty_posting_key}) is pruned: when the ledger's horizon moves (see
 * {@link io.github.loyaltyrules.ledger.Ledger.Builder#idempotencyWindow}), keys of postings dated
 * before it are deleted, at most {@value #PRUNE_CHUNK} at a time and at most once per
 * {@value #PRUNE_EVERY_SECONDS} seconds of horizon per store instance. A posting older than the
 * window is still found by {@link #posting(MemberId, IdempotencyKey)} (for reversals); its key can
 * no longer be reused for the same member.
 *
 * <p>Create the tables with {@link #migrate()} once, or apply the scripts listed by
 * {@link #migrationScripts()} with your own migration tool.
 *
 * @since 0.1.0
 */
public final class JdbcLedgerStore implements LedgerStore {

    static final int PRUNE_CHUNK = 1_000;
    static final long PRUNE_EVERY_SECONDS = 3_600;

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;
    /** The horizon the key index was last pruned to, in epoch seconds; shared by copies. */
    private final AtomicLong prunedTo;
    /** Whether the database is PostgreSQL; null until a commit asks. */
    private volatile Boolean postgres;

    private final TransactionOwner owner;
    /** Working sets of members posted to before, shared by copies that own their transactions. */
    private final BookCache cache;
    /** The reads of single rows and pages. */
    private final LedgerQueries queries;

    /** Slots of the working-set cache of a new store: see {@link #withWorkingSetCache(int)}. */
    static final int DEFAULT_CACHE = 16_384;

    private JdbcLedgerStore(DataSource dataSource, int queryTimeoutSeconds, AtomicLong prunedTo,
            TransactionOwner owner, BookCache cache) {
        this.dataSource = dataSource;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.prunedTo = prunedTo;
        this.owner = owner;
        this.queries = new LedgerQueries(dataSource, queryTimeoutSeconds);
        // in the caller's transaction a write may roll back after the store has seen it succeed
        this.cache = owner == TransactionOwner.STORE ? cache : BookCache.NONE;
    }

    /**
     * Returns a store over a data source, with no statement timeout.
     *
     * @param dataSource where connections come from
     * @return the store
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static JdbcLedgerStore of(DataSource dataSource) {
        return new JdbcLedgerStore(Objects.requireNonNull(dataSource, "data source must not be null"), 0,
                new AtomicLong(Long.MIN_VALUE), TransactionOwner.STORE, BookCache.of(DEFAULT_CACHE));
    }

    /**
     * Returns a copy that keeps the working sets (member row and balances, not lots) of up to about
     * {@code members} members it posted to, so that the next posting of such a member is written
     * without being read first: one round trip on PostgreSQL instead of two. A new store keeps
     * 16,384 (a few megabytes at most); 0 turns the cache off.
     *
     * <p>The cache cannot make a posting wrong. A commit is gated on the member row's version and
     * on its key's row, so one worked out from a stale working set (another server posted to the
     * member since) or under a used key (a retry) writes nothing, and the ledger then reads the
     * member and the key again; a request the cached working set refuses (too few points, a closed
     * account) is refused only after such a fresh read. Members with open reservations are not
     * kept, and a store that writes in its caller's transaction ({@link TransactionOwner#CALLER})
     * keeps nothing.
     *
     * @param members how many members' working sets to keep: 0 to 16,777,216
     * @return the copy, with an empty cache of its own
     * @throws IllegalArgumentException if {@code members} is out of range
     */
    public JdbcLedgerStore withWorkingSetCache(int members) {
        return new JdbcLedgerStore(dataSource, queryTimeoutSeconds, prunedTo, owner, BookCache.of(members));
    }

    /** The number of working sets this store can keep (0 if it keeps none). */
    int cacheSize() {
        return cache.size();
    }

    /** As {@link #withWorkingSetCache(int)}, comparing each cached working set with the database's if {@code verify}. */
    JdbcLedgerStore withWorkingSetCache(int members, boolean verify) {
        return new JdbcLedgerStore(dataSource, queryTimeoutSeconds, prunedTo, owner, BookCache.of(members, verify));
    }

    /**
     * Returns a copy whose statements time out after {@code timeout}; a timed-out commit is
     * rolled back and reported as {@link JdbcStoreException}.
     *
     * @param timeout the timeout; at least one second
     * @return the copy
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if the timeout is under one second
     */
    public JdbcLedgerStore withQueryTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout must not be null");
        if (timeout.getSeconds() < 1) {
            throw new IllegalArgumentException("query timeout must be at least one second; got " + timeout);
        }
        return new JdbcLedgerStore(dataSource, Math.toIntExact(timeout.getSeconds()), prunedTo, owner, cache);
    }

    /**
     * Returns a copy that writes inside the caller's transaction when its connection is in one
     * ({@link TransactionOwner#CALLER}), or always in transactions of its own
     * ({@link TransactionOwner#STORE}, the default). Inside the caller's transaction a commit is
     * written under a savepoint and never committed by the store; a stale read or a failure rolls
     * back to the savepoint only, and the ledger retries or reports as usual.
     *
     * @param owner who commits
     * @return the copy
     * @throws NullPointerException if {@code owner} is null
     */
    public JdbcLedgerStore withTransactionOwner(TransactionOwner owner) {
        return new JdbcLedgerStore(dataSource, queryTimeoutSeconds, prunedTo,
                Objects.requireNonNull(owner, "transaction owner must not be null"),
                this.owner == TransactionOwner.STORE ? cache : BookCache.of(DEFAULT_CACHE));
    }

    /**
     * Returns the names of the schema scripts, in the order to apply them, for a caller who uses
     * their own migration tool; each is a resource under {@code /io/github/loyaltyrules/jdbc/migration/}.
     * {@code V5__ledger_v2.sql} goes with a data step that moves the rows of schema 1: on a database
     * that holds ledger data, apply it with {@link #migrate()}.
     *
     * @return the script names, e.g. {@code V1__ledger.sql}
     */
    public static List<String> migrationScripts() {
        return Migrations.SCRIPTS;
    }

    /**
     * Creates or upgrades the store's tables: applies each schema script not yet recorded in
     * {@code loyalty_schema_history}, each in its own transaction, with its data step (version 5
     * moves every member's book, posting and entry of schema 1 into the typed tables of schema 2,
     * keeping balances, lots with their dates, history and idempotency keys). Run it from one
     * process at a time (at deployment); running it again does nothing.
     *
     * @return the number of scripts applied
     * @throws JdbcStoreException if the database fails
     */
    public int migrate() {
        return Migrations.migrate(dataSource, Migrations.SCRIPTS.size());
    }


    @Override
    public Optional<MemberBook> book(MemberId member) {
        return book(member, true);
    }

    /**
     * Returns the member's working set without its lots: the member row, each purse with its
     * balance, and the open reservations, in one statement, whatever the member holds. The ledger
     * reads the lots ({@link #openLots}) only for a posting that needs them.
     */
    @Override
    public Optional<MemberBook> workingSet(MemberId member) {
        return book(member, false);
    }

    private Optional<MemberBook> book(MemberId member, boolean lots) {
        Objects.requireNonNull(member, "member must not be null");
        return query("read the book of member " + member, c -> {
            String sql = lots ? BookQuery.SQL : BookQuery.SQL_WITHOUT_LOTS;
            try (PreparedStatement p = prepare(c, sql)) {
                BookQuery.bind(p, lots, member);
                try (ResultSet rs = p.executeQuery()) {
                    BookQuery.Read read = BookQuery.read(member, rs, lots);
                    return read == null ? Optional.empty() : Optional.of(read.book());
                }
            }
        });
    }

    /**
     * {@inheritDoc} For a member whose working set the store keeps ({@link #withWorkingSetCache}),
     * nothing is read: the working set is {@linkplain KeyedWorkingSet#cached cached}, and the commit
     * checks the key. Otherwise one statement reads both: the working set without lots and the key's
     * row of the idempotency index; only for a key in use is the posting then read (a retry).
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public KeyedWorkingSet workingSet(MemberId member, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(key, "key must not be null");
        MemberBook cached = cache.get(member);
        if (cached != null) {
            if (cache.verifies()) {
                verify(cached);
            }
            return KeyedWorkingSet.cached(cached);
        }
        BookQuery.Read read = query("read the working set of member " + member, c -> {
            try (PreparedStatement p = prepare(c, BookQuery.SQL_WITH_KEY)) {
                BookQuery.bind(p, false, member);
                p.setString(4, key.value());
                try (ResultSet rs = p.executeQuery()) {
                    return BookQuery.read(member, rs, false);
                }
            }
        });
        if (read != null && read.keyUsed()) {
            Optional<Posting> first = posting(key);
            if (first.isPresent()) {
                return KeyedWorkingSet.keyUsed(first.get());
            }
            // the key's row was pruned in between: the key is as good as new
        }
        if (read != null && read.book() != null) {
            cache.put(read.book());
        }
        return KeyedWorkingSet.keyFree(read == null ? Optional.empty() : Optional.ofNullable(read.book()));
    }

    @Override
    public List<Lot> openLots(MemberId member, String currency) {
        return queries.openLots(member, currency);
    }

    /**
     * {@inheritDoc} Reads them through the index {@code loyalty_lot_spending}, which holds open lots
     * in spending order (schema 7), so that the spent lots of a long history are never read.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public List<Lot> lotsToSpend(MemberId member, String currency, Instant at, int limit) {
        return lotsToSpend(member, currency, ConsumptionOrder.SOONEST_EXPIRY_FIRST, at, limit);
    }

    /**
     * {@inheritDoc} Reads them through the index of the order: {@code loyalty_lot_spending} (schema 7)
     * for soonest expiry first, {@code loyalty_lot_oldest} (schema 13) for oldest first; each holds
     * open lots only, so that the spent lots of a long history are never read.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public List<Lot> lotsToSpend(MemberId member, String currency, ConsumptionOrder order, Instant at, int limit) {
        return queries.lotsToSpend(member, currency, order, at, limit);
    }

    @Override
    public Optional<Posting> posting(IdempotencyKey key) {
        return queries.posting(key);
    }

    @Override
    public Optional<Posting> posting(MemberId member, IdempotencyKey key) {
        return queries.posting(member, key);
    }

    @Override
    public Optional<Lot> lot(MemberId member, LotId lot) {
        return queries.lot(member, lot);
    }

    /** {@inheritDoc} One statement per 500 lots. */
    @Override
    public List<Lot> lotsByNumber(MemberId member, List<LotId> lots) {
        return queries.lotsByNumber(member, lots);
    }

    @Override
    public List<Lot> lots(MemberId member, String currency) {
        return queries.lots(member, currency);
    }

    @Override
    public Optional<Reservation> reservation(MemberId member, IdempotencyKey key) {
        return queries.reservation(member, key);
    }

    @Override
    public List<Reservation> reservations(MemberId member) {
        return queries.reservations(member);
    }

    @Override
    public Optional<Reversed> reversed(MemberId member, IdempotencyKey posting) {
        return queries.reversed(member, posting);
    }

    @Override
    public List<Entry> entries(MemberId member) {
        return queries.entries(member);
    }

    @Override
    public List<LiftedHold> liftedHolds(MemberId member, String currency) {
        return queries.liftedHolds(member, currency);
    }

    @Override
    public List<Entry> entries(MemberId member, long beforeSequence, int limit) {
        return queries.entries(member, beforeSequence, limit);
    }

    /**
     * {@inheritDoc} A commit writes its posting rows without a position, so the feed adds no
     * statement and no round trip to a posting; this call first stamps the committed postings that
     * have none (one short transaction per 5,000 rows, one at a time across all
     * servers, holding the row {@code loyalty_posting} of {@code loyalty_feed_lock}), then reads a
     * page by position through the index {@code loyalty_posting_feed} (schema 10; see "The change
     * feed" in the module's README for why no reader misses or repeats a posting). The
     * postings come without their entries.
     *
     * @throws JdbcStoreException if the database fails; nothing a reader was given is changed, and
     *     asking again from the same position is safe
     */
    @Override
    public List<Sequenced<Posting>> postingsAfter(long after, int limit) {
        return query("read the postings of the change feed", c -> {
            FeedStamps.stamp(c, this::prepare, owner, isPostgres(c), "loyalty_posting", "member_id, posting_key");
            try (PreparedStatement p = prepare(c, "SELECT feed_pos, " + LedgerRows.POSTING_COLUMNS
                    + " FROM loyalty_posting WHERE feed_pos > ? ORDER BY feed_pos LIMIT ?")) {
                p.setLong(1, after);
                p.setInt(2, limit);
                List<Sequenced<Posting>> page = new ArrayList<>(Math.min(limit, 256));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        page.add(new Sequenced<>(rs.getLong(1), LedgerRows.posting(rs, 2, List.of())));
                    }
                }
                return page;
            }
        });
    }

    @Override
    public List<MemberId> members(MemberId after, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("page size must be positive; got " + limit);
        }
        return query("page through members", c -> {
            try (PreparedStatement p = prepare(c, MemberPages.sql("loyalty_member", after))) {
                return MemberPages.read(p, after, limit);
            }
        });
    }

    /**
     * {@inheritDoc} Computed in SQL without loading a member: the sums grouped by entry type over
     * {@code loyalty_entry}, and each purse's balance less what is dated at or after each bound, in
     * two statements of one read-only, repeatable-read transaction, so that the figures add up while
     * other servers post. Both statements scan the currency's entries dated from {@code from} on.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public ActivityReport activity(PointCurrency currency, Instant from, Instant to) {
        return snapshot("report the activity in " + currency.code(),
                c -> ReportQueries.activity(c, this::prepare, currency, from, to));
    }

    /**
     * {@inheritDoc} Computed in SQL without loading a member: one aggregate over the open lots of
     * the currency, then the lots expiring after {@code asOf} bucketed by month boundaries computed
     * in {@code zone} (in {@code java.time}, so that H2 and PostgreSQL agree with the in-memory
     * store) and bound as parameters, in one read-only, repeatable-read transaction.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public LiabilityReport liability(PointCurrency currency, Instant asOf, ZoneId zone) {
        return snapshot("report the liability in " + currency.code(),
                c -> ReportQueries.liability(c, this::prepare, currency, asOf, zone));
    }

    /**
     * Deletes the keys of postings dated before the horizon from the idempotency index, at most
     * {@value #PRUNE_CHUNK} a call, once the horizon has moved {@value #PRUNE_EVERY_SECONDS} seconds
     * past the last prune (sooner while a prune still finds a full chunk). The postings stay.
     *
     * @param horizon the earliest business time the ledger still accepts
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public void forget(Instant horizon) {
        long seconds = horizon.getEpochSecond();
        long last = prunedTo.get();
        if (last != Long.MIN_VALUE && seconds < last + PRUNE_EVERY_SECONDS || !prunedTo.compareAndSet(last, seconds)) {
            return;
        }
        int deleted = query("prune the idempotency index", c -> {
            try (PreparedStatement p = prepare(c, "DELETE FROM loyalty_posting_key WHERE posting_key IN"
                    + " (SELECT posting_key FROM loyalty_posting_key WHERE business_at < ? LIMIT " + PRUNE_CHUNK + ")")) {
                LedgerRows.setInstant(p, 1, horizon);
                return p.executeUpdate();
            }
        });
        if (deleted == PRUNE_CHUNK) {
            // more to go: due again on the next call
            prunedTo.compareAndSet(seconds, last);
        }
    }

    /**
     * {@inheritDoc} On PostgreSQL a commit of one member (an earn, a redemption, a reservation...)
     * is written by one statement in auto-commit mode, so it costs one round trip (see
     * {@link OneStatementCommit}); other commits, and every commit on other databases, run their
     * statements in one transaction.
     *
     * @throws JdbcStoreException if the database fails; the commit is then rolled back, or, if the
     *     connection failed while the commit was under way, its outcome is unknown (a retry with the
     *     same keys is safe either way)
     */
    @Override
    public CommitResult apply(Commit commit) {
        Objects.requireNonNull(commit, "commit must not be null");
        if (!cache.enabled()) {
            return write(commit);
        }
        CommitResult result = null;
        try {
            result = write(commit);
            return result;
        } finally {
            for (MemberChange change : commit.changes()) {
                if (result == CommitResult.APPLIED) {
                    cache.put(change.book());
                } else {
                    cache.evict(change.book().account().member());
                }
            }
        }
    }

    /**
     * Compares a cached working set with the database's (when the tests ask for it with
     * {@code -Dloyalty.jdbc.verifyCachedBooks=true}): a cached working set that is not stale must equal it.
     */
    private void verify(MemberBook cached) {
        MemberBook fresh = book(cached.account().member(), false).orElse(null);
        if (fresh != null && fresh.version() == cached.version() && !BookCache.sameWorkingSet(cached, fresh)) {
            throw new IllegalStateException("the cached working set of member " + cached.account().member()
                    + " at version " + cached.version() + " differs from the database's");
        }
    }

    private CommitResult write(Commit commit) {
        List<MemberChange> changes = new ArrayList<>(commit.changes());
        // A fixed order of row locks, so that two commits on the same two members cannot deadlock.
        changes.sort(Comparator.comparing(ch -> ch.book().account().member()));
        try (Connection c = dataSource.getConnection()) {
            boolean joined = Transactions.joins(c, owner);
            if (!joined && OneStatementCommit.fits(commit) && isPostgres(c)) {
                CommitResult result = inOneStatement(c, commit);
                if (result != null) {
                    return result;
                }
            }
            try {
                return Transactions.inTransaction(c, owner, t -> CommitWriter.write(t, this::prepare, changes, commit),
                        r -> r == CommitResult.APPLIED);
            } catch (SQLException e) {
                if (Transactions.conflicted(e)) {
                    return CommitResult.STALE;
                }
                throw new JdbcStoreException("could not apply a commit for " + members(changes)
                        + (joined ? " (rolled back to its savepoint in the caller's transaction" : " (rolled back")
                        + "; retrying with the same key is safe): " + JdbcStoreException.describe(e), e);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not apply a commit for " + members(changes)
                    + "; if the commit itself failed its outcome is unknown, and retrying with the same key is safe: "
                    + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * Writes a commit with one statement in auto-commit mode; returns null if a unique key was
     * violated (nothing was written), for the transaction to tell a duplicate key from a stale book.
     */
    private CommitResult inOneStatement(Connection c, Commit commit) throws SQLException {
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
        OneStatementCommit statement = OneStatementCommit.of(commit);
        try (PreparedStatement p = prepare(c, statement.sql())) {
            statement.bind(p);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() && rs.getLong(1) == 1 ? CommitResult.APPLIED : CommitResult.STALE;
            }
        } catch (SQLException e) {
            if (Transactions.duplicate(e)) {
                return null;
            }
            if (Transactions.conflicted(e)) {
                return CommitResult.STALE;
            }
            throw e;
        }
    }

    /** Whether the database is PostgreSQL (asked once per store, of the connection's metadata). */
    private boolean isPostgres(Connection c) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            postgres = known;
        }
        return known;
    }

    /**
     * {@inheritDoc} In one transaction; see {@link JdbcMemberErasure} for the rows it changes.
     *
     * @throws JdbcStoreException if the database fails; then nothing is changed
     */
    @Override
    public boolean pseudonymise(MemberId from, MemberId to) {
        cache.evict(from);
        cache.evict(to);
        return JdbcMemberErasure.pseudonymise(dataSource, owner, this::prepare, from, to);
    }

    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        return queries.prepare(c, sql);
    }

    private static String members(List<MemberChange> changes) {
        List<String> ids = new ArrayList<>();
        for (MemberChange ch : changes) {
            ids.add(ch.book().account().member().value());
        }
        return "members " + ids;
    }

    /** Runs several reads in one read-only transaction that sees one snapshot (repeatable read). */
    private <T> T snapshot(String what, Transactions.Work<T> q) {
        return query(what, c -> {
            if (Transactions.joins(c, owner)) {
                // inside the caller's transaction: its snapshot is the one to read
                return q.run(c);
            }
            int isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return Transactions.inTransaction(c, q);
            } finally {
                c.setReadOnly(false);
                c.setTransactionIsolation(isolation);
            }
        });
    }

    private <T> T query(String what, Transactions.Work<T> q) {
        return queries.query(what, q);
    }
}
