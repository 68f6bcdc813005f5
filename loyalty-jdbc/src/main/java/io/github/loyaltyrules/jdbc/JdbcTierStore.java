package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import io.github.loyaltyrules.tier.ChangeCause;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.spi.TierActivity;
import io.github.loyaltyrules.tier.spi.TierCommitResult;
import io.github.loyaltyrules.tier.spi.TierState;
import io.github.loyaltyrules.tier.spi.TierStore;
import io.github.loyaltyrules.tier.spi.TierTally;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link TierStore} in a relational database over plain JDBC (PostgreSQL, H2), in the tables
 * {@code loyalty_tier_member} and {@code loyalty_tier_activity} that {@link JdbcLedgerStore#migrate()}
 * creates (script {@code V3__tiers.sql}), and {@code loyalty_tier_change}, the entries of members'
 * histories for the change feed (script {@code V10__change_feed.sql}). Give it to the engine:
 * {@code TierEngine.of(ladder, listener, JdbcTierStore.of(dataSource))}.
 *
 * <p>Each change is one database transaction: the member's row is replaced only where its version
 * is still the one the engine read (optimistic concurrency; the engine re-reads and recomputes
 * when it is not), and a recorded activity's key is inserted under a primary key of (member,
 * key), so a request retried on a second server counts once. Several servers can therefore record
 * activity and run the tier assessment at once: each member is moved once and no activity is lost
 * or counted twice. The assessment pages through member ids and holds one member's state at a time.
 *
 * @since 0.1.0
 */
public final class JdbcTierStore implements TierStore {


    private final DataSource dataSource;
    private final TransactionOwner owner;

    private JdbcTierStore(DataSource dataSource, TransactionOwner owner) {
        this.dataSource = dataSource;
        this.owner = owner;
    }

