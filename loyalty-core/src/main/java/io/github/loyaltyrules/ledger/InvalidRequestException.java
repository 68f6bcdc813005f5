package io.github.loyaltyrules.ledger;

/**
 * Thrown when an argument breaks a rule other than an amount rule: a malformed id, a non-positive duration, a transfer to oneself, or a badly configured ledger.
 *
 * @since 0.1.0
 */
public final class InvalidRequestException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public InvalidRequestException(String message) {
        super(Reason.INVALID_REQUEST, message);
    }
}
