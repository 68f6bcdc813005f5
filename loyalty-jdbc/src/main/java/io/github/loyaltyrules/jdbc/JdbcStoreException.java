package io.github.loyaltyrules.jdbc;

/**
 * Thrown when the database fails (connection lost, statement timeout, commit failure). Each
 * posting is one transaction, so the ledger is either exactly as before the posting or exactly as
 * after it; retrying the same request with the same idempotency key completes it or returns it.
 *
 * @since 0.1.0
 */
public final class JdbcStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the driver's exception
     */
    public JdbcStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Describes a driver's failure by its kind alone: the SQL state and vendor code of an
     * {@link java.sql.SQLException} (and of the next one it chains), the class name of anything else.
     */
    static String describe(Throwable failure) {
        if (failure instanceof java.sql.SQLException e) {
            StringBuilder out = new StringBuilder("SQL state ").append(e.getSQLState()).append(", error code ")
                    .append(e.getErrorCode());
            java.sql.SQLException next = e.getNextException();
            if (next != null && next != e) {
                out.append("; then SQL state ").append(next.getSQLState()).append(", error code ")
                        .append(next.getErrorCode());
            }
            return out.toString();
        }
        return failure.getClass().getName();
    }
}
