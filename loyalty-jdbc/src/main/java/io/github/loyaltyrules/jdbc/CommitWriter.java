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

    private static final String UNIQUE_VIOLATION = "23505";

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
        }
        for (Posting posting : commit.postings()) {
            try (PreparedStatement p = prep.prepare(c, JdbcLedgerStore.INSERT_KEY)) {
                JdbcLedgerStore.bindKey(p, posting);
                p.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return CommitResult.DUPLICATE_KEY;
                }
                throw e;
            }
        }
        if (!commit.postings().isEmpty()) {
            try (PreparedStatement p = prep.prepare(c, LedgerRows.INSERT_POSTING)) {
                for (Posting posting : commit.postings()) {
                    LedgerRows.bindPosting(p, posting);
                    p.addBatch();
                }
                p.executeBatch();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState()) || e.getNextException() != null
                        && UNIQUE_VIOLATION.equals(e.getNextException().getSQLState())) {
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
                    LedgerRows.bindEntry(p, entries.get(i), i);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        return CommitResult.APPLIED;
    }

    private static CommitResult member(Connection c, Preparer prep, MemberBook book) throws SQLException {
        if (book.version() == 1) {
            try (PreparedStatement p = prep.prepare(c, "INSERT INTO loyalty_member (member_id, version, status,"
                    + " enrolled_at, status_since, status_reason, next_lot, next_entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, book.account().member().value());
                p.setLong(2, book.version());
                LedgerRows.bindAccount(p, 3, book.account());
                p.setLong(7, book.nextLot());
                p.setLong(8, book.nextEntry());
                p.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return CommitResult.STALE;
                }
                throw e;
            }
            return CommitResult.APPLIED;
        }
        try (PreparedStatement p = prep.prepare(c, "UPDATE loyalty_member SET version = ?, status = ?, enrolled_at = ?,"
                + " status_since = ?, status_reason = ?, next_lot = ?, next_entry = ? WHERE member_id = ? AND version = ?")) {
            p.setLong(1, book.version());
            LedgerRows.bindAccount(p, 2, book.account());
            p.setLong(6, book.nextLot());
            p.setLong(7, book.nextEntry());
            p.setString(8, book.account().member().value());
            p.setLong(9, book.version() - 1);
            return p.executeUpdate() == 1 ? CommitResult.APPLIED : CommitResult.STALE;
        }
    }

    /** Updates every purse row of the book, inserting the ones that are new. */
    private static void purses(Connection c, Preparer prep, MemberBook book) throws SQLException {
        if (book.purses().isEmpty()) {
            return;
        }
        List<Purse> purses = new ArrayList<>(book.purses().values());
        String member = book.account().member().value();
        int[] updated;
        try (PreparedStatement p = prep.prepare(c, "UPDATE loyalty_purse SET balance = ?, debt = ?, last_activity = ?"
                + " WHERE member_id = ? AND currency = ?")) {
            for (Purse purse : purses) {
                p.setLong(1, purse.balance());
                p.setLong(2, purse.debt());
                LedgerRows.setInstant(p, 3, purse.lastActivity());
                p.setString(4, member);
                p.setString(5, purse.currency());
                p.addBatch();
            }
            updated = p.executeBatch();
        }
        List<Purse> missing = missing(purses, updated);
        if (!missing.isEmpty()) {
            try (PreparedStatement p = prep.prepare(c, "INSERT INTO loyalty_purse"
                    + " (balance, debt, last_activity, member_id, currency) VALUES (?, ?, ?, ?, ?)")) {
                for (Purse purse : missing) {
                    p.setLong(1, purse.balance());
                    p.setLong(2, purse.debt());
                    LedgerRows.setInstant(p, 3, purse.lastActivity());
                    p.setString(4, member);
                    p.setString(5, purse.currency());
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    private static void lots(Connection c, Preparer prep, MemberChange change) throws SQLException {
        if (change.lots().isEmpty()) {
            return;
        }
        MemberId member = change.book().account().member();
        boolean known = change.firstNewLot() != MemberChange.UNKNOWN;
        List<Lot> changed = new ArrayList<>();
        List<Lot> created = new ArrayList<>();
        for (Lot lot : change.lots()) {
            (known && change.isNew(lot) ? created : changed).add(lot);
        }
        if (!changed.isEmpty()) {
            int[] updated;
            try (PreparedStatement p = prep.prepare(c, LedgerRows.UPDATE_LOT)) {
                for (Lot lot : changed) {
                    LedgerRows.bindLotUpdate(p, member, lot);
                    p.addBatch();
                }
                updated = p.executeBatch();
            }
            if (!known) {
                created.addAll(missing(changed, updated));
            }
        }
        if (!created.isEmpty()) {
            try (PreparedStatement p = prep.prepare(c, LedgerRows.INSERT_LOT)) {
                for (Lot lot : created) {
                    LedgerRows.bindLot(p, member, lot);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    private static void reservations(Connection c, Preparer prep, MemberChange change) throws SQLException {
        if (change.reservations().isEmpty()) {
            return;
        }
        Map<IdempotencyKey, Reservation> inBook = change.book().reservations();
        int[] updated;
        try (PreparedStatement p = prep.prepare(c, LedgerRows.UPDATE_RESERVATION)) {
            for (Reservation r : change.reservations()) {
                LedgerRows.bindReservationUpdate(p, r, inBook(inBook, r));
                p.addBatch();
            }
            updated = p.executeBatch();
        }
        List<Reservation> missing = missing(change.reservations(), updated);
        if (!missing.isEmpty()) {
            try (PreparedStatement p = prep.prepare(c, LedgerRows.INSERT_RESERVATION)) {
                for (Reservation r : missing) {
                    LedgerRows.bindReservation(p, r, inBook(inBook, r));
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    private static boolean inBook(Map<IdempotencyKey, Reservation> book, Reservation r) {
        return r.status() == ReservationStatus.OPEN && book.containsKey(r.key());
    }

    private static void reversals(Connection c, Preparer prep, MemberChange change) throws SQLException {
        if (change.reversed().isEmpty()) {
            return;
        }
        String member = change.book().account().member().value();
        List<Map.Entry<IdempotencyKey, Reversed>> records = new ArrayList<>(change.reversed().entrySet());
        int[] updated;
        try (PreparedStatement p = prep.prepare(c,
                "UPDATE loyalty_reversal SET amount = ?, lots = ? WHERE member_id = ? AND posting_key = ?")) {
            for (Map.Entry<IdempotencyKey, Reversed> e : records) {
                bindReversal(p, member, e);
                p.addBatch();
            }
            updated = p.executeBatch();
        }
        List<Map.Entry<IdempotencyKey, Reversed>> missing = missing(records, updated);
        if (!missing.isEmpty()) {
            try (PreparedStatement p = prep.prepare(c,
                    "INSERT INTO loyalty_reversal (amount, lots, member_id, posting_key) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<IdempotencyKey, Reversed> e : missing) {
                    bindReversal(p, member, e);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    private static void bindReversal(PreparedStatement p, String member, Map.Entry<IdempotencyKey, Reversed> e)
            throws SQLException {
        p.setLong(1, e.getValue().amount());
        p.setString(2, LedgerRows.reversedLots(e.getValue().lots()));
        p.setString(3, member);
        p.setString(4, e.getKey().value());
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
