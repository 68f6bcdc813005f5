package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramCommit;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.report.ProgramActivity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link ProgramStore} in a relational database over plain JDBC (PostgreSQL, H2), in the tables
 * {@code loyalty_program_member}, {@code loyalty_program_record} (with typed columns and award rows in
 * {@code loyalty_program_award} for the report in SQL, script {@code V15__program_record_columns.sql}),
 * {@code loyalty_program_return}, {@code loyalty_program_key} and {@code loyalty_program_tie} that
 * {@link JdbcLedgerStore#migrate()} creates (script {@code V4__program.sql} and later). Give it to the facade together with a ledger over the same database:
 * {@code LoyaltyProgram.of(ledger, version, tiers, JdbcProgramStore.of(dataSource))}.
 *
 * <p>Each commit is one database transaction: a member row or return row is replaced only where its
 * version is still the one the program read ({@code UPDATE ... WHERE version = ?}, or an insert under
 * the primary key for the first version), and a record is inserted under its caller key as primary key.
 * So with several servers, each with its own pool, exactly one of two writers wins a member's version,
 * a purchase's return state or a key; the loser re-reads and computes again. Nothing is cached in
 * memory: receipts live in the database, not on the heap.
 *
 * @since 0.1.0
 */
public final class JdbcProgramStore implements ProgramStore {


    private final DataSource dataSource;
    private final TransactionOwner owner;

    private JdbcProgramStore(DataSource dataSource, TransactionOwner owner) {
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
    public static JdbcProgramStore of(DataSource dataSource) {
        return new JdbcProgramStore(Objects.requireNonNull(dataSource, "data source must not be null"), TransactionOwner.STORE);
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
    public JdbcProgramStore withTransactionOwner(TransactionOwner owner) {
        return new JdbcProgramStore(dataSource, Objects.requireNonNull(owner, "transaction owner must not be null"));
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
            return insertOrRead(c, "INSERT INTO loyalty_program_key (key_value, key_use) VALUES (?, ?)",
                    "SELECT key_use FROM loyalty_program_key WHERE key_value = ?", key.value(), use);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not claim key '" + key + "': " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * Inserts the row {@code (key, value)} unless a row holds the key already: empty if this call
     * inserted it, else the value of the row that was there (one server wins, the others read what it
     * wrote). A row deleted between the failed insert and the read is inserted again.
     */
    private Optional<String> insertOrRead(Connection c, String insert, String select, String key, String value)
            throws SQLException {
        while (true) {
            try {
                Transactions.statement(c, owner, t -> {
                    try (PreparedStatement p = t.prepareStatement(insert)) {
                        p.setString(1, key);
                        p.setString(2, value);
                        return p.executeUpdate();
                    }
                });
                return Optional.empty();
            } catch (SQLException e) {
                if (!Transactions.duplicate(e)) {
                    throw e;
                }
            }
            try (PreparedStatement p = c.prepareStatement(select)) {
                p.setString(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(rs.getString(1));
                    }
                } // deleted in between: insert again
            }
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
            throw new JdbcStoreException("could not withdraw key '" + key + "': " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc} The tie is a row of {@code loyalty_program_tie} (schema 12) under the redemption's key, so
     * one server ties it first.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public Optional<IdempotencyKey> tieRedemption(IdempotencyKey redemption, IdempotencyKey purchase) {
        Objects.requireNonNull(redemption, "redemption must not be null");
        Objects.requireNonNull(purchase, "purchase must not be null");
        try (Connection c = dataSource.getConnection()) {
            return insertOrRead(c, "INSERT INTO loyalty_program_tie (redemption_key, purchase_key) VALUES (?, ?)",
                    "SELECT purchase_key FROM loyalty_program_tie WHERE redemption_key = ?", redemption.value(),
                    purchase.value()).map(IdempotencyKey::new);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not tie redemption '" + redemption + "' to purchase '" + purchase
                    + "': " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public void untieRedemption(IdempotencyKey redemption, IdempotencyKey purchase) {
        Objects.requireNonNull(redemption, "redemption must not be null");
        Objects.requireNonNull(purchase, "purchase must not be null");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "DELETE FROM loyalty_program_tie WHERE redemption_key = ? AND purchase_key = ?")) {
            p.setString(1, redemption.value());
            p.setString(2, purchase.value());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new JdbcStoreException("could not untie redemption '" + redemption + "': " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public List<IdempotencyKey> redemptionsFor(IdempotencyKey purchase) {
        Objects.requireNonNull(purchase, "purchase must not be null");
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT redemption_key FROM loyalty_program_tie WHERE purchase_key = ? ORDER BY redemption_key")) {
            p.setString(1, purchase.value());
            List<IdempotencyKey> out = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new IdempotencyKey(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the redemptions tied to purchase '" + purchase + "': "
                    + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws JdbcStoreException if the database fails or the transaction does not commit; then nothing is
     *         changed, unless the commit itself succeeded and only its acknowledgement was lost (a retry of the
     *         program call finds what was stored and completes it)
     * @throws io.github.loyaltyrules.ledger.AmountOverflowException if the award lines of the record to insert
     *         add up to more than a {@code long} in a currency (the program refuses such awards before); nothing
     *         is changed
     */
    @Override
    public CommitResult commit(ProgramCommit commit) {
        Objects.requireNonNull(commit, "commit must not be null");
        try (Connection c = dataSource.getConnection()) {
            return Transactions.inTransaction(c, owner, t -> apply(t, commit), r -> r == CommitResult.APPLIED);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not commit the program's change: " + JdbcStoreException.describe(e), e);
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
            throw new JdbcStoreException("could not read " + what + ": " + JdbcStoreException.describe(e), e);
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
            try (PreparedStatement p = c.prepareStatement(ProgramRecordColumns.DELETE_AWARDS)) {
                p.setString(1, commit.remove().value());
                p.executeUpdate();
            }
        }
        ReceiptRecord rec = commit.insert();
        if (rec != null) {
            try {
                ProgramRecordColumns.insert(c, rec);
            } catch (SQLException e) {
                if (Transactions.duplicate(e)) {
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
                if (Transactions.duplicate(e)) {
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


    /**
     * {@inheritDoc} Reads them by the index on {@code member_id}.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public List<ReceiptRecord> records(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        try (Connection c = dataSource.getConnection()) {
            List<ReceiptRecord> out = records(c, member);
            out.sort(Comparator.comparing(ReceiptRecord::at).thenComparing(r -> r.key().value()));
            return out;
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the records of member " + member + ": " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc} In one transaction: the member row is inserted under the pseudonym and deleted
     * under the member at the version read (a change in between makes it read again), and each of
     * the member's records is rewritten under its key.
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
            throw new JdbcStoreException("could not move member " + from + " to a pseudonym (rolled back; retrying is"
                    + " safe): " + JdbcStoreException.describe(e), e);
        }
    }

    /** Moves the member's rows; null if the member row changed under it (rolled back, to be read again). */
    private static Boolean move(Connection c, MemberId from, MemberId to) throws SQLException {
        MemberRecord record = null;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT version, state FROM loyalty_program_member WHERE member_id = ?")) {
            p.setString(1, from.value());
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    record = ProgramCodec.member(from, rs.getLong(1), rs.getString(2));
                }
            }
        }
        boolean moved = false;
        if (record != null) {
            MemberRecord next = record.pseudonymised(to);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO loyalty_program_member (member_id, version, state) VALUES (?, ?, ?)")) {
                p.setString(1, to.value());
                p.setLong(2, next.version());
                p.setString(3, ProgramCodec.member(next));
                p.executeUpdate();
            } catch (SQLException e) {
                if (Transactions.duplicate(e)) {
                    throw new IllegalStateException("program store holds a member record under " + to + " already;"
                            + " a member is moved only to an unused id");
                }
                throw e;
            }
            try (PreparedStatement p = c.prepareStatement(
                    "DELETE FROM loyalty_program_member WHERE member_id = ? AND version = ?")) {
                p.setString(1, from.value());
                p.setLong(2, record.version());
                if (p.executeUpdate() != 1) {
                    return null; // rolled back by the caller of move
                }
            }
            moved = true;
        }
        for (ReceiptRecord r : records(c, from)) {
            ReceiptRecord next = r.pseudonymised(to);
            try (PreparedStatement p = c.prepareStatement("UPDATE loyalty_program_record SET member_id = ?,"
                    + " record = ?, personal = ? WHERE record_key = ?")) {
                p.setString(1, to.value());
                p.setString(2, ProgramCodec.record(next));
                p.setBoolean(3, next.holdsPersonalData());
                p.setString(4, r.key().value());
                p.executeUpdate();
            }
            moved = true;
        }
        return moved;
    }

    /**
     * {@inheritDoc} Reads only the records marked as holding personal data, by the index of
     * schema 16 on {@code (personal, business_time)}, and clears the mark of each it has seen.
     *
     * @throws JdbcStoreException if the database fails; the records changed before it stay changed
     */
    @Override
    public long dropPersonalData(Instant before) {
        Objects.requireNonNull(before, "instant must not be null");
        // business_time keeps the microsecond: the records of before's microsecond are read, the exact test is below
        long changed = 0;
        if (!before.isAfter(FIRST)) {
            return 0; // business times are in years 1 to 9999
        }
        try (Connection c = dataSource.getConnection()) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT record_key, kind, member_id, record"
                    + " FROM loyalty_program_record WHERE personal = TRUE AND business_time <= ?")) {
                LedgerRows.setInstant(p, 1, before.isAfter(LAST_MICRO) ? LAST_MICRO : before);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
                    }
                }
            }
            for (String[] row : rows) {
                ReceiptRecord r = ProgramCodec.record(ReceiptRecord.Kind.valueOf(row[1]), new IdempotencyKey(row[0]),
                        MemberId.of(row[2]), row[3]);
                if (!r.at().isBefore(before)) {
                    continue;
                }
                boolean drops = r.holdsPersonalData();
                try (PreparedStatement p = c.prepareStatement("UPDATE loyalty_program_record SET record = ?,"
                        + " personal = FALSE WHERE record_key = ? AND member_id = ?")) {
                    // an erasure in between moved the record: it has no personal data left to drop
                    p.setString(1, ProgramCodec.record(r.withoutPersonalData()));
                    p.setString(2, row[0]);
                    p.setString(3, row[2]);
                    if (p.executeUpdate() == 1 && drops) {
                        changed++;
                    }
                }
            }
            return changed;
        } catch (SQLException e) {
            throw new JdbcStoreException("could not drop personal data from records dated before " + before + " ("
                    + changed + " changed): " + JdbcStoreException.describe(e), e);
        }
    }

    /**
     * {@inheritDoc} Reads by the typed time of schema 15 ({@code business_time} to the microsecond,
     * {@code business_nano} below it), in time order by the index of schema 16 on {@code (business_time,
     * business_nano, record_key)}, a page at a time from the record after which to go on. The records of
     * one instant are put in key order here (as {@link ProgramStore#timeOrder()} compares keys, whatever
     * the database's collation); so a page that ends inside an instant leaves that instant to the next
     * read, and reads more rows at once only when one instant holds more than a page.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public List<ReceiptRecord> recordsByTime(Instant from, Instant to, ReceiptRecord after, int limit) {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        if (limit <= 0) {
            throw new IllegalArgumentException("page size must be positive; got " + limit);
        }
        if (!from.isBefore(to)) {
            return List.of();
        }
        Comparator<ReceiptRecord> order = ProgramStore.timeOrder();
        Instant start = after == null || after.at().isBefore(from) ? from : after.at();
        // business times are in years 1 to 9999; a bound beyond takes in all on its side
        boolean low = start.isAfter(FIRST);
        boolean high = to.isBefore(LAST);
        String sql = "SELECT record_key, kind, member_id, record FROM loyalty_program_record WHERE "
                + (low ? "(business_time > ? OR (business_time = ? AND business_nano >= ?))" : "1 = 1")
                + (high ? " AND (business_time < ? OR (business_time = ? AND business_nano < ?))" : "")
                + " ORDER BY business_time, business_nano LIMIT ";
        try (Connection c = dataSource.getConnection()) {
            for (int rows = limit + 1; ; rows = (int) Math.min(Integer.MAX_VALUE - 8L, rows * 2L)) {
                List<ReceiptRecord> read = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(sql + rows)) {
                    int i = 1;
                    if (low) {
                        i = bindInstant(p, i, start);
                    }
                    if (high) {
                        bindInstant(p, i, to);
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            read.add(ProgramCodec.record(ReceiptRecord.Kind.valueOf(rs.getString(2)),
                                    new IdempotencyKey(rs.getString(1)), MemberId.of(rs.getString(3)), rs.getString(4)));
                        }
                    }
                }
                boolean complete = read.size() < rows;
                // without the last instant read (it may go on past the rows read), unless all was read
                Instant open = complete ? null : read.get(read.size() - 1).at();
                List<ReceiptRecord> out = new ArrayList<>();
                for (ReceiptRecord r : read) {
                    if (open != null && r.at().equals(open)) {
                        continue;
                    }
                    if (!r.at().isBefore(from) && r.at().isBefore(to) && (after == null || order.compare(r, after) > 0)) {
                        out.add(r);
                    }
                }
                if (complete || out.size() >= limit || rows >= Integer.MAX_VALUE - 8) {
                    out.sort(order);
                    return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
                }
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not read the records from " + from + " to " + to + ": " + JdbcStoreException.describe(e),
                    e);
        }
    }

    /**
     * Binds an instant as three parameters from {@code at}: its microsecond twice, then the nanoseconds
     * below it, as {@code (business_time > ? OR (business_time = ? AND business_nano >= ?))} compares them.
     *
     * @return the next parameter's index
     */
    private static int bindInstant(PreparedStatement p, int at, Instant t) throws SQLException {
        LedgerRows.setInstant(p, at, t);
        LedgerRows.setInstant(p, at + 1, t);
        p.setInt(at + 2, ProgramRecordColumns.subMicros(t));
        return at + 3;
    }

    /**
     * {@inheritDoc} Summed in SQL over the typed columns of schema 15 ({@link ProgramRecordColumns}),
     * by the index on {@code (business_time, kind)}, in four statements of one read-only transaction:
     * the counts and distinct members, the per-store counts, the spend per store and money currency,
     * and the points per kind, store and point currency (joined to {@code loyalty_program_award}). No
     * record is loaded or decoded. A return counts at the store its purchase had when the return was
     * stored.
     *
     * @throws JdbcStoreException if the database fails
     */
    @Override
    public ProgramActivity activity(Instant from, Instant to) {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("a report period must end after it starts; got from " + from + " to " + to);
        }
        try (Connection c = dataSource.getConnection()) {
            return ProgramReportQueries.activity(c, from, to);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not sum the program's records from " + from + " to " + to + ": "
                    + JdbcStoreException.describe(e), e);
        }
    }

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");
    /** The last microsecond a business time can have. */
    private static final Instant LAST_MICRO = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static List<ReceiptRecord> records(Connection c, MemberId member) throws SQLException {
        List<ReceiptRecord> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT record_key, kind, record FROM loyalty_program_record WHERE member_id = ?")) {
            p.setString(1, member.value());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(ProgramCodec.record(ReceiptRecord.Kind.valueOf(rs.getString(2)),
                            new IdempotencyKey(rs.getString(1)), member, rs.getString(3)));
                }
            }
        }
        return out;
    }
}
