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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private final StringBuilder sql = new StringBuilder(2048);
    private final List<RowBinder> binders = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private int next = 1;
    private int queries;

    private OneStatementCommit() {
    }

    /** Whether a commit can be written as one statement: it changes one member and not too many rows. */
    static boolean fits(Commit commit) {
        if (commit.changes().size() != 1) {
            return false;
        }
        MemberChange change = commit.changes().get(0);
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
            s.sql.append("WITH m AS (").append(LedgerRows.INSERT_MEMBER).append(" ON CONFLICT DO NOTHING RETURNING member_id)");
            s.param(8, (p, at) -> LedgerRows.bindNewMember(p, at, book));
        } else {
            s.sql.append("WITH m AS (").append(LedgerRows.UPDATE_MEMBER).append(" RETURNING member_id)");
            s.param(9, (p, at) -> LedgerRows.bindMemberUpdate(p, at, book));
        }
        for (Purse purse : book.purses().values()) {
            s.insert("loyalty_purse", LedgerRows.PURSE_COLUMNS, 6, " ON CONFLICT (member_id, currency) DO UPDATE SET"
                    + " balance = EXCLUDED.balance, debt = EXCLUDED.debt, last_activity = EXCLUDED.last_activity,"
                    + " expiry_held_since = EXCLUDED.expiry_held_since",
                    (p, at) -> LedgerRows.bindPurse(p, at, member, purse));
        }
        String lotColumns = LedgerRows.LOT_COLUMNS + ", " + LedgerRows.SPENDING_COLUMNS;
        for (Lot lot : change.lots()) {
            if (change.firstNewLot() == MemberChange.UNKNOWN) {
                s.insert("loyalty_lot", lotColumns, 12, " ON CONFLICT (member_id, lot_no) DO UPDATE SET"
                        + " remaining = EXCLUDED.remaining, last_movement_at = EXCLUDED.last_movement_at,"
                        + " open_until = EXCLUDED.open_until, open_since = EXCLUDED.open_since,"
                        + " expires_at = EXCLUDED.expires_at", (p, at) -> LedgerRows.bindNewLot(p, at, member, lot));
            } else if (change.isNew(lot)) {
                s.insert("loyalty_lot", lotColumns, 12, "", (p, at) -> LedgerRows.bindNewLot(p, at, member, lot));
            } else {
                s.query(LedgerRows.UPDATE_LOT + " AND EXISTS (SELECT 1 FROM m)", 7,
                        (p, at) -> LedgerRows.bindLotUpdate(p, at, member, lot));
            }
        }
        for (Reservation r : change.reservations()) {
            boolean inBook = CommitWriter.inBook(book.reservations(), r);
            s.insert("loyalty_reservation", LedgerRows.RESERVATION_COLUMNS + ", in_book", 10,
                    " ON CONFLICT (member_id, reservation_key) DO UPDATE SET status = EXCLUDED.status,"
                    + " closed_at = EXCLUDED.closed_at, lots = EXCLUDED.lots, in_book = EXCLUDED.in_book",
                    (p, at) -> LedgerRows.bindReservation(p, at, r, inBook));
        }
        for (Map.Entry<IdempotencyKey, Reversed> e : change.reversed().entrySet()) {
            s.insert("loyalty_reversal", "amount, lots, member_id, posting_key", 4,
                    " ON CONFLICT (member_id, posting_key) DO UPDATE SET amount = EXCLUDED.amount, lots = EXCLUDED.lots",
                    (p, at) -> LedgerRows.bindReversed(p, at, member, e.getKey(), e.getValue()));
        }
        for (Posting posting : commit.postings()) {
            s.insert("loyalty_posting_key", LedgerRows.KEY_COLUMNS, 3, "", (p, at) -> LedgerRows.bindKey(p, at, posting));
            s.insert("loyalty_posting", LedgerRows.POSTING_COLUMNS, 10, "",
                    (p, at) -> LedgerRows.bindPosting(p, at, posting));
        }
        List<Entry> entries = commit.entries();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            int ord = i;
            s.insert("loyalty_entry", LedgerRows.ENTRY_COLUMNS, 13, "", (p, at) -> LedgerRows.bindEntry(p, at, entry, ord));
        }
        s.sql.append(" SELECT COUNT(*) FROM m");
        return s;
    }

    /** The statement's text. */
    String sql() {
        return sql.toString();
    }

    /** Binds every parameter of the statement. */
    void bind(PreparedStatement p) throws SQLException {
        for (int i = 0; i < binders.size(); i++) {
            binders.get(i).bind(p, offsets.get(i));
        }
    }

    /** Adds a query that inserts one row from the gate: {@code INSERT INTO t (columns) SELECT ?, ... FROM m}. */
    private void insert(String table, String columns, int params, String onConflict, RowBinder binder) {
        StringBuilder q = new StringBuilder(64 + 3 * params).append("INSERT INTO ").append(table).append(" (")
                .append(columns).append(") SELECT ?");
        for (int i = 1; i < params; i++) {
            q.append(", ?");
        }
        query(q.append(" FROM m").append(onConflict).toString(), params, binder);
    }

    private void query(String text, int params, RowBinder binder) {
        sql.append(", w").append(queries++).append(" AS (").append(text).append(')');
        param(params, binder);
    }

    private void param(int params, RowBinder binder) {
        binders.add(binder);
        offsets.add(next);
        next += params;
    }
}
