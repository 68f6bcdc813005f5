package io.github.loyaltyrules.ledger;

/**
 * Thrown when capturing or releasing a reservation that was already captured, released or has lapsed.
 *
 * @since 0.1.0
 */
public final class ReservationNotOpenException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public ReservationNotOpenException(String message) {
        super(Reason.CONFLICT, message);
    }
}
