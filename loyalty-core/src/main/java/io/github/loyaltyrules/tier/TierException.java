package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.LoyaltyException;

/**
 * The root of the tier package's unchecked exceptions: a rejected call that changed nothing.
 *
 * <p>Each subclass names one rule; the message names the tier, metric or value concerned.
 *
 * @since 0.1.0
 */
public abstract class TierException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    protected TierException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param reason what the caller can do about it
     * @param message what was wrong and what is allowed
     */
    protected TierException(Reason reason, String message) {
        super(reason, message);
    }
}
