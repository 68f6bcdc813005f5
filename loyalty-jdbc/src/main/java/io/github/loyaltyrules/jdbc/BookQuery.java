package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a member's working set (the member row, its purses, its open lots and the reservations in
 * its book) with one SQL statement: four selects joined by {@code UNION ALL}, one row per part,
 * told apart by the first column. Spent lots and closed reservations are not read: the lots come
 * through the index {@code loyalty_lot_open (member_id, remaining)} from {@code remaining > 0} on, so
 * the read costs the same however much history the member has.
 *
 * <p>Columns: kind, a, b, c, d (text), n1, n2, n3 (numbers), t1 to t4 (times).
 */
final class BookQuery {

    private static final int MEMBER = 0;
    private static final int PURSE = 1;
    private static final int LOT = 2;
    private static final int RESERVATION = 3;
    private static final int KEY = 4;

    private static final String TEXT = "CAST(NULL AS VARCHAR)";
    private static final String NUM = "CAST(NULL AS BIGINT)";
    private static final String TIME = "CAST(NULL AS TIMESTAMP WITH TIME ZONE)";

    /** The statement for the store's whole book: the member id is its four parameters. */
    static final String SQL = sql(TEXT, "", true, false);

    /**
     * The statement for a posting's working set: as {@link #SQL} without the lots (each purse
     * comes with its balance only, and the ledger reads the lots if the posting needs them); the
     * member id is its three parameters.
     */
    static final String SQL_WITHOUT_LOTS = sql(TEXT, "", false, false);

    /**
     * The statement a posting starts with: as {@link #SQL_WITHOUT_LOTS}, plus a row if its
     * idempotency key is in the index already (then the posting is a retry or a conflict); the
     * member id is its first three parameters and the key its fourth.
     */
    static final String SQL_WITH_KEY = sql(TEXT, "", false, true);

    /**
     * The statement for the point of sale: as {@link #SQL}, with the member's tier state (or NULL)
     * in column c of the member row.
     */
    static final String SQL_WITH_TIER = sql("t.state",
            " LEFT JOIN loyalty_tier_member t ON t.member_id = m.member_id", true, false);

    private BookQuery() {
    }

    private static String sql(String memberExtra, String memberJoin, boolean lots, boolean key) {
        return "SELECT " + MEMBER + " AS kind, m.status AS a, m.status_reason AS b, CAST(" + memberExtra
                + " AS VARCHAR) AS c, " + TEXT + " AS d, m.version AS n1, m.next_lot AS n2, m.next_entry AS n3,"
                + " m.enrolled_at AS t1, m.status_since AS t2, " + TIME + " AS t3, " + TIME + " AS t4"
                + " FROM loyalty_member m" + memberJoin + " WHERE m.member_id = ?"
                + " UNION ALL SELECT " + PURSE + ", p.currency, " + TEXT + ", " + TEXT + ", " + TEXT + ", p.debt, "
                + "p.balance, " + NUM + ", p.last_activity, p.expiry_held_since, " + TIME + ", " + TIME
                + " FROM loyalty_purse p WHERE p.member_id = ?"
                + (lots ? " UNION ALL SELECT " + LOT + ", l.currency, l.source_key, " + TEXT + ", " + TEXT
                + ", l.lot_no, l.original, l.remaining, l.earned_at, l.available_at, l.expires_at, l.last_movement_at"
                + " FROM loyalty_lot l WHERE l.member_id = ? AND l.remaining > 0" : "")
                + " UNION ALL SELECT " + RESERVATION + ", r.reservation_key, r.currency, r.status, CAST(r.lots AS VARCHAR),"
                + " r.amount, " + NUM + ", " + NUM + ", r.created_at, r.deadline, r.closed_at, " + TIME
                + " FROM loyalty_reservation r WHERE r.member_id = ? AND r.in_book = TRUE"
                + (key ? " UNION ALL SELECT " + KEY + ", k.member_id, " + TEXT + ", " + TEXT + ", " + TEXT + ", " + NUM
                + ", " + NUM + ", " + NUM + ", " + TIME + ", " + TIME + ", " + TIME + ", " + TIME
                + " FROM loyalty_posting_key k WHERE k.posting_key = ?" : "")
                + " ORDER BY kind, a, n1";
    }

