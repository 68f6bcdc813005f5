package io.github.loyaltyrules.ledger;

/**
 * Thrown when an operation names an earlier posting (by its idempotency key) that does not exist for the member.
 *
 * @since 0.1.0
 */
public final class UnknownPostingException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public UnknownPostingException(String message) {
        super(Reason.NOT_FOUND, message);
    }
}