    /**
     * Returns a store over a data source whose schema is migrated.
     *
     * @param dataSource where connections come from
     * @return the store
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static JdbcTierStore of(DataSource dataSource) {
        return new JdbcTierStore(Objects.requireNonNull(dataSource, "data source must not be null"), TransactionOwner.STORE);
    }

    /**
     * Returns a copy that writes inside the caller's transaction when its connection is in one
     * ({@link TransactionOwner#CALLER}), under a savepoint and never committing, or always in
     * transactions of its own ({@link TransactionOwner#STORE}, the default): see {@link JdbcLedgerStore#withTransactionOwner}.
     *
     * @param owner who commits
     * @return the copy
     * @throws NullPointerException if {@code owner} is null
     */
    public JdbcTierStore withTransactionOwner(TransactionOwner owner) {
        return new JdbcTierStore(dataSource, Objects.requireNonNull(owner, "transaction owner must not be null"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public Optional<TierState> state(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT state FROM loyalty_tier_member WHERE member_id = ?")) {
            p.setString(1, member.value());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(Codec.tierState(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the tier state of member " + member + ": " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code limit} is not positive
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public List<MemberId> members(MemberId after, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("page size must be positive; got " + limit);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(MemberPages.sql("loyalty_tier_member", after))) {
            return MemberPages.read(p, after, limit);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not page through tier members: " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM loyalty_tier_member");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not count tier members: " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code next} is null
     * @throws JdbcStoreException if the database fails; then nothing was stored if the failure came
     *         before the commit, and the outcome is unknown if the commit itself failed (the engine's
     *         call can be retried with the same key either way)
     */
    @Override
    public TierCommitResult replace(TierState next, TierActivity added) {
        return replace(next, added, false, null);
    }

    /**
     * {@inheritDoc} Also keeps the member's clock and {@code nextEvent} in typed columns of the member's
     * row (schema 16), marked as told ({@code tallied}), and the nanoseconds of every change of the
     * member's history in {@code loyalty_tier_change}, for the tier report in SQL ({@link #tally}).
     *
     * @throws NullPointerException if {@code next} is null
     * @throws JdbcStoreException if the database fails; as {@link #replace(TierState, TierActivity)}
     */
    @Override
    public TierCommitResult replace(TierState next, TierActivity added, Instant nextEvent) {
        return replace(next, added, true, nextEvent);
    }

    private TierCommitResult replace(TierState next, TierActivity added, boolean tallied, Instant nextEvent) {
        Objects.requireNonNull(next, "tier state must not be null");
        String text = Codec.tierState(next);
        Instant event = tallied ? nextEvent : null;
        try (Connection c = dataSource.getConnection()) {
            try {
                return Transactions.inTransaction(c, owner, t -> write(t, next, text, added, tallied, event),
                        r -> r == TierCommitResult.APPLIED);
            } catch (SQLException e) {
                if (Transactions.conflicted(e)) {
                    return TierCommitResult.STALE;
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not store the tier state of member " + next.member()
                    + " (retrying the call with the same key is safe): " + JdbcStoreException.describe(e), e);
        }
    }

    private static TierCommitResult write(Connection c, TierState next, String text, TierActivity added,
            boolean tallied, Instant nextEvent) throws SQLException {
        String member = next.member().value();
        if (next.version() == 1) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_tier_member (member_id, version, tier,"
                    + " as_of, state, clock_at, clock_nano, next_event, tallied) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, member);
                p.setLong(2, 1);
                p.setString(3, next.shown());
                p.setString(4, next.clock().toString());
                p.setString(5, text);
                bindTally(p, 6, next, tallied, nextEvent);
                p.executeUpdate();
            } catch (SQLException e) {
                if (Transactions.duplicate(e)) {
                    return TierCommitResult.STALE;
                }
                throw e;
            }
        } else {
            try (PreparedStatement p = c.prepareStatement("UPDATE loyalty_tier_member SET version = ?, tier = ?,"
                    + " as_of = ?, state = ?, clock_at = ?, clock_nano = ?, next_event = ?, tallied = ?"
                    + " WHERE member_id = ? AND version = ?")) {
                p.setLong(1, next.version());
                p.setString(2, next.shown());
                p.setString(3, next.clock().toString());
                p.setString(4, text);
                bindTally(p, 5, next, tallied, nextEvent);
                p.setString(9, member);
                p.setLong(10, next.version() - 1);
                if (p.executeUpdate() != 1) {
                    return TierCommitResult.STALE;
                }
            }
        }
        changes(c, next, tallied);
        if (added != null) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_tier_activity"
                    + " (member_id, activity_key, metric, amount, business_at) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, member);
                p.setString(2, added.key().value());
                p.setString(3, added.metric());
                p.setLong(4, added.amount());
                p.setString(5, added.at().toString());
                p.executeUpdate();
            } catch (SQLException e) {
                if (Transactions.duplicate(e)) {
                    return TierCommitResult.DUPLICATE_KEY;
                }
                throw e;
            }
        }
        return TierCommitResult.APPLIED;
    }

    /** Binds the member row's columns of schema 16: clock, its nanoseconds, next event, tallied. */
    private static void bindTally(PreparedStatement p, int at, TierState next, boolean tallied, Instant nextEvent)
            throws SQLException {
        LedgerRows.setInstant(p, at, next.clock());
        p.setInt(at + 1, ProgramRecordColumns.subMicros(next.clock()));
        LedgerRows.setInstant(p, at + 2, nextEvent); // rounded down: the row is counted in SQL only before it
        p.setBoolean(at + 3, tallied);
    }

    /**
     * Writes the entries of the state's history that {@code loyalty_tier_change} does not hold yet
     * (numbered from 1 in history order; the member's row is locked by the write before), for the
     * change feed, with their nanoseconds (schema 16). For a {@code tallied} row, the nanoseconds of
     * the entries written before schema 16 are filled in as well, once. A state with no history costs
     * nothing.
     */
    private static void changes(Connection c, TierState next, boolean tallied) throws SQLException {
        List<TierChange> history = next.history();
        if (history.isEmpty()) {
            return;
        }
        int stored = 0;
        int withoutNanos = 0;
        if (next.version() > 1) {
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(change_no), 0),"
                    + " COUNT(CASE WHEN changed_nano IS NULL THEN 1 END) FROM loyalty_tier_change WHERE member_id = ?")) {
                p.setString(1, next.member().value());
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    stored = rs.getInt(1);
                    withoutNanos = rs.getInt(2);
                }
            }
        }
        if (tallied && withoutNanos > 0) {
            try (PreparedStatement p = c.prepareStatement("UPDATE loyalty_tier_change SET changed_nano = ?"
                    + " WHERE member_id = ? AND change_no = ? AND changed_nano IS NULL")) {
                for (int i = 0; i < Math.min(stored, history.size()); i++) {
                    p.setInt(1, ProgramRecordColumns.subMicros(history.get(i).at()));
                    p.setString(2, next.member().value());
                    p.setInt(3, i + 1);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        if (stored >= history.size()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_tier_change (member_id, change_no,"
                + " from_tier, to_tier, changed_at, cause, changed_nano) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = stored; i < history.size(); i++) {
                TierChange change = history.get(i);
                p.setString(1, next.member().value());
                p.setInt(2, i + 1);
                p.setString(3, change.from());
                p.setString(4, change.to());
                LedgerRows.setInstant(p, 5, change.at());
                p.setString(6, change.cause().name());
                p.setInt(7, ProgramRecordColumns.subMicros(change.at()));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * {@inheritDoc} In SQL over {@code loyalty_tier_member} and {@code loyalty_tier_change} (schema 16),
     * in one read-only transaction at REPEATABLE READ (or the caller's): members whose row the engine
     * wrote with its next event ({@code tallied}) are counted by the last change dated at or before
     * {@code to} when {@code to} is before their clock, else by their stored tier when their next event
     * is after {@code to}; their changes dated in the period per pair of tiers. The rest (a window may
     * close for them by {@code to}, or their row predates schema 16) come back for the engine to read.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public Optional<TierTally> tally(Instant from, Instant to, String baseTier) {
        try (Connection c = dataSource.getConnection()) {
            return Optional.of(TierReportQueries.tally(c, from, to, baseTier));
        } catch (SQLException e) {
            throw new JdbcStoreException("could not count the tiers from " + from + " to " + to + ": "
                    + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc} Stamps the stored changes that have no position yet (one short transaction at a
     * time across all servers, holding the row {@code loyalty_tier_change} of {@code loyalty_feed_lock}),
     * then reads a page by position (schema 10). The changes come with an empty reason: the table
     * does not keep it.
     *
     * @throws JdbcStoreException if the database fails; asking again from the same position is safe
     */
    @Override
    public List<Sequenced<TierChange>> changesAfter(long after, int limit) {
        try (Connection c = dataSource.getConnection()) {
            boolean postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            FeedStamps.stamp(c, Connection::prepareStatement, owner, postgres, "loyalty_tier_change",
                    "member_id, change_no");
            try (PreparedStatement p = c.prepareStatement("SELECT feed_pos, member_id, from_tier, to_tier, changed_at,"
                    + " cause FROM loyalty_tier_change WHERE feed_pos > ? ORDER BY feed_pos LIMIT ?")) {
                p.setLong(1, after);
                p.setInt(2, limit);
                List<Sequenced<TierChange>> page = new ArrayList<>(Math.min(limit, 256));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        page.add(new Sequenced<>(rs.getLong(1), new TierChange(new MemberId(rs.getString(2)),
                                rs.getString(3), rs.getString(4), LedgerRows.instant(rs, 5),
                                ChangeCause.valueOf(rs.getString(6)), "")));
                    }
                }
                return page;
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the tier changes of the change feed: " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc} In one transaction: the state is inserted under the pseudonym, deleted under the
     * member at the version read (a change in between makes it read again), and the member's activity
     * keys move with it.
     *
     * @throws JdbcStoreException if the database fails; then nothing is changed
     */
    @Override
    public boolean pseudonymise(MemberId from, MemberId to) {
        Objects.requireNonNull(from, "member must not be null");
        Objects.requireNonNull(to, "pseudonym must not be null");
        try (Connection c = dataSource.getConnection()) {
            return Transactions.untilSettled(c, owner, tx -> move(tx, from, to));
        } catch (SQLException e) {
            throw new JdbcStoreException("could not move the tier state of member " + from + " to a pseudonym (rolled"
                    + " back; retrying is safe): " + JdbcStoreException.describe(e), e);
        }
    }

    /** Moves the member's rows; null if the state changed under it (rolled back, to be read again). */
    private static Boolean move(Connection c, MemberId from, MemberId to) throws SQLException {
        TierState state;
        try (PreparedStatement p = c.prepareStatement("SELECT state FROM loyalty_tier_member WHERE member_id = ?")) {
            p.setString(1, from.value());
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                state = Codec.tierState(rs.getString(1));
            }
        }
        TierState next = state.pseudonymised(to);
        try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_tier_member"
                + " (member_id, version, tier, as_of, state) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, to.value());
            p.setLong(2, next.version());
            p.setString(3, next.shown());
            p.setString(4, next.clock().toString());
            p.setString(5, Codec.tierState(next));
            p.executeUpdate();
        } catch (SQLException e) {
            if (Transactions.duplicate(e)) {
                throw new IllegalStateException("tier store holds a state under " + to + " already; a member is moved"
                        + " only to an unused id");
            }
            throw e;
        }
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM loyalty_tier_member WHERE member_id = ? AND version = ?")) {
            p.setString(1, from.value());
            p.setLong(2, state.version());
            if (p.executeUpdate() != 1) {
                return null; // rolled back by the caller of move
            }
        }
        for (String table : List.of("loyalty_tier_activity", "loyalty_tier_change")) {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + table + " SET member_id = ? WHERE member_id = ?")) {
                p.setString(1, to.value());
                p.setString(2, from.value());
                p.executeUpdate();
            }
        }
        return true;
    }
}
