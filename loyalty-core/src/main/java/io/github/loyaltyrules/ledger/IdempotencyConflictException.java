package io.github.loyaltyrules.ledger;

/**
 * Thrown when an idempotency key is replayed with content other than the posting first made with it.
 *
 * @since 0.1.0
 */
public final class IdempotencyConflictException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public IdempotencyConflictException(String message) {
        super(Reason.CONFLICT, message);
    }
}
