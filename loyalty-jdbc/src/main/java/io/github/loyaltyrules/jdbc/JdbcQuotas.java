package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.rule.Quotas;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link Quotas} in the database, in the {@code loyalty_quota} table that
 * {@link JdbcLedgerStore#migrate()} creates: campaign budgets and per-member caps that several
 * servers draw on at once without ever passing a limit. Each draw locks its counter's row for one
 * short transaction.
 *
 * <p>Give it to the rule engine: {@code RuleSet.builder(...).quotas(JdbcQuotas.of(dataSource))}.
 */
public final class JdbcQuotas implements Quotas {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    private JdbcQuotas(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Returns counters kept in a database whose schema is migrated.
     *
     * @param dataSource where connections come from
     * @return the counters
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static JdbcQuotas of(DataSource dataSource) {
        return new JdbcQuotas(Objects.requireNonNull(dataSource, "data source must not be null"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails; then nothing was taken
     */
    @Override
    public long take(String counter, long wanted, long limit) {
        Quotas.checkTake(counter, wanted, limit);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long used = lockedUsage(c, counter);
                if (used < 0) {
                    // First draw on this counter: create its row (once; another server may win the race), then lock it.
                    ensureRow(c, counter);
                    used = lockedUsage(c, counter);
                }
                long take = Math.min(limit - used, wanted);
                if (take <= 0) {
                    c.rollback();
                    return 0;
                }
                try (PreparedStatement p = c.prepareStatement("UPDATE loyalty_quota SET used = ? WHERE counter = ?")) {
                    p.setLong(1, used + take);
                    p.setString(2, counter);
                    p.executeUpdate();
                }
                c.commit();
                return take;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not draw " + wanted + " from quota '" + counter + "' (nothing taken): "
                    + e.getMessage(), e);
        }
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

    /** Creates a counter's row in its own committed step, so that a lost race cannot abort the draw's transaction. */
    private static void ensureRow(Connection c, String counter) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_quota (counter, used) SELECT ?, 0"
                + " WHERE NOT EXISTS (SELECT 1 FROM loyalty_quota WHERE counter = ?)")) {
            p.setString(1, counter);
            p.setString(2, counter);
            p.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            // A unique violation: another server created the row first, which is all this step needs.
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails; then nothing was given back
     */
    @Override
    public void giveBack(String counter, long amount) {
        Quotas.checkGiveBack(counter, amount);
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "UPDATE loyalty_quota SET used = CASE WHEN used > ? THEN used - ? ELSE 0 END WHERE counter = ?")) {
            p.setLong(1, amount);
            p.setLong(2, amount);
            p.setString(3, counter);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new JdbcStoreException("could not give " + amount + " back to quota '" + counter + "': "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public long used(String counter) {
        Quotas.checkName(counter);
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT used FROM loyalty_quota WHERE counter = ?")) {
            p.setString(1, counter);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read quota '" + counter + "': " + e.getMessage(), e);
        }
    }
}
