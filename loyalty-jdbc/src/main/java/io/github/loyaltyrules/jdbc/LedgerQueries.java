package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.spi.LiftedHold;
import io.github.loyaltyrules.ledger.spi.Reversed;
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
 * The ledger store's reads of single rows and pages: postings by key, lots (open, to spend, by
 * number, all of a purse), reservations, reversal records and entries. Each is one statement on a
 * borrowed connection, through an index that leads with the member id (or the key), so that its
 * cost does not depend on the member's history; {@link JdbcLedgerStore} answers the SPI with them.
 */
final class LedgerQueries {

    private static final String POSTING_BY_KEY = "SELECT " + prefixed("p", LedgerRows.POSTING_COLUMNS) + ", "
            + prefixed("e", LedgerRows.ENTRY_COLUMNS) + " FROM loyalty_posting_key k"
            + " JOIN loyalty_posting p ON p.member_id = k.member_id AND p.posting_key = k.posting_key"
            + " LEFT JOIN loyalty_entry e ON e.posting_key = p.posting_key"
            + " AND (e.member_id = p.member_id OR e.member_id = p.counterparty)"
            + " WHERE k.posting_key = ? ORDER BY e.posting_ord";
    private static final String POSTING_OF_MEMBER = "SELECT " + prefixed("p", LedgerRows.POSTING_COLUMNS) + ", "
            + prefixed("e", LedgerRows.ENTRY_COLUMNS) + " FROM loyalty_posting p"
            + " LEFT JOIN loyalty_entry e ON e.posting_key = p.posting_key"
            + " AND (e.member_id = p.member_id OR e.member_id = p.counterparty)"
            + " WHERE p.member_id = ? AND p.posting_key = ? ORDER BY e.posting_ord";
    private static final int POSTING_WIDTH = 10;

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;

    LedgerQueries(DataSource dataSource, int queryTimeoutSeconds) {
        this.dataSource = dataSource;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
    }

