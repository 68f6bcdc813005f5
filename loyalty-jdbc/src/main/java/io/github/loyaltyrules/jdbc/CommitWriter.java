package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@link Commit} inside the caller's transaction, touching only the rows the commit
 * names: per member, the member row (checked against the version read), its purse rows, and the
 * lots, reservations and reversal records it created or changed; then each posting's key (whose
 * primary key makes a key usable once), the posting rows and the entries. The caller commits on
 * {@link CommitResult#APPLIED} and rolls back otherwise.
 */
final class CommitWriter {


    /** Prepares a statement with the store's settings. */
    @FunctionalInterface
    interface Preparer {
        PreparedStatement prepare(Connection c, String sql) throws SQLException;
    }

    private CommitWriter() {
    }

    static CommitResult write(Connection c, Preparer prep, List<MemberChange> changes, Commit commit)
            throws SQLException {
        for (MemberChange change : changes) {
            CommitResult r = member(c, prep, change.book());
            if (r != CommitResult.APPLIED) {
                return r;
            }
        }
        for (MemberChange change : changes) {
            purses(c, prep, change.book());
            lots(c, prep, change);
            reservations(c, prep, change);
            reversals(c, prep, change);
            liftedHolds(c, prep, change);
        }
        for (Posting posting : commit.postings()) {
            try (PreparedStatement p = prep.prepare(c, LedgerRows.INSERT_KEY)) {
                LedgerRows.bindKey(p, 1, posting);
                p.executeUpdate();
            } catch (SQLException e) {
                if (Transactions.duplicate(e)) {
                    return CommitResult.DUPLICATE_KEY;
                }
                throw e;
            }
        }
        if (!commit.postings().isEmpty()) {
            try (PreparedStatement p = prep.prepare(c, LedgerRows.INSERT_POSTING)) {
                for (Posting posting : commit.postings()) {
                    LedgerRows.bindPosting(p, 1, posting);
                    p.addBatch();
                }
                p.executeBatch();
            } catch (SQLException e) {
                if (Transactions.duplicate(e) || e.getNextException() != null
                        && Transactions.duplicate(e.getNextException())) {
                    throw new JdbcStoreException("an idempotency key of this commit was used before by the"
                            + " same member, for a posting older than the idempotency window; use a new key", e);
                }
                throw e;
            }
        }
        List<Entry> entries = commit.entries();
        if (!entries.isEmpty()) {
            try (PreparedStatement p = prep.prepare(c, LedgerRows.INSERT_ENTRY)) {
                // the order of a commit's entries is their order within their postings
                for (int i = 0; i < entries.size(); i++) {
                    LedgerRows.bindEntry(p, 1, entries.get(i), i);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        return CommitResult.APPLIED;
    }

    private static CommitResult member(Connection c, Preparer prep, MemberBook book) throws SQLException {
        if (book.version() == 1) {
            try (PreparedStatement p = prep.prepare(c, LedgerRows.INSERT_MEMBER)) {
                LedgerRows.bindNewMember(p, 1, book);
                p.executeUpdate();
            } catch (SQLException e) {
                if (Transactions.duplicate(e)) {
                    return CommitResult.STALE;
                }
                throw e;
            }
            return CommitResult.APPLIED;
        }
        try (PreparedStatement p = prep.prepare(c, LedgerRows.UPDATE_MEMBER)) {
            LedgerRows.bindMemberUpdate(p, 1, book);
            return p.executeUpdate() == 1 ? CommitResult.APPLIED : CommitResult.STALE;
        }
    }

    /** Binds one item to a statement. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement p, T item) throws SQLException;
    }

    /** Runs a statement once per item, in one batch; returns the row counts. */
    private static <T> int[] batch(Connection c, Preparer prep, String sql, Binder<T> binder, List<T> items)
            throws SQLException {
        try (PreparedStatement p = prep.prepare(c, sql)) {
            for (T item : items) {
                binder.bind(p, item);
                p.addBatch();
            }
            return p.executeBatch();
        }
    }

    /** Updates the items' rows in one batch, then inserts, in another, those that had none. */
    private static <T> void upsert(Connection c, Preparer prep, String update, Binder<T> bindUpdate, String insert,
            Binder<T> bindInsert, List<T> items) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        List<T> missing = missing(items, batch(c, prep, update, bindUpdate, items));
        if (!missing.isEmpty()) {
            batch(c, prep, insert, bindInsert, missing);
        }
    }

    /** Updates every purse row of the book, inserting the ones that are new. */
    private static void purses(Connection c, Preparer prep, MemberBook book) throws SQLException {
        MemberId member = book.account().member();
        Binder<Purse> bind = (p, purse) -> LedgerRows.bindPurse(p, 1, member, purse);
        upsert(c, prep, "UPDATE loyalty_purse SET balance = ?, debt = ?, last_activity = ?, expiry_held_since = ?"
                + " WHERE member_id = ? AND currency = ?", bind, "INSERT INTO loyalty_purse (" + LedgerRows.PURSE_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)", bind, new ArrayList<>(book.purses().values()));
    }

    private static void lots(Connection c, Preparer prep, MemberChange change) throws SQLException {
        if (change.lots().isEmpty()) {
            return;
        }
        MemberId member = change.book().account().member();
        Binder<Lot> update = (p, lot) -> LedgerRows.bindLotUpdate(p, 1, member, lot);
        Binder<Lot> insert = (p, lot) -> LedgerRows.bindNewLot(p, 1, member, lot);
        if (change.firstNewLot() == MemberChange.UNKNOWN) {
            upsert(c, prep, LedgerRows.UPDATE_LOT, update, LedgerRows.INSERT_LOT, insert, change.lots());
            return;
        }
        List<Lot> changed = new ArrayList<>();
        List<Lot> created = new ArrayList<>();
        for (Lot lot : change.lots()) {
            (change.isNew(lot) ? created : changed).add(lot);
        }
        if (!changed.isEmpty()) {
            batch(c, prep, LedgerRows.UPDATE_LOT, update, changed);
        }
        if (!created.isEmpty()) {
            batch(c, prep, LedgerRows.INSERT_LOT, insert, created);
        }
    }

    private static void reservations(Connection c, Preparer prep, MemberChange change) throws SQLException {
        Map<IdempotencyKey, Reservation> book = change.book().reservations();
        upsert(c, prep, LedgerRows.UPDATE_RESERVATION, (p, r) -> LedgerRows.bindReservationUpdate(p, 1, r, inBook(book, r)),
                LedgerRows.INSERT_RESERVATION, (p, r) -> LedgerRows.bindReservation(p, 1, r, inBook(book, r)),
                change.reservations());
    }

    /** Whether a reservation row is one of the book's open reservations (read with the working set). */
    static boolean inBook(Map<IdempotencyKey, Reservation> book, Reservation r) {
        return r.status() == ReservationStatus.OPEN && book.containsKey(r.key());
    }

    private static void reversals(Connection c, Preparer prep, MemberChange change) throws SQLException {
        MemberId member = change.book().account().member();
        Binder<Map.Entry<IdempotencyKey, Reversed>> bind = (p, e) -> LedgerRows.bindReversed(p, 1, member, e.getKey(),
                e.getValue());
        upsert(c, prep, "UPDATE loyalty_reversal SET amount = ?, lots = ? WHERE member_id = ? AND posting_key = ?",
                bind, "INSERT INTO loyalty_reversal (amount, lots, member_id, posting_key) VALUES (?, ?, ?, ?)", bind,
                new ArrayList<>(change.reversed().entrySet()));
    }

    private static void liftedHolds(Connection c, Preparer prep, MemberChange change) throws SQLException {
        if (change.liftedHolds().isEmpty()) {
            return;
        }
        MemberBook book = change.book();
        batch(c, prep, "INSERT INTO loyalty_expiry_hold (member_id, member_version, currency, held_since, ended_at,"
                + " inactivity_restarted) VALUES (?, ?, ?, ?, ?, ?)", (p, h) -> {
                    p.setString(1, book.account().member().value());
                    p.setLong(2, book.version());
                    p.setString(3, h.currency());
                    LedgerRows.setInstant(p, 4, h.since());
                    LedgerRows.setInstant(p, 5, h.endedAt());
                    p.setBoolean(6, h.inactivityRestarted());
                }, change.liftedHolds());
    }

    /** The items whose update touched no row: they are new. */
    private static <T> List<T> missing(List<T> items, int[] updated) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (updated[i] == 0) {
                out.add(items.get(i));
            }
        }
        return out;
    }
}
