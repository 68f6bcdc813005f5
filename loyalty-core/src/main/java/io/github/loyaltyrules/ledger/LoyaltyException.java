package io.github.loyaltyrules.ledger;

/**
 * The root of the library's unchecked exceptions: a rejected call that changed nothing.
 *
 * <p>Every subclass names one rule that was broken; its message names the offending value and
 * says what is allowed. When a ledger operation throws a {@code LoyaltyException}, no balance,
 * lot or entry has changed.
 */
public abstract class LoyaltyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    protected LoyaltyException(String message) {
        super(message);
    }
}
