package io.github.loyaltyrules.ledger;

/**
 * Thrown when an amount is zero or negative where it must be positive, or has more decimal places than its currency allows.
 *
 * @since 0.1.0
 */
public final class InvalidAmountException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public InvalidAmountException(String message) {
        super(Reason.INVALID_REQUEST, message);
    }
}
