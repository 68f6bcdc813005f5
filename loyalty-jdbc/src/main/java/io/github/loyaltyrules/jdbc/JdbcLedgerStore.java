package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link LedgerStore} in a relational database over plain JDBC: PostgreSQL is the reference
 * dialect, H2 the embedded one. The caller brings the driver and a {@link DataSource} (with a
 * connection pool of their choice).
 *
 * <p>Each commit is one database transaction: the member rows are updated only where their
 * version is still the one the ledger read, the posting's key is inserted under a primary key
 * (so a request retried on another server cannot post twice), and the entries are appended. A
 * stale version or a duplicate key rolls everything back. Several servers with their own store
 * instances can therefore write the same members at once: none loses an update or spends a
 * point twice. Reading a member's balance is one query of one row.
 *
 * <p>Create the tables with {@link #migrate()} once, or apply the scripts listed by
 * {@link #migrationScripts()} with your own migration tool.
 */
public final class JdbcLedgerStore implements LedgerStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final List<String> SCRIPTS = List.of("V1__ledger.sql", "V2__quotas.sql", "V3__tiers.sql",
            "V4__program.sql");
    private static final String SCRIPT_DIR = "/io/github/loyaltyrules/jdbc/migration/";

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;

    private JdbcLedgerStore(DataSource dataSource, int queryTimeoutSeconds) {
        this.dataSource = dataSource;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /**
     * Returns a store over a data source, with no statement timeout.
     *
     * @param dataSource where connections come from
     * @return the store
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static JdbcLedgerStore of(DataSource dataSource) {
        return new JdbcLedgerStore(Objects.requireNonNull(dataSource, "data source must not be null"), 0);
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
        return new JdbcLedgerStore(dataSource, Math.toIntExact(timeout.getSeconds()));
    }

    /**
     * Returns the names of the schema scripts, in the order to apply them, for a caller who uses
     * their own migration tool; each is a resource under {@code /io/github/loyaltyrules/jdbc/migration/}.
     *
     * @return the script names, e.g. {@code V1__ledger.sql}
     */
    public static List<String> migrationScripts() {
        return SCRIPTS;
    }

    /**
     * Creates or upgrades the store's tables: applies each schema script not yet recorded in
     * {@code loyalty_schema_history}, each in its own transaction. Run it from one process at a time
     * (at deployment); running it again does nothing.
     *
     * @return the number of scripts applied
     * @throws JdbcStoreException if the database fails
     */
    public int migrate() {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS loyalty_schema_history ("
                        + "version INT NOT NULL PRIMARY KEY, script VARCHAR(200) NOT NULL)");
            }
            int applied = 0;
            for (int i = 0; i < SCRIPTS.size(); i++) {
                int version = i + 1;
                if (recorded(c, version)) {
                    continue;
                }
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(script(SCRIPTS.get(i)))) {
                        s.execute(sql);
                    }
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO loyalty_schema_history (version, script) VALUES (?, ?)")) {
                        p.setInt(1, version);
                        p.setString(2, SCRIPTS.get(i));
                        p.executeUpdate();
                    }
                    c.commit();
                    applied++;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
            return applied;
        } catch (SQLException e) {
            throw new JdbcStoreException("could not migrate the loyalty schema: " + e.getMessage(), e);
        }
    }

    private static boolean recorded(Connection c, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM loyalty_schema_history WHERE version = ?")) {
            p.setInt(1, version);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String script(String name) {
        try (InputStream in = JdbcLedgerStore.class.getResourceAsStream(SCRIPT_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("schema script " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read schema script " + name, e);
        }
    }

    /** Splits a script into statements: drops comment lines, splits at semicolons that end a line. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("schema script ends without ';' after: " + current);
        }
        return out;
    }

    @Override
    public Optional<MemberBook> book(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        return query("read the book of member " + member, c -> {
            try (PreparedStatement p = prepare(c, "SELECT book FROM loyalty_member WHERE member_id = ?")) {
                p.setString(1, member.value());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(Codec.book(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<Posting> posting(IdempotencyKey key) {
        Objects.requireNonNull(key, "key must not be null");
        return query("read posting " + key, c -> {
            try (PreparedStatement p = prepare(c, "SELECT body FROM loyalty_posting WHERE posting_key = ?")) {
                p.setString(1, key.value());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(Codec.posting(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Entry> entries(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        return query("read the entries of member " + member, c -> {
            try (PreparedStatement p = prepare(c,
                    "SELECT body FROM loyalty_entry WHERE member_id = ? ORDER BY seq")) {
                p.setString(1, member.value());
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        entries.add(Codec.entry(rs.getString(1)));
                    }
                }
                return entries;
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

    @Override
    public CommitResult apply(Commit commit) {
        Objects.requireNonNull(commit, "commit must not be null");
        List<MemberBook> books = new ArrayList<>(commit.books());
        // A fixed order of row locks, so that two commits on the same two members cannot deadlock.
        books.sort(Comparator.comparing(b -> b.account().member()));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                CommitResult result = write(c, books, commit);
                if (result == CommitResult.APPLIED) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return result;
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                if (UNIQUE_VIOLATION.equals(e.getSQLState()) && commit.posting() == null) {
                    return CommitResult.STALE;
                }
                String state = e.getSQLState();
                if ("40001".equals(state) || "40P01".equals(state)) {
                    return CommitResult.STALE;
                }
                throw new JdbcStoreException("could not apply a commit for " + members(books)
                        + " (rolled back; retrying with the same key is safe): " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new JdbcStoreException("could not apply a commit for " + members(books)
                    + "; if the commit itself failed its outcome is unknown, and retrying with the same key is safe: "
                    + e.getMessage(), e);
        }
    }

    private CommitResult write(Connection c, List<MemberBook> books, Commit commit) throws SQLException {
        for (MemberBook book : books) {
            if (book.version() == 1) {
                try (PreparedStatement p = prepare(c,
                        "INSERT INTO loyalty_member (member_id, version, status, book) VALUES (?, ?, ?, ?)")) {
                    p.setString(1, book.account().member().value());
                    p.setLong(2, book.version());
                    p.setString(3, book.account().status().name());
                    p.setString(4, Codec.book(book));
                    p.executeUpdate();
                } catch (SQLException e) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return CommitResult.STALE;
                    }
                    throw e;
                }
            } else {
                try (PreparedStatement p = prepare(c, "UPDATE loyalty_member SET version = ?, status = ?, book = ?"
                        + " WHERE member_id = ? AND version = ?")) {
                    p.setLong(1, book.version());
                    p.setString(2, book.account().status().name());
                    p.setString(3, Codec.book(book));
                    p.setString(4, book.account().member().value());
                    p.setLong(5, book.version() - 1);
                    if (p.executeUpdate() != 1) {
                        return CommitResult.STALE;
                    }
                }
            }
        }
        Posting posting = commit.posting();
        if (posting != null) {
            try (PreparedStatement p = prepare(c, "INSERT INTO loyalty_posting"
                    + " (posting_key, member_id, type, currency, amount, business_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, posting.key().value());
                p.setString(2, posting.member().value());
                p.setString(3, posting.type().name());
                p.setString(4, posting.currency());
                p.setLong(5, posting.amount());
                p.setString(6, posting.at().toString());
                p.setString(7, Codec.posting(posting));
                p.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return CommitResult.DUPLICATE_KEY;
                }
                throw e;
            }
        }
        if (!commit.entries().isEmpty()) {
            try (PreparedStatement p = prepare(c, "INSERT INTO loyalty_entry (member_id, seq, posting_key, type,"
                    + " currency, amount, debt_delta, business_at, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Entry e : commit.entries()) {
                    p.setString(1, e.member().value());
                    p.setLong(2, e.sequence());
                    p.setString(3, e.posting().value());
                    p.setString(4, e.type().name());
                    p.setString(5, e.currency());
                    p.setLong(6, e.amount());
                    p.setLong(7, e.debtDelta());
                    p.setString(8, e.at().toString());
                    p.setString(9, Codec.entry(e));
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        return CommitResult.APPLIED;
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        if (queryTimeoutSeconds > 0) {
            p.setQueryTimeout(queryTimeoutSeconds);
        }
        return p;
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static String members(List<MemberBook> books) {
        List<String> ids = new ArrayList<>();
        for (MemberBook b : books) {
            ids.add(b.account().member().value());
        }
        return "members " + ids;
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(String what, Query<T> q) {
        try (Connection c = dataSource.getConnection()) {
            return q.run(c);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not " + what + ": " + e.getMessage(), e);
        }
    }
}
