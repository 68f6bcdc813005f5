package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.LotMovement;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's rows of schema 2 ({@code V5__ledger_v2.sql}): the column lists, and how a lot,
 * reservation, reversal record, posting or entry is bound to a statement and read back from a
 * result set. Instants are {@code TIMESTAMP WITH TIME ZONE}, kept to the microsecond (the
 * precision of PostgreSQL); lot movements are short texts ({@code lot:delta:held}, comma-separated).
 */
final class LedgerRows {

    static final String LOT_COLUMNS = "member_id, lot_no, currency, original, remaining, earned_at, available_at,"
            + " expires_at, source_key, last_movement_at";
    /** A lot as schema 5 stores it (the data step of version 5 writes these); {@link #bindLot} binds it. */
    static final String INSERT_LOT_SCHEMA_5 = "INSERT INTO loyalty_lot (" + LOT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The columns that place an open lot in the spending orders (schemas 7 and 14). */
    static final String SPENDING_COLUMNS = "open_until, open_since";
    /** A lot with its places in the spending orders (schemas 7 and 14); {@link #bindNewLot} binds it. */
    static final String INSERT_LOT = "INSERT INTO loyalty_lot (" + LOT_COLUMNS + ", " + SPENDING_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** A lot's changes: its amount, and its expiry (given anew when an expiry hold is lifted, schema 14). */
    static final String UPDATE_LOT = "UPDATE loyalty_lot SET remaining = ?, last_movement_at = ?, open_until = ?,"
            + " open_since = ?, expires_at = ? WHERE member_id = ? AND lot_no = ?";
    /** The first lots a spend takes: open, not expired by their own date, soonest expiry first (schema 7). */
    static final String LOTS_TO_SPEND = "SELECT " + LOT_COLUMNS + " FROM loyalty_lot WHERE member_id = ?"
            + " AND currency = ? AND open_until > ? ORDER BY open_until, earned_at, lot_no LIMIT ?";
    /**
     * The first lots a spend takes when its currency consumes oldest first (schema 13): open, not
     * expired by their own date, earliest earned first.
     */
    static final String LOTS_TO_SPEND_OLDEST = "SELECT " + LOT_COLUMNS + " FROM loyalty_lot WHERE member_id = ?"
            + " AND currency = ? AND open_since IS NOT NULL AND (expires_at IS NULL OR expires_at > ?)"
            + " ORDER BY open_since, lot_no LIMIT ?";
    /** Where a lot that never expires sorts among open lots: after every lot that does. */
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59.999999Z");

    static final String RESERVATION_COLUMNS = "member_id, reservation_key, currency, amount, created_at, deadline,"
            + " status, closed_at, lots";
    static final String INSERT_RESERVATION = "INSERT INTO loyalty_reservation (" + RESERVATION_COLUMNS
            + ", in_book) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE_RESERVATION = "UPDATE loyalty_reservation SET status = ?, closed_at = ?, lots = ?,"
            + " in_book = ? WHERE member_id = ? AND reservation_key = ?";

    static final String POSTING_COLUMNS = "member_id, posting_key, type, counterparty, currency, amount, business_at,"
            + " reason, target_key, fingerprint";
    static final String INSERT_POSTING = "INSERT INTO loyalty_posting (" + POSTING_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String ENTRY_COLUMNS = "member_id, seq, posting_key, posting_ord, posting_type, type, currency,"
            + " amount, held_delta, debt_delta, business_at, reason, lots";
    static final String INSERT_ENTRY = "INSERT INTO loyalty_entry (" + ENTRY_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private LedgerRows() {
    }

    // ------------------------------------------------------------------ instants

