package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.spi.TierTally;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tier report in SQL ({@link JdbcTierStore#tally}), over the columns of schema 16: GROUP BY
 * statements over {@code loyalty_tier_member} and {@code loyalty_tier_change}, without reading a
 * member's state. Portable between PostgreSQL and H2. Times are exact to the nanosecond: a typed
 * column keeps the microsecond and an INT column the nanoseconds below it, and a bound is bound as
 * both (see {@link #bind}); a member's next event is kept rounded down, so it is only ever read as
 * earlier than it is (the member is then left to the engine).
 */
final class TierReportQueries {

    /** {@code to} is before the member's clock: three parameters, {@code to} (see {@link #bind}). */
    private static final String BEFORE_CLOCK = "(m.clock_at > ? OR (m.clock_at = ? AND m.clock_nano > ?))";
    /** The members whose tier at {@code to} is their stored one: no event by then. */
    private static final String SETTLED = "SELECT m.tier, COUNT(*) FROM loyalty_tier_member m WHERE m.tallied"
            + " AND NOT " + BEFORE_CLOCK + " AND (m.next_event IS NULL OR m.next_event > ?) GROUP BY m.tier";
    /** The members whose tier at {@code to} is in their history: the last change at or before {@code to}, if any. */
    private static final String FROM_HISTORY = "SELECT c.to_tier, COUNT(*) FROM loyalty_tier_member m"
            + " LEFT JOIN (SELECT d.member_id, MAX(d.change_no) AS last_no FROM loyalty_tier_change d"
            + " WHERE d.changed_at < ? OR (d.changed_at = ? AND d.changed_nano <= ?) GROUP BY d.member_id) x"
            + " ON x.member_id = m.member_id"
            + " LEFT JOIN loyalty_tier_change c ON c.member_id = x.member_id AND c.change_no = x.last_no"
            + " WHERE m.tallied AND " + BEFORE_CLOCK + " GROUP BY c.to_tier";
    /** The changes of tallied members dated in {@code [from, to)}, per pair of tiers. */
    private static final String MOVES = "SELECT c.from_tier, c.to_tier, COUNT(*) FROM loyalty_tier_change c"
            + " JOIN loyalty_tier_member m ON m.member_id = c.member_id WHERE m.tallied"
            + " AND (c.changed_at > ? OR (c.changed_at = ? AND c.changed_nano >= ?))"
            + " AND (c.changed_at < ? OR (c.changed_at = ? AND c.changed_nano < ?)) GROUP BY c.from_tier, c.to_tier";
    /** The members left to the engine, with whether their row is tallied. */
    private static final String LEFT = "SELECT m.member_id, m.tallied FROM loyalty_tier_member m WHERE NOT m.tallied"
            + " OR (NOT " + BEFORE_CLOCK + " AND m.next_event IS NOT NULL AND m.next_event <= ?) ORDER BY m.member_id";

    private TierReportQueries() {
    }

    /** The tally; in one transaction at REPEATABLE READ unless the connection is in the caller's already. */
    static TierTally tally(Connection c, Instant from, Instant to, String baseTier) throws SQLException {
        return Transactions.snapshot(c, t -> read(t, from, to, baseTier));
    }

    private static TierTally read(Connection c, Instant from, Instant to, String baseTier) throws SQLException {
        Map<String, Long> members = new TreeMap<>();
        try (PreparedStatement p = c.prepareStatement(SETTLED)) {
            LedgerRows.setInstant(p, bind(p, 1, to), to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    members.merge(rs.getString(1), rs.getLong(2), Long::sum);
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(FROM_HISTORY)) {
            bind(p, bind(p, 1, to), to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String tier = rs.getString(1);
                    members.merge(tier == null ? baseTier : tier, rs.getLong(2), Long::sum);
                }
            }
        }
        List<TierTally.Move> moves = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(MOVES)) {
            bind(p, bind(p, 1, from), to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    moves.add(new TierTally.Move(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        List<MemberId> forecast = new ArrayList<>();
        List<MemberId> untallied = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(LEFT)) {
            LedgerRows.setInstant(p, bind(p, 1, to), to);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    (rs.getBoolean(2) ? forecast : untallied).add(MemberId.of(rs.getString(1)));
                }
            }
        }
        return new TierTally(members, moves, forecast, untallied);
    }

    /**
     * Binds an instant as three parameters from {@code at}: its microsecond twice, then the
     * nanoseconds below it, as {@code (t > ? OR (t = ? AND nano ...))} compares them.
     *
     * @return the next parameter's index
     */
    private static int bind(PreparedStatement p, int at, Instant t) throws SQLException {
        LedgerRows.setInstant(p, at, t);
        LedgerRows.setInstant(p, at + 1, t);
        p.setInt(at + 2, ProgramRecordColumns.subMicros(t));
        return at + 3;
    }
}
