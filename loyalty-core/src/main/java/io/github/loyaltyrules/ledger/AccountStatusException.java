package io.github.loyaltyrules.ledger;

/**
 * Thrown when an operation or status change is not allowed in the account's current status: a closed account takes no postings, a suspended one no earning or spending.
 *
 * @since 0.1.0
 */
public final class AccountStatusException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public AccountStatusException(String message) {
        super(Reason.NOT_ALLOWED, message);
    }
}
