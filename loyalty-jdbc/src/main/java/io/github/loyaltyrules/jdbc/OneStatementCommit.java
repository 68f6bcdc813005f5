package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A commit of one member written as one PostgreSQL statement, so that a posting costs one round
 * trip to write (and commits with it, in auto-commit mode) instead of one per table and one more to
 * commit.
 *
 * <p>The statement is a chain of data-modifying {@code WITH} queries. The first, {@code m}, is the
 * gate: it updates the member row where its version is still the one the ledger read (or inserts a
 * new member's row, doing nothing if another writer got there first) and returns the member id.
 * Every other query writes its row only {@code FROM m} (or {@code WHERE EXISTS (SELECT 1 FROM m)}),
 * so if the gate finds a newer version nothing at all is written and the statement returns 0: the
 * commit is stale. A duplicate key or any other failure aborts the whole statement. Rows that may
 * or may not exist yet (purses, lots of a commit that does not say which are new, reservations,
 * reversal records) are upserted with {@code ON CONFLICT ... DO UPDATE}.
 *
 * <p>Statement texts depend only on the commit's shape (how many rows of each kind), so the driver's
 * cache of prepared statements serves the common shapes (an earn, a redemption over k lots).
 */
final class OneStatementCommit {

    /** The most rows one statement writes; a bigger commit goes through {@link CommitWriter}. */
    static final int MAX_ROWS = 48;

    /** Binds a row's parameters from the given index on. */
    @FunctionalInterface
    private interface RowBinder {
        void bind(PreparedStatement p, int at) throws SQLException;
    }

    /** What a statement part writes: its query text and how many parameters it takes. */
    private enum Part {
        NEW_MEMBER("WITH m AS (" + LedgerRows.INSERT_MEMBER + " ON CONFLICT DO NOTHING RETURNING member_id)", 8),
        MEMBER_UPDATE("WITH m AS (" + LedgerRows.UPDATE_MEMBER + " RETURNING member_id)", 9),
        PURSE(insert("loyalty_purse", LedgerRows.PURSE_COLUMNS, 6, " ON CONFLICT (member_id, currency) DO UPDATE SET"
                + " balance = EXCLUDED.balance, debt = EXCLUDED.debt, last_activity = EXCLUDED.last_activity,"
                + " expiry_held_since = EXCLUDED.expiry_held_since"), 6),
        LOT_UPSERT(insert("loyalty_lot", LOT_COLUMNS, 12, " ON CONFLICT (member_id, lot_no) DO UPDATE SET"
                + " remaining = EXCLUDED.remaining, last_movement_at = EXCLUDED.last_movement_at,"
                + " open_until = EXCLUDED.open_until, open_since = EXCLUDED.open_since,"
                + " expires_at = EXCLUDED.expires_at"), 12),
        LOT_NEW(insert("loyalty_lot", LOT_COLUMNS, 12, ""), 12),
        LOT_UPDATE(LedgerRows.UPDATE_LOT + " AND EXISTS (SELECT 1 FROM m)", 7),
        RESERVATION(insert("loyalty_reservation", LedgerRows.RESERVATION_COLUMNS + ", in_book", 10,
                " ON CONFLICT (member_id, reservation_key) DO UPDATE SET status = EXCLUDED.status,"
                + " closed_at = EXCLUDED.closed_at, lots = EXCLUDED.lots, in_book = EXCLUDED.in_book"), 10),
        REVERSAL(insert("loyalty_reversal", "amount, lots, member_id, posting_key", 4,
                " ON CONFLICT (member_id, posting_key) DO UPDATE SET amount = EXCLUDED.amount, lots = EXCLUDED.lots"), 4),
        KEY(insert("loyalty_posting_key", LedgerRows.KEY_COLUMNS, 3, ""), 3),
        POSTING(insert("loyalty_posting", LedgerRows.POSTING_COLUMNS, 10, ""), 10),
        ENTRY(insert("loyalty_entry", LedgerRows.ENTRY_COLUMNS, 13, ""), 13);

        final String text;
        final int params;

        Part(String text, int params) {
            this.text = text;
            this.params = params;
        }
    }

    private static final String LOT_COLUMNS = LedgerRows.LOT_COLUMNS + ", " + LedgerRows.SPENDING_COLUMNS;

    /** Statement texts by shape (one character per part); the shapes a ledger makes are few. */
    private static final ConcurrentHashMap<String, String> TEXTS = new ConcurrentHashMap<>();

    /** Past this many shapes, texts are built each time rather than kept. */
    private static final int MAX_TEXTS = 512;

    private final char[] shape = new char[MAX_ROWS + 1];
    private final RowBinder[] binders = new RowBinder[MAX_ROWS + 1];
    private final int[] offsets = new int[MAX_ROWS + 1];
    private int parts;
    private int next = 1;

    private OneStatementCommit() {
    }

    static boolean fits(Commit commit) {
        if (commit.changes().size() != 1) {
            return false;
        }
        MemberChange change = commit.changes().get(0);
        if (!change.liftedHolds().isEmpty()) {
            return false; // the rare lift of an expiry hold goes through CommitWriter, which writes its history row
        }
        int rows = change.book().purses().size() + change.lots().size() + change.reservations().size()
                + change.reversed().size() + 2 * commit.postings().size() + commit.entries().size();
        return rows <= MAX_ROWS;
    }

    /** The statement for a commit that {@link #fits}; it returns one row, one column: 1 if written, 0 if stale. */
    static OneStatementCommit of(Commit commit) {
        MemberChange change = commit.changes().get(0);
        MemberBook book = change.book();
        MemberId member = book.account().member();
        OneStatementCommit s = new OneStatementCommit();
        if (book.version() == 1) {
            s.add(Part.NEW_MEMBER, (p, at) -> LedgerRows.bindNewMember(p, at, book));
        } else {
            s.add(Part.MEMBER_UPDATE, (p, at) -> LedgerRows.bindMemberUpdate(p, at, book));
        }
        for (Purse purse : book.purses().values()) {
            s.add(Part.PURSE, (p, at) -> LedgerRows.bindPurse(p, at, member, purse));
        }
        for (Lot lot : change.lots()) {
            if (change.firstNewLot() == MemberChange.UNKNOWN) {
                s.add(Part.LOT_UPSERT, (p, at) -> LedgerRows.bindNewLot(p, at, member, lot));
            } else if (change.isNew(lot)) {
                s.add(Part.LOT_NEW, (p, at) -> LedgerRows.bindNewLot(p, at, member, lot));
            } else {
                s.add(Part.LOT_UPDATE, (p, at) -> LedgerRows.bindLotUpdate(p, at, member, lot));
            }
        }
        for (Reservation r : change.reservations()) {
            boolean inBook = CommitWriter.inBook(book.reservations(), r);
            s.add(Part.RESERVATION, (p, at) -> LedgerRows.bindReservation(p, at, r, inBook));
        }
        for (Map.Entry<IdempotencyKey, Reversed> e : change.reversed().entrySet()) {
            s.add(Part.REVERSAL, (p, at) -> LedgerRows.bindReversed(p, at, member, e.getKey(), e.getValue()));
        }
        for (Posting posting : commit.postings()) {
            s.add(Part.KEY, (p, at) -> LedgerRows.bindKey(p, at, posting));
            s.add(Part.POSTING, (p, at) -> LedgerRows.bindPosting(p, at, posting));
        }
        List<Entry> entries = commit.entries();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            int ord = i;
            s.add(Part.ENTRY, (p, at) -> LedgerRows.bindEntry(p, at, entry, ord));
        }
        return s;
    }

    /**
     * Returns the statement's text, the same string for every commit of the same shape: built once
     * per shape and kept, so that a posting neither rebuilds it nor misses the driver's cache of
     * prepared statements.
     *
     * @return the SQL
     */
    String sql() {
        String key = new String(shape, 0, parts);
        String text = TEXTS.get(key);
        if (text == null) {
            text = text(key);
            if (TEXTS.size() < MAX_TEXTS) {
                TEXTS.putIfAbsent(key, text);
            }
        }
        return text;
    }

    /** The statement for a shape: the gate, then one {@code WITH} query per row, then the gate's count. */
    private static String text(String shape) {
        Part[] all = Part.values();
        StringBuilder sql = new StringBuilder(256 * shape.length());
        sql.append(all[shape.charAt(0)].text);
        for (int i = 1; i < shape.length(); i++) {
            sql.append(", w").append(i - 1).append(" AS (").append(all[shape.charAt(i)].text).append(')');
        }
        return sql.append(" SELECT COUNT(*) FROM m").toString();
    }

    /**
     * Binds every row's parameters.
     *
     * @param p the statement made from {@link #sql()}
     * @throws SQLException if the driver refuses a value
     */
    void bind(PreparedStatement p) throws SQLException {
        for (int i = 0; i < parts; i++) {
            binders[i].bind(p, offsets[i]);
        }
    }

    /** The text of an {@code INSERT ... SELECT ? ... FROM m} of one row. */
    private static String insert(String table, String columns, int params, String onConflict) {
        StringBuilder q = new StringBuilder(64 + 3 * params).append("INSERT INTO ").append(table).append(" (")
                .append(columns).append(") SELECT ?");
        for (int i = 1; i < params; i++) {
            q.append(", ?");
        }
        return q.append(" FROM m").append(onConflict).toString();
    }

    private void add(Part part, RowBinder binder) {
        shape[parts] = (char) part.ordinal();
        binders[parts] = binder;
        offsets[parts] = next;
        parts++;
        next += part.params;
    }
}
