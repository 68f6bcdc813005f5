package io.github.loyaltyrules.ledger;

/**
 * Thrown when a request reaches back before the ledger's idempotency window: a posting whose
 * business time is older than the window (its key may no longer be remembered, so a retry of it
 * could post twice), or a read of history that the store no longer keeps. Nothing is changed.
 *
 * @since 0.1.0
 */
public final class OutsideWindowException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was too old, and the window
     */
    public OutsideWindowException(String message) {
        super(Reason.INVALID_REQUEST, message);
    }
}
