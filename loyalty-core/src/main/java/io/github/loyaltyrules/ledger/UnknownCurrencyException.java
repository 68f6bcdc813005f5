package io.github.loyaltyrules.ledger;

/**
 * Thrown when a point currency is not one the ledger was configured with.
 *
 * @since 0.1.0
 */
public final class UnknownCurrencyException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public UnknownCurrencyException(String message) {
        super(Reason.NOT_FOUND, message);
    }
}