    /**
     * Binds the member id to each parameter of one of this class's statements: one for each select
     * of the union, whose lots' select is there ({@code lots}) or not.
     */
    static void bind(PreparedStatement p, boolean lots, MemberId member) throws SQLException {
        for (int i = 1, n = lots ? 4 : 3; i <= n; i++) {
            p.setString(i, member.value());
        }
    }

    /**
     * A book read, with the text of column c of the member row (the tier state, for the point of
     * sale), and whether the key asked for is in the idempotency index ({@link #SQL_WITH_KEY}).
     */
    record Read(MemberBook book, String extra, boolean keyUsed) {
    }

    /**
     * Reads the rows of one member.
     *
     * @return the book, or null if there is neither a member row nor a key row; a read with a key
     *     row and no member row has a null book
     */
    static Read read(MemberId member, ResultSet rs, boolean lots) throws SQLException {
        Account account = null;
        long version = 0;
        long nextLot = 0;
        long nextEntry = 0;
        String extra = null;
        Map<String, PurseRow> purses = new HashMap<>();
        Map<IdempotencyKey, Reservation> reservations = new HashMap<>();
        boolean keyUsed = false;
        while (rs.next()) {
            switch (rs.getInt(1)) {
                case MEMBER -> {
                    account = new Account(member, AccountStatus.valueOf(rs.getString(2)), LedgerRows.instant(rs, 9),
                            LedgerRows.instant(rs, 10), rs.getString(3));
                    extra = rs.getString(4);
                    version = rs.getLong(6);
                    nextLot = rs.getLong(7);
                    nextEntry = rs.getLong(8);
                }
                case PURSE -> purses.computeIfAbsent(rs.getString(2), PurseRow::new).set(rs.getLong(6),
                        rs.getLong(7), LedgerRows.instant(rs, 9), LedgerRows.instant(rs, 10));
                case LOT -> {
                    String currency = rs.getString(2);
                    purses.computeIfAbsent(currency, PurseRow::new).lots.add(new Lot(LotId.of(rs.getLong(6)), currency,
                            rs.getLong(7), rs.getLong(8), LedgerRows.instant(rs, 9), LedgerRows.instant(rs, 10),
                            LedgerRows.instant(rs, 11), LedgerRows.key(rs, 3), LedgerRows.instant(rs, 12)));
                }
                case RESERVATION -> {
                    Reservation r = new Reservation(new IdempotencyKey(rs.getString(2)), member, rs.getString(3),
                            rs.getLong(6), LedgerRows.instant(rs, 9), LedgerRows.instant(rs, 10),
                            ReservationStatus.valueOf(rs.getString(4)), LedgerRows.instant(rs, 11),
                            LedgerRows.moves(rs.getString(5)));
                    reservations.put(r.key(), r);
                }
                case KEY -> keyUsed = true;
                default -> throw new IllegalStateException("unexpected row kind " + rs.getInt(1));
            }
        }
        if (account == null) {
            return keyUsed ? new Read(null, null, true) : null;
        }
        Map<String, Purse> frozen = new HashMap<>();
        for (PurseRow p : purses.values()) {
            frozen.put(p.currency, lots ? new Purse(p.currency, p.lots, p.debt, p.lastActivity, p.expiryHeldSince)
                    : Purse.withoutLots(p.currency, p.balance, p.debt, p.lastActivity, p.expiryHeldSince));
        }
        return new Read(new MemberBook(account, version, nextLot, nextEntry, frozen, reservations), extra, keyUsed);
    }

    private static final class PurseRow {
        final String currency;
        final List<Lot> lots = new ArrayList<>();
        long debt;
        long balance;
        Instant lastActivity;
        Instant expiryHeldSince;

        PurseRow(String currency) {
            this.currency = currency;
        }

        void set(long debt, long balance, Instant lastActivity, Instant expiryHeldSince) {
            this.debt = debt;
            this.balance = balance;
            this.lastActivity = lastActivity;
            this.expiryHeldSince = expiryHeldSince;
        }
    }
}
