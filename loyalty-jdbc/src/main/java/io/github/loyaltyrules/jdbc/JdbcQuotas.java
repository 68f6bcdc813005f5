package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.rule.Quotas;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * {@link Quotas} in the database, in the tables that {@link JdbcLedgerStore#migrate()} creates:
 * campaign budgets and per-member caps ({@code loyalty_quota}) that several servers draw on at once
 * without ever passing a limit, and what each request drew and each give-back key gave back
 * ({@code loyalty_quota_draw}), so that a retry on any server finds them. Each draw, release and
 * give-back locks its counter's row for one short transaction in which the counter and the record
 * change together: a failure at any statement, or a lost commit reply, leaves both as before or
 * both as after, and the retry with the same key settles it. Records older than the retention
 * (400 days by default) are pruned, at most 1,000 rows an hour per instance.
 *
 * <p>Give it to the rule engine: {@code RuleSet.builder(...).quotas(JdbcQuotas.of(dataSource))}.
 *
 * @since 0.1.0
 */
public final class JdbcQuotas implements Quotas {

    private static final int PRUNE_CHUNK = 1_000;
    private static final long PRUNE_EVERY_MILLIS = 3_600_000;

    private final DataSource dataSource;
    private final Duration retention;
    private final Clock clock;
    private final AtomicLong prunedAt;
    private final TransactionOwner owner;

    private JdbcQuotas(DataSource dataSource, Duration retention, Clock clock, AtomicLong prunedAt,
            TransactionOwner owner) {
        this.dataSource = dataSource;
        this.retention = retention;
        this.clock = clock;
        this.prunedAt = prunedAt;
        this.owner = owner;
    }

    /**
     * Returns a copy that draws inside the caller's transaction when its connection is in one
     * ({@link TransactionOwner#CALLER}), or always in transactions of its own
     * ({@link TransactionOwner#STORE}, the default). Inside the caller's transaction a draw locks
     * its counter's row until the caller commits, so keep such transactions short.
     *
     * @param owner who commits
     * @return the copy
     * @throws NullPointerException if {@code owner} is null
     */
    public JdbcQuotas withTransactionOwner(TransactionOwner owner) {
        return new JdbcQuotas(dataSource, retention, clock, prunedAt,
                Objects.requireNonNull(owner, "transaction owner must not be null"));
    }

    /**
     * Returns counters kept in a database whose schema is migrated, remembering draws for
     * {@link Quotas#DEFAULT_RETENTION} on the system clock.
     *
     * @param dataSource where connections come from
     * @return the counters
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static JdbcQuotas of(DataSource dataSource) {
        return of(dataSource, DEFAULT_RETENTION, Clock.systemUTC());
    }

    /**
     * Returns counters kept in a database whose schema is migrated, remembering each request's draws
     * and each give-back for {@code retention} after it was made, on {@code clock}.
     *
     * @param dataSource where connections come from
     * @param retention how long draws and give-backs are remembered; positive
     * @param clock the clock that dates them
     * @return the counters
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code retention} is not positive
     */
    public static JdbcQuotas of(DataSource dataSource, Duration retention, Clock clock) {
        Objects.requireNonNull(dataSource, "data source must not be null");
        Objects.requireNonNull(retention, "retention must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention of quota draws must be positive; got " + retention);
        }
        return new JdbcQuotas(dataSource, retention, clock, new AtomicLong(Long.MIN_VALUE), TransactionOwner.STORE);
    }

    /** Runs work in one transaction on a connection of its own. */
    private <T> T inTransaction(String what, Transactions.Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, owner, work, r -> true);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not " + what + ": " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails; then the draw is as before, or (a lost reply)
     *     as after: a retry with the same request settles it
     */
    @Override
    public long draw(String request, String counter, long wanted, long limit) {
        Quotas.checkDraw(request, counter, wanted, limit);
        long result = inTransaction("draw " + wanted + " from quota '" + counter + "'", c -> {
            long used = lockedUsage(c, counter);
            if (used < 0) {
                // First draw on this counter: create its row (once; another server may win the race), then lock it.
                ensureRow(c, counter, Transactions.joins(c, owner));
                used = lockedUsage(c, counter);
            }
            long[] record = record(c, request, counter);
            long before = record == null ? 0 : record[0];
            long now = Quotas.fit(wanted, limit, used - before);
            if (now != before) {
                setUsed(c, counter, Math.max(0, used - before + now)); // a give-back may have left less
                if (record != null) {
                    try (PreparedStatement p = c.prepareStatement(
                            "UPDATE loyalty_quota_draw SET drawn = ? WHERE request = ? AND counter = ?")) {
                        p.setLong(1, now);
                        p.setString(2, request);
                        p.setString(3, counter);
                        p.executeUpdate();
                    }
                } else {
                    insertRecord(c, request, counter, now, null);
                }
            }
            return now;
        });
        prune();
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails; then some draws may be released and others
     *     not: calling it again completes it
     */
    @Override
    public void settle(String request, Set<String> kept) {
        Quotas.checkName(request, "request key");
        Objects.requireNonNull(kept, "kept counters must not be null");
        List<String> release = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT counter FROM loyalty_quota_draw WHERE request = ? AND drawn > 0")) {
            p.setString(1, request);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (!kept.contains(rs.getString(1))) {
                        release.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the quota draws of a request: " + JdbcStoreException.describe(e), e);
        }
        for (String counter : release) {
            inTransaction("release a draw on quota '" + counter + "'", c -> {
                long used = lockedUsage(c, counter);
                long[] record = record(c, request, counter);
                if (used >= 0 && record != null && record[0] > 0) {
                    setUsed(c, counter, Math.max(0, used - record[0]));
                    try (PreparedStatement p = c.prepareStatement(
                            "UPDATE loyalty_quota_draw SET drawn = 0 WHERE request = ? AND counter = ?")) {
                        p.setString(1, request);
                        p.setString(2, counter);
                        p.executeUpdate();
                    }
                }
                return null;
            });
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails; then nothing was given back, or (a lost
     *     reply) it was: a retry with the same key gives back once
     */
    @Override
    public void giveBack(String key, String counter, long amount) {
        Quotas.checkGiveBack(key, counter, amount);
        inTransaction("give " + amount + " back to quota '" + counter + "'", c -> {
            long used = lockedUsage(c, counter);
            if (used < 0) {
                return null; // never drawn on: nothing to give back
            }
            long[] record = record(c, key, counter);
            if (record != null && record[1] >= 0) {
                return null; // given back already under this key
            }
            long back = Math.min(amount, used);
            setUsed(c, counter, used - back);
            if (record != null) {
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE loyalty_quota_draw SET given_back = ? WHERE request = ? AND counter = ?")) {
                    p.setLong(1, back);
                    p.setString(2, key);
                    p.setString(3, counter);
                    p.executeUpdate();
                }
            } else {
                insertRecord(c, key, counter, 0, back);
            }
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public long used(String counter) {
        Quotas.checkName(counter, "counter name");
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT used FROM loyalty_quota WHERE counter = ?")) {
            p.setString(1, counter);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read quota '" + counter + "': " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public long drawn(String request, String counter) {
        Quotas.checkName(request, "request key");
        Quotas.checkName(counter, "counter name");
        try (Connection c = dataSource.getConnection()) {
            long[] record = record(c, request, counter);
            return record == null ? 0 : record[0];
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read a draw on quota '" + counter + "': " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc} Scans the counters' table with {@code LIKE}: meant for rare work such as
     * erasing a member, not for every request.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public List<String> counters(String prefix) {
        Objects.requireNonNull(prefix, "prefix must not be null");
        String pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT counter FROM loyalty_quota WHERE counter LIKE ? ESCAPE '!' ORDER BY counter")) {
            p.setString(1, pattern);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        } catch (SQLException e) {
            throw new JdbcStoreException("could not list quota counters: " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc} In one transaction: the counter's row and every record of a draw on it.
     *
     * @throws JdbcStoreException if the database fails; then nothing is renamed
     */
    @Override
    public void rename(String from, String to) {
        Quotas.checkName(from, "counter name");
        Quotas.checkName(to, "counter name");
        inTransaction("rename quota counter", c -> {
            if (lockedUsage(c, from) < 0) {
                return null; // no such counter (renamed already): nothing to do
            }
            if (lockedUsage(c, to) >= 0) {
                throw new IllegalArgumentException("a counter named '" + to + "' exists already; a counter is renamed"
                        + " only to a new name");
            }
            for (String table : List.of("loyalty_quota", "loyalty_quota_draw")) {
                try (PreparedStatement p = c.prepareStatement("UPDATE " + table + " SET counter = ? WHERE counter = ?")) {
                    p.setString(1, to);
                    p.setString(2, from);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Reads and locks a counter's row; -1 if it has none yet. */
    private static long lockedUsage(Connection c, String counter) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT used FROM loyalty_quota WHERE counter = ? FOR UPDATE")) {
            p.setString(1, counter);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static void setUsed(Connection c, String counter, long used) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE loyalty_quota SET used = ? WHERE counter = ?")) {
            p.setLong(1, used);
            p.setString(2, counter);
            p.executeUpdate();
        }
    }

    /** A request's record on a counter: {drawn, given back or -1}; null if it has none. */
    private static long[] record(Connection c, String request, String counter) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT drawn, given_back FROM loyalty_quota_draw WHERE request = ? AND counter = ?")) {
            p.setString(1, request);
            p.setString(2, counter);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long drawn = rs.getLong(1);
                long back = rs.getLong(2);
                return new long[] {drawn, rs.wasNull() ? -1 : back};
            }
        }
    }

    private void insertRecord(Connection c, String request, String counter, long drawn, Long givenBack)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_quota_draw"
                + " (request, counter, drawn, given_back, created) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, request);
            p.setString(2, counter);
            p.setLong(3, drawn);
            if (givenBack == null) {
                p.setNull(4, java.sql.Types.BIGINT);
            } else {
                p.setLong(4, givenBack);
            }
            LedgerRows.setInstant(p, 5, clock.instant());
            p.executeUpdate();
        }
    }

    /**
     * Creates a counter's row in its own committed step, so that a lost race cannot abort the draw's
     * transaction; inside the caller's transaction ({@code joined}), under a savepoint instead.
     */
    private static void ensureRow(Connection c, String counter, boolean joined) throws SQLException {
        Savepoint savepoint = joined ? c.setSavepoint() : null;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_quota (counter, used) SELECT ?, 0"
                + " WHERE NOT EXISTS (SELECT 1 FROM loyalty_quota WHERE counter = ?)")) {
            p.setString(1, counter);
            p.setString(2, counter);
            p.executeUpdate();
            if (joined) {
                c.releaseSavepoint(savepoint);
            } else {
                c.commit();
            }
        } catch (SQLException e) {
            if (joined) {
                c.rollback(savepoint);
            } else {
                c.rollback();
            }
            if (!Transactions.duplicate(e)) {
                throw e;
            }
            // A unique violation: another server created the row first, which is all this step needs.
        }
    }

    /** Deletes up to a chunk of records older than the retention, at most once an hour (sooner while chunks are full). */
    private void prune() {
        long now = clock.millis();
        long last = prunedAt.get();
        if (last != Long.MIN_VALUE && now < last + PRUNE_EVERY_MILLIS || !prunedAt.compareAndSet(last, now)) {
            return;
        }
        int deleted;
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "DELETE FROM loyalty_quota_draw WHERE (request, counter) IN (SELECT request, counter"
                        + " FROM loyalty_quota_draw WHERE created < ? LIMIT " + PRUNE_CHUNK + ")")) {
            LedgerRows.setInstant(p, 1, clock.instant().minus(retention));
            deleted = p.executeUpdate();
        } catch (SQLException e) {
            prunedAt.compareAndSet(now, last);
            return; // pruning is housekeeping: the draw stands; the next one tries again
        }
        if (deleted == PRUNE_CHUNK) {
            prunedAt.compareAndSet(now, last); // more to go: due again on the next draw
        }
    }
}
