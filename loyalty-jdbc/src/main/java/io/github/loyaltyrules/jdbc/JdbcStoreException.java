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
}