    /** Binds an instant (or SQL NULL), truncated to the microsecond as the column keeps it. */
    static void setInstant(PreparedStatement p, int i, Instant t) throws SQLException {
        if (t == null) {
            p.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            p.setObject(i, OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    /** Reads an instant, or null. */
    static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Reads a key, or null. */
    static IdempotencyKey key(ResultSet rs, int i) throws SQLException {
        String k = rs.getString(i);
        return k == null ? null : new IdempotencyKey(k);
    }

    // ------------------------------------------------------------------ movements

    /** Writes lot movements as {@code lot:delta:held}, comma-separated. */
    static String moves(List<LotMovement> moves) {
        StringBuilder sb = new StringBuilder(moves.size() * 12);
        for (LotMovement m : moves) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(m.lot().value()).append(':').append(m.delta()).append(':').append(m.heldDelta());
        }
        return sb.toString();
    }

    /** Reads what {@link #moves(List)} wrote. */
    static List<LotMovement> moves(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<LotMovement> out = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int c1 = text.indexOf(':', pos);
            int c2 = text.indexOf(':', c1 + 1);
            int end = text.indexOf(',', c2 + 1);
            if (end < 0) {
                end = text.length();
            }
            out.add(new LotMovement(LotId.of(Long.parseLong(text, pos, c1, 10)), Long.parseLong(text, c1 + 1, c2, 10),
                    Long.parseLong(text, c2 + 1, end, 10)));
            pos = end + 1;
        }
        return out;
    }

    /** Writes a reversal record's lots as {@code lot:amount}, comma-separated, in lot order. */
    static String reversedLots(Map<LotId, Long> lots) {
        StringBuilder sb = new StringBuilder(lots.size() * 8);
        for (Map.Entry<LotId, Long> e : new TreeMap<>(lots).entrySet()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(e.getKey().value()).append(':').append(e.getValue());
        }
        return sb.toString();
    }

    /** Reads what {@link #reversedLots(Map)} wrote. */
    static Map<LotId, Long> reversedLots(String text) {
        Map<LotId, Long> out = new HashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(",")) {
            int colon = part.indexOf(':');
            out.put(LotId.of(Long.parseLong(part, 0, colon, 10)), Long.parseLong(part, colon + 1, part.length(), 10));
        }
        return out;
    }

    // ------------------------------------------------------------------ rows

    /** A new member's row; {@link #bindNewMember} binds it. */
    static final String INSERT_MEMBER = "INSERT INTO loyalty_member (member_id, version, status, enrolled_at,"
            + " status_since, status_reason, next_lot, next_entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    /** A member's row where its version is still the one read; {@link #bindMemberUpdate} binds it. */
    static final String UPDATE_MEMBER = "UPDATE loyalty_member SET version = ?, status = ?, enrolled_at = ?,"
            + " status_since = ?, status_reason = ?, next_lot = ?, next_entry = ? WHERE member_id = ? AND version = ?";
    /** The columns of the idempotency index, in the order {@link #bindKey} binds them. */
    static final String KEY_COLUMNS = "posting_key, member_id, business_at";
    static final String INSERT_KEY = "INSERT INTO loyalty_posting_key (" + KEY_COLUMNS + ") VALUES (?, ?, ?)";
    /** The columns of a purse row, in the order {@link #bindPurse} binds them. */
    static final String PURSE_COLUMNS = "balance, debt, last_activity, expiry_held_since, member_id, currency";

    static void bindNewMember(PreparedStatement p, int at, MemberBook book) throws SQLException {
        p.setString(at, book.account().member().value());
        p.setLong(at + 1, book.version());
        bindAccount(p, at + 2, book.account());
        p.setLong(at + 6, book.nextLot());
        p.setLong(at + 7, book.nextEntry());
    }

    static void bindMemberUpdate(PreparedStatement p, int at, MemberBook book) throws SQLException {
        p.setLong(at, book.version());
        bindAccount(p, at + 1, book.account());
        p.setLong(at + 5, book.nextLot());
        p.setLong(at + 6, book.nextEntry());
        p.setString(at + 7, book.account().member().value());
        p.setLong(at + 8, book.version() - 1);
    }

    static void bindPurse(PreparedStatement p, int at, MemberId member, Purse purse) throws SQLException {
        p.setLong(at, purse.balance());
        p.setLong(at + 1, purse.debt());
        setInstant(p, at + 2, purse.lastActivity());
        setInstant(p, at + 3, purse.expiryHeldSince());
        p.setString(at + 4, member.value());
        p.setString(at + 5, purse.currency());
    }

