package io.github.loyaltyrules.ledger;

/**
 * Thrown when a reversal asks for more than remains reversible of a posting, or names a posting that cannot be reversed.
 *
 * @since 0.1.0
 */
public final class InvalidReversalException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public InvalidReversalException(String message) {
        super(Reason.INVALID_REQUEST, message);
    }
}