    /**
     * Reads the open lots a spend takes first, through the index of the order: {@code loyalty_lot_spending} (schema 7)
     * for soonest expiry first, {@code loyalty_lot_oldest} (schema 13) for oldest first; each holds
     * open lots only, so that the spent lots of a long history are never read.
     *
     * @throws JdbcStoreException if the database fails
     */
    List<Lot> lotsToSpend(MemberId member, String currency, ConsumptionOrder order, Instant at, int limit) {
        Objects.requireNonNull(order, "order must not be null");
        String sql = order == ConsumptionOrder.OLDEST_FIRST ? LedgerRows.LOTS_TO_SPEND_OLDEST : LedgerRows.LOTS_TO_SPEND;
        return query("read the lots member " + member + " spends first", c -> {
            try (PreparedStatement p = prepare(c, sql)) {
                p.setString(1, member.value());
                p.setString(2, currency);
                LedgerRows.setInstant(p, 3, at);
                p.setInt(4, limit);
                List<Lot> lots = new ArrayList<>(Math.min(limit, 64));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        lots.add(LedgerRows.lot(rs, 2));
                    }
                }
                return lots;
            }
        });
    }

    Optional<Posting> posting(IdempotencyKey key) {
        Objects.requireNonNull(key, "key must not be null");
        return query("read posting " + key, c -> {
            try (PreparedStatement p = prepare(c, POSTING_BY_KEY)) {
                p.setString(1, key.value());
                return readPosting(p);
            }
        });
    }

    Optional<Posting> posting(MemberId member, IdempotencyKey key) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(key, "key must not be null");
        return query("read posting " + key + " of member " + member, c -> {
            try (PreparedStatement p = prepare(c, POSTING_OF_MEMBER)) {
                p.setString(1, member.value());
                p.setString(2, key.value());
                return readPosting(p);
            }
        });
    }

    private static Optional<Posting> readPosting(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            List<Entry> entries = new ArrayList<>(2);
            ResultSet first = rs;
            Posting head = LedgerRows.posting(first, 1, List.of());
            do {
                if (rs.getString(POSTING_WIDTH + 1) != null) {
                    entries.add(LedgerRows.entry(rs, POSTING_WIDTH + 1));
                }
            } while (rs.next());
            return Optional.of(new Posting(head.key(), head.type(), head.member(), head.counterparty(),
                    head.currency(), head.amount(), head.at(), head.reason(), head.target(), head.fingerprint(),
                    entries));
        }
    }

    /** The most lot numbers one statement of {@link #lotsByNumber} asks for. */
    private static final int LOTS_PER_READ = 500;

    Optional<Lot> lot(MemberId member, LotId lot) {
        return query("read lot " + lot + " of member " + member, c -> {
            try (PreparedStatement p = prepare(c, "SELECT " + LedgerRows.LOT_COLUMNS
                    + " FROM loyalty_lot WHERE member_id = ? AND lot_no = ?")) {
                p.setString(1, member.value());
                p.setLong(2, lot.value());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(LedgerRows.lot(rs, 2)) : Optional.empty();
                }
            }
        });
    }

    /** One statement per 500 lots. */
    List<Lot> lotsByNumber(MemberId member, List<LotId> lots) {
        Objects.requireNonNull(member, "member must not be null");
        if (lots.isEmpty()) {
            return List.of();
        }
        return query("read " + lots.size() + " lots of member " + member, c -> {
            List<Lot> found = new ArrayList<>(lots.size());
            for (int from = 0; from < lots.size(); from += LOTS_PER_READ) {
                List<LotId> chunk = lots.subList(from, Math.min(lots.size(), from + LOTS_PER_READ));
                StringBuilder sql = new StringBuilder("SELECT ").append(LedgerRows.LOT_COLUMNS)
                        .append(" FROM loyalty_lot WHERE member_id = ? AND lot_no IN (?");
                for (int i = 1; i < chunk.size(); i++) {
                    sql.append(", ?");
                }
                try (PreparedStatement p = prepare(c, sql.append(')').toString())) {
                    p.setString(1, member.value());
                    for (int i = 0; i < chunk.size(); i++) {
                        p.setLong(i + 2, chunk.get(i).value());
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            found.add(LedgerRows.lot(rs, 2));
                        }
                    }
                }
            }
            return found;
        });
    }

    List<Lot> lots(MemberId member, String currency) {
        return lots(member, currency, "");
    }

    List<Lot> openLots(MemberId member, String currency) {
        return lots(member, currency, " AND remaining > 0");
    }

    private List<Lot> lots(MemberId member, String currency, String condition) {
        return query("read the lots of member " + member, c -> {
            try (PreparedStatement p = prepare(c, "SELECT " + LedgerRows.LOT_COLUMNS
                    + " FROM loyalty_lot WHERE member_id = ? AND currency = ?" + condition + " ORDER BY lot_no")) {
                p.setString(1, member.value());
                p.setString(2, currency);
                List<Lot> lots = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        lots.add(LedgerRows.lot(rs, 2));
                    }
                }
                return lots;
            }
        });
    }

    Optional<Reservation> reservation(MemberId member, IdempotencyKey key) {
        List<Reservation> found = reservations(member, key);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    List<Reservation> reservations(MemberId member) {
        return reservations(member, null);
    }

    private List<Reservation> reservations(MemberId member, IdempotencyKey key) {
        return query("read the reservations of member " + member, c -> {
            try (PreparedStatement p = prepare(c, "SELECT " + LedgerRows.RESERVATION_COLUMNS
                    + " FROM loyalty_reservation WHERE member_id = ?" + (key == null ? "" : " AND reservation_key = ?"))) {
                p.setString(1, member.value());
                if (key != null) {
                    p.setString(2, key.value());
                }
                List<Reservation> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(LedgerRows.reservation(rs, 1));
                    }
                }
                return out;
            }
        });
    }

    Optional<Reversed> reversed(MemberId member, IdempotencyKey posting) {
        return query("read the reversals of posting " + posting, c -> {
            try (PreparedStatement p = prepare(c,
                    "SELECT amount, lots FROM loyalty_reversal WHERE member_id = ? AND posting_key = ?")) {
                p.setString(1, member.value());
                p.setString(2, posting.value());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? Optional.of(LedgerRows.reversed(rs, 1)) : Optional.empty();
                }
            }
        });
    }

    List<Entry> entries(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        return entries(member, "SELECT " + LedgerRows.ENTRY_COLUMNS
                + " FROM loyalty_entry WHERE member_id = ? ORDER BY seq", Long.MIN_VALUE, 0);
    }

    List<LiftedHold> liftedHolds(MemberId member, String currency) {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(currency, "currency must not be null");
        return query("read the ended expiry holds of member " + member, c -> {
            try (PreparedStatement p = prepare(c, "SELECT held_since, ended_at, inactivity_restarted"
                    + " FROM loyalty_expiry_hold WHERE member_id = ? AND currency = ? ORDER BY held_since, member_version")) {
                p.setString(1, member.value());
                p.setString(2, currency);
                List<LiftedHold> holds = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        holds.add(new LiftedHold(currency, LedgerRows.instant(rs, 1), LedgerRows.instant(rs, 2),
                                rs.getBoolean(3)));
                    }
                }
                return holds;
            }
        });
    }

    List<Entry> entries(MemberId member, long beforeSequence, int limit) {
        Objects.requireNonNull(member, "member must not be null");
        if (limit <= 0) {
            throw new IllegalArgumentException("page size must be positive; got " + limit);
        }
        return entries(member, "SELECT " + LedgerRows.ENTRY_COLUMNS
                + " FROM loyalty_entry WHERE member_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?", beforeSequence, limit);
    }

    private List<Entry> entries(MemberId member, String sql, long before, int limit) {
        return query("read the entries of member " + member, c -> {
            try (PreparedStatement p = prepare(c, sql)) {
                p.setString(1, member.value());
                if (limit > 0) {
                    p.setLong(2, before);
                    p.setInt(3, limit);
                }
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        entries.add(LedgerRows.entry(rs, 1));
                    }
                }
                return entries;
            }
        });
    }


    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        if (queryTimeoutSeconds > 0) {
            p.setQueryTimeout(queryTimeoutSeconds);
        }
        return p;
    }

    <T> T query(String what, Transactions.Work<T> q) {
        try (Connection c = dataSource.getConnection()) {
            return q.run(c);
        } catch (SQLException e) {
            throw new JdbcStoreException("could not " + what + ": " + JdbcStoreException.describe(e), e);
        }
    }

    private static String prefixed(String alias, String columns) {
        StringBuilder sb = new StringBuilder();
        for (String c : columns.split(",")) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(alias).append('.').append(c.strip());
        }
        return sb.toString();
    }
}