    /** Binds a reversal record as {@code amount, lots, member_id, posting_key}. */
    static void bindReversed(PreparedStatement p, int at, MemberId member, IdempotencyKey posting, Reversed r)
            throws SQLException {
        p.setLong(at, r.amount());
        p.setString(at + 1, reversedLots(r.lots()));
        p.setString(at + 2, member.value());
        p.setString(at + 3, posting.value());
    }

    /** Binds a posting's row of the idempotency index as {@code posting_key, member_id, business_at}. */
    static void bindKey(PreparedStatement p, int at, Posting posting) throws SQLException {
        p.setString(at, posting.key().value());
        p.setString(at + 1, posting.member().value());
        setInstant(p, at + 2, posting.at());
    }

    static void bindAccount(PreparedStatement p, int i, Account a) throws SQLException {
        p.setString(i, a.status().name());
        setInstant(p, i + 1, a.enrolledAt());
        setInstant(p, i + 2, a.statusSince());
        p.setString(i + 3, a.statusReason());
    }

    static void bindLot(PreparedStatement p, int at, MemberId member, Lot l) throws SQLException {
        p.setString(at, member.value());
        p.setLong(at + 1, l.id().value());
        p.setString(at + 2, l.currency());
        p.setLong(at + 3, l.original());
        p.setLong(at + 4, l.remaining());
        setInstant(p, at + 5, l.earnedAt());
        setInstant(p, at + 6, l.availableAt());
        setInstant(p, at + 7, l.expiresAt());
        p.setString(at + 8, l.source() == null ? null : l.source().value());
        setInstant(p, at + 9, l.lastMovementAt());
    }

    /** Binds {@link #INSERT_LOT}: the lot, and its place in the spending order. */
    static void bindNewLot(PreparedStatement p, int at, MemberId member, Lot l) throws SQLException {
        bindLot(p, at, member, l);
        setInstant(p, at + 10, openUntil(l));
        setInstant(p, at + 11, openSince(l));
    }

    static void bindLotUpdate(PreparedStatement p, int at, MemberId member, Lot l) throws SQLException {
        p.setLong(at, l.remaining());
        setInstant(p, at + 1, l.lastMovementAt());
        setInstant(p, at + 2, openUntil(l));
        setInstant(p, at + 3, openSince(l));
        setInstant(p, at + 4, l.expiresAt());
        p.setString(at + 5, member.value());
        p.setLong(at + 6, l.id().value());
    }

    /** The lot's key in the spending order: its expiry (or {@link #NEVER}) while it holds points, else null. */
    static Instant openUntil(Lot l) {
        if (l.remaining() <= 0) {
            return null;
        }
        return l.expiresAt() == null ? NEVER : l.expiresAt();
    }

    /** The lot's key in the oldest-first order: its earning time while it holds points, else null. */
    static Instant openSince(Lot l) {
        return l.remaining() <= 0 ? null : l.earnedAt();
    }

    /** Reads a lot from the columns {@link #LOT_COLUMNS} less member_id, starting at column {@code i}. */
    static Lot lot(ResultSet rs, int i) throws SQLException {
        return new Lot(LotId.of(rs.getLong(i)), rs.getString(i + 1), rs.getLong(i + 2), rs.getLong(i + 3),
                instant(rs, i + 4), instant(rs, i + 5), instant(rs, i + 6), key(rs, i + 7), instant(rs, i + 8));
    }

    static void bindReservation(PreparedStatement p, int at, Reservation r, boolean inBook) throws SQLException {
        p.setString(at, r.member().value());
        p.setString(at + 1, r.key().value());
        p.setString(at + 2, r.currency());
        p.setLong(at + 3, r.amount());
        setInstant(p, at + 4, r.createdAt());
        setInstant(p, at + 5, r.deadline());
        p.setString(at + 6, r.status().name());
        setInstant(p, at + 7, r.closedAt());
        p.setString(at + 8, moves(r.allocations()));
        p.setBoolean(at + 9, inBook);
    }

