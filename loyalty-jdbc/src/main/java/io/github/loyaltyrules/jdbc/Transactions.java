package io.github.loyaltyrules.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** How the stores run work in one transaction on a borrowed connection, and roll it back. */
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
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Rolls back, keeping a failure to do so with the exception that caused it. */
    static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
