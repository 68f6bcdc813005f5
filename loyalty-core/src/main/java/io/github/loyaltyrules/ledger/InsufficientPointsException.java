package io.github.loyaltyrules.ledger;

/**
 * Thrown when a redemption, reservation, debit or transfer asks for more points than are available.
 *
 * @since 0.1.0
 */
public final class InsufficientPointsException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public InsufficientPointsException(String message) {
        super(Reason.INSUFFICIENT_POINTS, message);
    }
}
