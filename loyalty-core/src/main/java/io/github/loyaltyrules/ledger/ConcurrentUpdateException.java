package io.github.loyaltyrules.ledger;

/**
 * Thrown when a posting could not be applied because other writers kept changing the same member; retrying with the same key is safe.
 *
 * @since 0.1.0
 */
public final class ConcurrentUpdateException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public ConcurrentUpdateException(String message) {
        super(Reason.CONCURRENT_UPDATE, message);
    }
}
