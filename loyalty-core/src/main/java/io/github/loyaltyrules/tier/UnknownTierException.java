package io.github.loyaltyrules.tier;

/**
 * Thrown when a tier name is not on the ladder.
 *
 * @since 0.1.0
 */
public final class UnknownTierException extends TierException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public UnknownTierException(String message) {
        super(Reason.NOT_FOUND, message);
    }
}
