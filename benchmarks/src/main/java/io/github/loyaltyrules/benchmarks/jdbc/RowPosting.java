package io.github.loyaltyrules.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A posting of 10 points made with the very statements {@code JdbcLedgerStore} makes for it on
 * schema 2, but without the ledger: the read of the member's working set (the store's one
 * {@code UNION ALL} statement over the member row, purses, open lots and open reservations), then,
 * in one transaction, {@code UPDATE loyalty_member ... WHERE version = ?}, {@code UPDATE
 * loyalty_purse} (an {@code INSERT} the first time), the lot ({@code INSERT loyalty_lot} for an
 * earn, {@code UPDATE loyalty_lot} for a redemption), {@code INSERT loyalty_posting_key},
 * {@code INSERT loyalty_posting} and {@code INSERT loyalty_entry}, batched as the store batches them.
 * The rows are those {@code Ledger.earn} and {@code Ledger.redeem} write for {@link JdbcFixtures#PTS}
 * at {@link JdbcFixtures#T0} ({@code RowPostingTest} checks that the ledger reads them back as its own).
 *
 * <p>A member that holds no open lot earns 10 points (a new lot); one that holds one redeems it
 * whole. So a member's working set stays at one lot at most however long a benchmark runs, and
 * the figures measure the locking protocol rather than a growing read.
 *
 * <p>Two protocols keep concurrent writers of one member correct: {@link #optimistic} (as the
 * store does it: read with auto-commit, then write only if the version read is still current,
 * else roll back and start again) and {@link #locked} (one transaction: {@code SELECT ... FOR
 * UPDATE} of the member row, then the same read, in a snapshot taken after the lock under READ
 * COMMITTED, and the same writes). The version check stays in the locked variant: it is the same
 * statement, and under the lock it always passes.
 */
final class RowPosting {

    static final long AMOUNT = 10;

    private static final String CURRENCY = JdbcFixtures.PTS.code();
    private static final String TEXT = "CAST(NULL AS VARCHAR)";
    private static final String NUM = "CAST(NULL AS BIGINT)";
    private static final String TIME = "CAST(NULL AS TIMESTAMP WITH TIME ZONE)";

    /** The store's read of a member's working set (loyalty-jdbc's {@code BookQuery.SQL}); the member id is its four parameters. */
    static final String READ = "SELECT 0 AS kind, m.status AS a, m.status_reason AS b, CAST(" + TEXT + " AS VARCHAR) AS c, "
            + TEXT + " AS d, m.version AS n1, m.next_lot AS n2, m.next_entry AS n3,"
            + " m.enrolled_at AS t1, m.status_since AS t2, " + TIME + " AS t3, " + TIME + " AS t4"
            + " FROM loyalty_member m WHERE m.member_id = ?"
            + " UNION ALL SELECT 1, p.currency, " + TEXT + ", " + TEXT + ", " + TEXT + ", p.debt, "
            + NUM + ", " + NUM + ", p.last_activity, " + TIME + ", " + TIME + ", " + TIME
            + " FROM loyalty_purse p WHERE p.member_id = ?"
            + " UNION ALL SELECT 2, l.currency, l.source_key, " + TEXT + ", " + TEXT
            + ", l.lot_no, l.original, l.remaining, l.earned_at, l.available_at, l.expires_at, l.last_movement_at"
            + " FROM loyalty_lot l WHERE l.member_id = ? AND l.remaining > 0"
            + " UNION ALL SELECT 3, r.reservation_key, r.currency, r.status, CAST(r.lots AS VARCHAR),"
            + " r.amount, " + NUM + ", " + NUM + ", r.created_at, r.deadline, r.closed_at, " + TIME
            + " FROM loyalty_reservation r WHERE r.member_id = ? AND r.in_book = TRUE"
            + " ORDER BY kind, a, n1";
    static final String LOCK = "SELECT version FROM loyalty_member WHERE member_id = ? FOR UPDATE";
    static final String UPDATE_MEMBER = "UPDATE loyalty_member SET version = ?, status = ?, enrolled_at = ?,"
            + " status_since = ?, status_reason = ?, next_lot = ?, next_entry = ? WHERE member_id = ? AND version = ?";
    static final String UPDATE_PURSE = "UPDATE loyalty_purse SET balance = ?, debt = ?, last_activity = ?"
            + " WHERE member_id = ? AND currency = ?";
    static final String INSERT_PURSE = "INSERT INTO loyalty_purse (balance, debt, last_activity, member_id, currency)"
            + " VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_LOT = "INSERT INTO loyalty_lot (member_id, lot_no, currency, original, remaining,"
            + " earned_at, available_at, expires_at, source_key, last_movement_at, open_until, open_since)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE_LOT = "UPDATE loyalty_lot SET remaining = ?, last_movement_at = ?, open_until = ?,"
            + " open_since = ? WHERE member_id = ? AND lot_no = ?";
    /** Where a lot that never expires sorts among open lots (schema 7): after every lot that does. */
    static final java.time.OffsetDateTime NEVER = java.time.OffsetDateTime.parse("9999-12-31T23:59:59.999999Z");
    static final String INSERT_KEY = "INSERT INTO loyalty_posting_key (posting_key, member_id, business_at)"
            + " VALUES (?, ?, ?)";
    static final String INSERT_POSTING = "INSERT INTO loyalty_posting (member_id, posting_key, type, counterparty,"
            + " currency, amount, business_at, reason, target_key, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_ENTRY = "INSERT INTO loyalty_entry (member_id, seq, posting_key, posting_ord,"
            + " posting_type, type, currency, amount, held_delta, debt_delta, business_at, reason, lots)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private RowPosting() {
    }

    /** What a posting needs of the member's working set: the member row, the purse, the first open lot. */
    record Book(long version, String status, String statusReason, OffsetDateTime enrolledAt,
            OffsetDateTime statusSince, long nextLot, long nextEntry, boolean hasPurse, long debt, long balance,
            long openLot, long openLotRemaining) {
    }

    /**
     * Reads the member's working set with the store's statement.
     *
     * @throws IllegalStateException if the member has no row
     */
    static Book read(Connection c, String member) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(READ)) {
            for (int i = 1; i <= 4; i++) {
                p.setString(i, member);
            }
            try (ResultSet rs = p.executeQuery()) {
                boolean found = false;
                long version = 0;
                String status = null;
                String reason = null;
                OffsetDateTime enrolledAt = null;
                OffsetDateTime since = null;
                long nextLot = 0;
                long nextEntry = 0;
                boolean purse = false;
                long debt = 0;
                long balance = 0;
                long lot = -1;
                long lotRemaining = 0;
                while (rs.next()) {
                    switch (rs.getInt(1)) {
                        case 0 -> {
                            found = true;
                            status = rs.getString(2);
                            reason = rs.getString(3);
                            version = rs.getLong(6);
                            nextLot = rs.getLong(7);
                            nextEntry = rs.getLong(8);
                            enrolledAt = rs.getObject(9, OffsetDateTime.class);
                            since = rs.getObject(10, OffsetDateTime.class);
                        }
                        case 1 -> {
                            if (CURRENCY.equals(rs.getString(2))) {
                                purse = true;
                                debt = rs.getLong(6);
                            }
                        }
                        case 2 -> {
                            if (CURRENCY.equals(rs.getString(2))) {
                                long remaining = rs.getLong(8);
                                balance += remaining;
                                if (lot < 0) {
                                    lot = rs.getLong(6);
                                    lotRemaining = remaining;
                                }
                            }
                        }
                        default -> {
                            // an open reservation: none in these benchmarks
                        }
                    }
                }
                if (!found) {
                    throw new IllegalStateException("member " + member + " has no row");
                }
                return new Book(version, status, reason, enrolledAt, since, nextLot, nextEntry, purse, debt, balance,
                        lot, lotRemaining);
            }
        }
    }

    /**
     * Writes the member's next posting in the caller's transaction: an earn of {@value #AMOUNT}
     * points if the book read holds no open lot, else a redemption of its first open lot (which
     * holds {@value #AMOUNT}).
     *
     * @return false, having written nothing, if the member row's version is no longer the one read
     */
    static boolean write(Connection c, String member, Book book, String key) throws SQLException {
        boolean earn = book.openLot() < 0;
        if (!earn && book.openLotRemaining() != AMOUNT) {
            throw new IllegalStateException("member " + member + " holds a lot of " + book.openLotRemaining()
                    + " points; these benchmarks make lots of " + AMOUNT);
        }
        long lot = earn ? book.nextLot() : book.openLot();
        OffsetDateTime at = OffsetDateTime.ofInstant(JdbcFixtures.T0.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        try (PreparedStatement p = c.prepareStatement(UPDATE_MEMBER)) {
            p.setLong(1, book.version() + 1);
            p.setString(2, book.status());
            p.setObject(3, book.enrolledAt());
            p.setObject(4, book.statusSince());
            p.setString(5, book.statusReason());
            p.setLong(6, earn ? book.nextLot() + 1 : book.nextLot());
            p.setLong(7, book.nextEntry() + 1);
            p.setString(8, member);
            p.setLong(9, book.version());
            if (p.executeUpdate() != 1) {
                return false;
            }
        }
        long balance = book.balance() + (earn ? AMOUNT : -AMOUNT);
        int[] updated;
        try (PreparedStatement p = c.prepareStatement(UPDATE_PURSE)) {
            bindPurse(p, member, balance, book.debt(), at);
            p.addBatch();
            updated = p.executeBatch();
        }
        if (updated[0] == 0) {
            try (PreparedStatement p = c.prepareStatement(INSERT_PURSE)) {
                bindPurse(p, member, balance, book.debt(), at);
                p.addBatch();
                p.executeBatch();
            }
        }
        if (earn) {
            try (PreparedStatement p = c.prepareStatement(INSERT_LOT)) {
                p.setString(1, member);
                p.setLong(2, lot);
                p.setString(3, CURRENCY);
                p.setLong(4, AMOUNT);
                p.setLong(5, AMOUNT);
                p.setObject(6, at);
                p.setObject(7, at);
                p.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                p.setString(9, key);
                p.setObject(10, at);
                p.setObject(11, NEVER);
                p.setObject(12, at); // schema 13: its place in the oldest-first order
                p.addBatch();
                p.executeBatch();
            }
        } else {
            try (PreparedStatement p = c.prepareStatement(UPDATE_LOT)) {
                p.setLong(1, 0);
                p.setObject(2, at);
                p.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
                p.setNull(4, Types.TIMESTAMP_WITH_TIMEZONE);
                p.setString(5, member);
                p.setLong(6, lot);
                p.addBatch();
                p.executeBatch();
            }
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_KEY)) {
            p.setString(1, key);
            p.setString(2, member);
            p.setObject(3, at);
            p.executeUpdate();
        }
        String type = earn ? "EARN" : "REDEEM";
        String reason = earn ? "earn" : "redeem";
        try (PreparedStatement p = c.prepareStatement(INSERT_POSTING)) {
            p.setString(1, member);
            p.setString(2, key);
            p.setString(3, type);
            p.setNull(4, Types.VARCHAR);
            p.setString(5, CURRENCY);
            p.setLong(6, AMOUNT);
            p.setObject(7, at);
            p.setString(8, reason);
            p.setNull(9, Types.VARCHAR);
            p.setString(10, type + " for member " + member + " of " + AMOUNT + " " + CURRENCY + " at "
                    + JdbcFixtures.T0 + " (" + reason + ")");
            p.addBatch();
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement(INSERT_ENTRY)) {
            long delta = earn ? AMOUNT : -AMOUNT;
            p.setString(1, member);
            p.setLong(2, book.nextEntry());
            p.setString(3, key);
            p.setInt(4, 0);
            p.setString(5, type);
            p.setString(6, type);
            p.setString(7, CURRENCY);
            p.setLong(8, delta);
            p.setLong(9, 0);
            p.setLong(10, 0);
            p.setObject(11, at);
            p.setString(12, reason);
            p.setString(13, lot + ":" + delta + ":0");
            p.addBatch();
            p.executeBatch();
        }
        return true;
    }

    private static void bindPurse(PreparedStatement p, String member, long balance, long debt, OffsetDateTime at)
            throws SQLException {
        p.setLong(1, balance);
        p.setLong(2, debt);
        p.setObject(3, at);
        p.setString(4, member);
        p.setString(5, CURRENCY);
    }

    /**
     * Posts with optimistic versions, as the store does: reads on one borrowed connection with
     * auto-commit, writes in a transaction on another, and starts again on a stale version.
     *
     * @param stale counts the stale attempts
     */
    static void optimistic(DataSource db, String member, String key, LongAdder stale) throws SQLException {
        while (true) {
            Book book;
            try (Connection c = db.getConnection()) {
                book = read(c, member);
            }
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                if (write(c, member, book, key)) {
                    c.commit();
                    return;
                }
                c.rollback();
                stale.increment();
            }
        }
    }

    /** Posts under a row lock: lock the member row, read, write and commit in one transaction. */
    static void locked(DataSource db, String member, String key) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(LOCK)) {
                p.setString(1, member);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("member " + member + " has no row");
                    }
                }
            }
            Book book = read(c, member);
            if (!write(c, member, book, key)) {
                throw new IllegalStateException("the version of " + member + " changed under a row lock");
            }
            c.commit();
        }
    }
}
