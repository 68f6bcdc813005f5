package io.github.loyaltyrules.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How the change feed gives committed rows their positions (schema 10): rows are written with no
 * position ({@code feed_pos} NULL), so a commit costs what it did before; a reader first stamps the
 * rows that have none with numbers from {@code loyalty_feed_seq}, in a short transaction that holds
 * its table's row of {@code loyalty_feed_lock}, then reads by position.
 *
 * <p>Why it misses nothing: stamping transactions run one at a time (the lock row) and each takes
 * numbers only after the one before it committed, so every number a later stamping gives is higher
 * than every number already visible; a row committed after a stamping began is stamped by a later
 * one. A reader that has seen position n has therefore seen every position below n that will ever
 * exist, and a reader resuming after n is given exactly the rows stamped above it. A row that was
 * rolled back never existed, so it is never stamped. Sequence numbers themselves are handed out
 * before commit and may go to a transaction that commits late: that is why they are not taken by
 * the writers (the trap of a plain identity column, where a reader that saw n can miss n - 1).
 *
 * <p>The sequence must keep its default {@code CACHE 1}: with a cache, sessions would hand out
 * numbers out of order.
 */
final class FeedStamps {

    /** The most rows one stamping transaction stamps; a reader runs as many as there are rows without a position. */
    static final int CHUNK = 5_000;

    private FeedStamps() {
    }

    /**
     * Stamps every row of a table that has no position yet, one chunk per transaction, each holding
     * the table's lock row; returns the number stamped.
     *
     * @param table {@code loyalty_posting} or {@code loyalty_tier_change}
     * @param key the table's primary key columns, e.g. {@code member_id, posting_key}
     */
    static int stamp(Connection c, CommitWriter.Preparer prep, TransactionOwner owner, boolean postgres, String table,
            String key) throws SQLException {
        String next = postgres ? "nextval('loyalty_feed_seq')" : "NEXT VALUE FOR loyalty_feed_seq";
        String update = "UPDATE " + table + " SET feed_pos = " + next + " WHERE feed_pos IS NULL AND (" + key
                + ") IN (SELECT " + key + " FROM " + table + " WHERE feed_pos IS NULL LIMIT " + CHUNK + ")";
        int total = 0;
        int conflicts = 0;
        while (unstamped(c, prep, table)) {
            int stamped;
            try {
                stamped = Transactions.inTransaction(c, owner, t -> {
                    try (PreparedStatement p = prep.prepare(t,
                            "SELECT source FROM loyalty_feed_lock WHERE source = ? FOR UPDATE")) {
                        p.setString(1, table);
                        try (ResultSet rs = p.executeQuery()) {
                            if (!rs.next()) {
                                throw new SQLException("the feed's lock row for " + table + " is missing from"
                                        + " loyalty_feed_lock; was the schema migrated to version 10?");
                            }
                        }
                    }
                    try (PreparedStatement p = prep.prepare(t, update)) {
                        return p.executeUpdate();
                    }
                }, r -> true);
            } catch (SQLException e) {
                // an erasure moving the same rows got in the way: stamp again
                if (Transactions.conflicted(e) && ++conflicts < 10) {
                    continue;
                }
                throw e;
            }
            total += stamped;
            if (stamped < CHUNK) {
                break;
            }
        }
        return total;
    }

    /** Whether the table holds a row without a position (one index look-up). */
    private static boolean unstamped(Connection c, CommitWriter.Preparer prep, String table) throws SQLException {
        try (PreparedStatement p = prep.prepare(c, "SELECT 1 FROM " + table + " WHERE feed_pos IS NULL LIMIT 1");
                ResultSet rs = p.executeQuery()) {
            return rs.next();
        }
    }
}
