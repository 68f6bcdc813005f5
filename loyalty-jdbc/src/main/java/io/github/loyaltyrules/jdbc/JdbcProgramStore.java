package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link ProgramStore} in a relational database over plain JDBC (PostgreSQL, H2), in the tables
 * {@code loyalty_program_member}, {@code loyalty_program_record}, {@code loyalty_program_return} and
 * {@code loyalty_program_key} that {@link JdbcLedgerStore#migrate()} creates (script
 * {@code V4__program.sql}). Give it to the facade together with a ledger over the same database:
 * {@code LoyaltyProgram.of(ledger, version, tiers, JdbcProgramStore.of(dataSource))}.
 *
 * <p>Each commit is one database transaction: a member row or return row is replaced only where its
 * version is still the one the program read ({@code UPDATE ... WHERE version = ?}, or an insert under
 * the primary key for the first version), and a record is inserted under its caller key as primary key.
 * So with several servers, each with its own pool, exactly one of two writers wins a member's version,
 * a purchase's return state or a key; the loser re-reads and computes again. Nothing is cached in
 * memory: receipts live in the database, not on the heap.
 */
public final class JdbcProgramStore implements ProgramStore {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;

    private JdbcProgramStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Returns a store over a data source whose schema is migrated.
     *
     * @param dataSource where connections come from
     * @return the store
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static JdbcProgramStore of(DataSource dataSource) {
        return new JdbcProgramStore(Objects.requireNonNull(dataSource, "data source must not be null"));
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public Optional<MemberRecord> member(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        return one("SELECT version, state FROM loyalty_program_member WHERE member_id = ?", member.value(),
                rs -> ProgramCodec.member(member, rs.getLong(1), rs.getString(2)),
                "the program record of member " + member);
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public Optional<ReceiptRecord> receipt(IdempotencyKey key) {
        Objects.requireNonNull(key, "key must not be null");
        return one("SELECT kind, member_id, record FROM loyalty_program_record WHERE record_key = ?", key.value(),
                rs -> ProgramCodec.record(ReceiptRecord.Kind.valueOf(rs.getString(1)), key,
                        MemberId.of(rs.getString(2)), rs.getString(3)),
                "the record of key '" + key + "'");
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public Optional<ReturnState> returns(IdempotencyKey purchase) {
        Objects.requireNonNull(purchase, "purchase must not be null");
        return one("SELECT version, state FROM loyalty_program_return WHERE purchase_key = ?", purchase.value(),
                rs -> ProgramCodec.returns(purchase, rs.getLong(1), rs.getString(2)),
                "the returns of purchase '" + purchase + "'");
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public Optional<String> claimKey(IdempotencyKey key, String use) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(use, "use must not be null");
        try (Connection c = dataSource.getConnection()) {
            while (true) {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO loyalty_program_key (key_value, key_use) VALUES (?, ?)")) {
                    p.setString(1, key.value());
                    p.setString(2, use);
                    p.executeUpdate();
                    return Optional.empty();
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT key_use FROM loyalty_program_key WHERE key_value = ?")) {
                    p.setString(1, key.value());
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            return Optional.of(rs.getString(1));
                        }
                    } // withdrawn in between: claim again
                }
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not claim key '" + key + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public void withdrawKey(IdempotencyKey key, String use) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(use, "use must not be null");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "DELETE FROM loyalty_program_key WHERE key_value = ? AND key_use = ?")) {
            p.setString(1, key.value());
            p.setString(2, use);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new JdbcStoreException("could not withdraw key '" + key + "': " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails or the transaction does not commit; then nothing is
     *         changed, unless the commit itself succeeded and only its acknowledgement was lost (a retry of the
     *         program call finds what was stored and completes it)
     */
    @Override
    public CommitResult commit(ProgramCommit commit) {
        Objects.requireNonNull(commit, "commit must not be null");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                CommitResult r = apply(c, commit);
                if (r == CommitResult.APPLIED) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return r;
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not commit the program's change: " + e.getMessage(), e);
        }
    }

    /** Reads one row's columns. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Reads the row a one-parameter query finds, if any; {@code what} names it in the error. */
    private <T> Optional<T> one(String sql, String id, Row<T> row, String what) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read " + what + ": " + e.getMessage(), e);
        }
    }

    private static CommitResult apply(Connection c, ProgramCommit commit) throws SQLException {
        MemberRecord m = commit.member();
        if (m != null && !replace(c, "loyalty_program_member", "member_id", m.member().value(), m.version(),
                ProgramCodec.member(m))) {
            return CommitResult.STALE;
        }
        ReturnState r = commit.returns();
        if (r != null && !replace(c, "loyalty_program_return", "purchase_key", r.purchase().value(), r.version(),
                ProgramCodec.returns(r))) {
            return CommitResult.STALE;
        }
        if (commit.remove() != null) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM loyalty_program_record WHERE record_key = ?")) {
                p.setString(1, commit.remove().value());
                p.executeUpdate();
            }
        }
        ReceiptRecord rec = commit.insert();
        if (rec != null) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO loyalty_program_record"
                    + " (record_key, member_id, kind, business_at, record) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, rec.key().value());
                p.setString(2, rec.member().value());
                p.setString(3, rec.kind().name());
                p.setString(4, rec.at().toString());
                p.setString(5, ProgramCodec.record(rec));
                p.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return CommitResult.DUPLICATE_KEY;
                }
                throw e;
            }
        }
        return CommitResult.APPLIED;
    }

    /** Stores a row's next version: inserts version 1, else updates where the version is the one before. */
    private static boolean replace(Connection c, String table, String idColumn, String id, long version, String state)
            throws SQLException {
        if (version == 1) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO " + table + " (" + idColumn + ", version, state) VALUES (?, 1, ?)")) {
                p.setString(1, id);
                p.setString(2, state);
                p.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE " + table + " SET version = ?, state = ? WHERE " + idColumn + " = ? AND version = ?")) {
            p.setLong(1, version);
            p.setString(2, state);
            p.setString(3, id);
            p.setLong(4, version - 1);
            return p.executeUpdate() == 1;
        }
    }

}
