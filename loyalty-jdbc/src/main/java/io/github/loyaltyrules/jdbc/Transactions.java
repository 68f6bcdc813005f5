package io.github.loyaltyrules.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.function.Predicate;

/**
 * How the stores run work in one transaction on a borrowed connection, and roll it back: in a
 * transaction of their own, or, for {@link TransactionOwner#CALLER} on a connection already in a
 * transaction, under a savepoint inside the caller's.
 */
final class Transactions {

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    /**
     * Runs work in one transaction: committed at its end, rolled back if it throws; the connection's
     * auto-commit is restored either way.
     */
    static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        return inTransaction(c, TransactionOwner.STORE, work, r -> true);
    }

    /**
     * Runs reads that must see one snapshot: in one transaction at REPEATABLE READ (the connection's
     * isolation restored after), or as they are when the connection is in a transaction already, whose
     * snapshot is then the one to read.
     */
    static <T> T snapshot(Connection c, Work<T> reads) throws SQLException {
        if (!c.getAutoCommit()) {
            return reads.run(c);
        }
        int isolation = c.getTransactionIsolation();
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            return inTransaction(c, reads);
        } finally {
            c.setTransactionIsolation(isolation);
        }
    }

    /**
     * Whether work on this connection joins the caller's transaction: the caller owns transactions
     * and the connection is in one.
     */
    static boolean joins(Connection c, TransactionOwner owner) throws SQLException {
        return owner == TransactionOwner.CALLER && !c.getAutoCommit();
    }

    /**
     * Runs work in one transaction and keeps what it did if {@code keep} accepts its result (else
     * rolls it back and still returns the result); rolls back and rethrows if it throws. In a
     * transaction of its own, committed or rolled back at the end, with the connection's
     * auto-commit restored; or, when it {@linkplain #joins joins} the caller's transaction, under a
     * savepoint that is released or rolled back to, and never committed.
     */
    static <T> T inTransaction(Connection c, TransactionOwner owner, Work<T> work, Predicate<? super T> keep)
            throws SQLException {
        if (joins(c, owner)) {
            Savepoint savepoint = c.setSavepoint();
            T result;
            try {
                result = work.run(c);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, savepoint, e);
                throw e;
            }
            if (keep.test(result)) {
                c.releaseSavepoint(savepoint);
            } else {
                c.rollback(savepoint);
            }
            return result;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            if (keep.test(result)) {
                c.commit();
            } else {
                c.rollback();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /**
     * Runs work in a transaction ({@link #inTransaction(Connection, TransactionOwner, Work, Predicate)})
     * again and again while it returns null: it read rows that changed under it, and is rolled back
     * to read them again.
     */
    static <T> T untilSettled(Connection c, TransactionOwner owner, Work<T> work) throws SQLException {
        while (true) {
            T result = inTransaction(c, owner, work, r -> r != null);
            if (result != null) {
                return result;
            }
        }
    }

    /**
     * Runs one statement (or a few) that may fail as expected, such as an insert that meets a unique
     * key: as it is outside the caller's transaction, and under a savepoint inside it, so that its
     * failure leaves the caller's transaction usable (PostgreSQL aborts a transaction on a failed
     * statement otherwise).
     */
    static <T> T statement(Connection c, TransactionOwner owner, Work<T> work) throws SQLException {
        return joins(c, owner) ? inTransaction(c, owner, work, r -> true) : work.run(c);
    }

    /** Whether a failure is a unique-key violation (SQL state 23505 on PostgreSQL and H2): the row was there already. */
    static boolean duplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /**
     * Whether a failure means another writer got in the way (a serialization failure or a
     * deadlock): the work was rolled back and is worth reading and trying again.
     */
    static boolean conflicted(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    /** Rolls back, keeping a failure to do so with the exception that caused it. */
    static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Rolls back to a savepoint, keeping a failure to do so with the exception that caused it. */
    static void rollbackQuietly(Connection c, Savepoint savepoint, Exception cause) {
        try {
            c.rollback(savepoint);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
