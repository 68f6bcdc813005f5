package io.github.loyaltyrules.ledger;

/**
 * Thrown when a member id is not enrolled in the ledger.
 *
 * @since 0.1.0
 */
public final class UnknownMemberException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public UnknownMemberException(String message) {
        super(Reason.NOT_FOUND, message);
    }
}
