package io.github.loyaltyrules.ledger;

/**
 * Thrown when enrolling a member id that is already enrolled.
 *
 * @since 0.1.0
 */
public final class MemberAlreadyEnrolledException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public MemberAlreadyEnrolledException(String message) {
        super(Reason.CONFLICT, message);
    }
}