    static void bindReservationUpdate(PreparedStatement p, int at, Reservation r, boolean inBook) throws SQLException {
        p.setString(at, r.status().name());
        setInstant(p, at + 1, r.closedAt());
        p.setString(at + 2, moves(r.allocations()));
        p.setBoolean(at + 3, inBook);
        p.setString(at + 4, r.member().value());
        p.setString(at + 5, r.key().value());
    }

    /** Reads a reservation from the columns {@link #RESERVATION_COLUMNS}, starting at column {@code i}. */
    static Reservation reservation(ResultSet rs, int i) throws SQLException {
        return new Reservation(new IdempotencyKey(rs.getString(i + 1)), new MemberId(rs.getString(i)),
                rs.getString(i + 2), rs.getLong(i + 3), instant(rs, i + 4), instant(rs, i + 5),
                ReservationStatus.valueOf(rs.getString(i + 6)), instant(rs, i + 7), moves(rs.getString(i + 8)));
    }

    static Reversed reversed(ResultSet rs, int i) throws SQLException {
        return new Reversed(rs.getLong(i), reversedLots(rs.getString(i + 1)));
    }

    static void bindPosting(PreparedStatement p, int at, Posting posting) throws SQLException {
        p.setString(at, posting.member().value());
        p.setString(at + 1, posting.key().value());
        p.setString(at + 2, posting.type().name());
        p.setString(at + 3, posting.counterparty() == null ? null : posting.counterparty().value());
        p.setString(at + 4, posting.currency());
        p.setLong(at + 5, posting.amount());
        setInstant(p, at + 6, posting.at());
        p.setString(at + 7, posting.reason());
        p.setString(at + 8, posting.target() == null ? null : posting.target().value());
        p.setString(at + 9, posting.fingerprint());
    }

    /** Reads a posting's own columns ({@link #POSTING_COLUMNS}, from column {@code i}) with its entries. */
    static Posting posting(ResultSet rs, int i, List<Entry> entries) throws SQLException {
        String counterparty = rs.getString(i + 3);
        return new Posting(new IdempotencyKey(rs.getString(i + 1)), PostingType.valueOf(rs.getString(i + 2)),
                new MemberId(rs.getString(i)), counterparty == null ? null : new MemberId(counterparty),
                rs.getString(i + 4), rs.getLong(i + 5), instant(rs, i + 6), rs.getString(i + 7), key(rs, i + 8),
                rs.getString(i + 9), entries);
    }

    static void bindEntry(PreparedStatement p, int at, Entry e, int ord) throws SQLException {
        p.setString(at, e.member().value());
        p.setLong(at + 1, e.sequence());
        p.setString(at + 2, e.posting().value());
        p.setInt(at + 3, ord);
        p.setString(at + 4, e.postingType().name());
        p.setString(at + 5, e.type().name());
        p.setString(at + 6, e.currency());
        p.setLong(at + 7, e.amount());
        p.setLong(at + 8, e.heldDelta());
        p.setLong(at + 9, e.debtDelta());
        setInstant(p, at + 10, e.at());
        p.setString(at + 11, e.reason());
        p.setString(at + 12, moves(e.lots()));
    }

    /** Reads an entry from the columns {@link #ENTRY_COLUMNS}, starting at column {@code i}. */
    static Entry entry(ResultSet rs, int i) throws SQLException {
        return new Entry(rs.getLong(i + 1), new IdempotencyKey(rs.getString(i + 2)),
                PostingType.valueOf(rs.getString(i + 4)), EntryType.valueOf(rs.getString(i + 5)),
                new MemberId(rs.getString(i)), rs.getString(i + 6), rs.getLong(i + 7), rs.getLong(i + 8),
                rs.getLong(i + 9), instant(rs, i + 10), rs.getString(i + 11), moves(rs.getString(i + 12)));
    }
}
