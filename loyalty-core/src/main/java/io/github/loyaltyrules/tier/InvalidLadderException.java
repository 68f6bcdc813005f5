package io.github.loyaltyrules.tier;

/**
 * Thrown when a tier ladder breaks a rule when it is built: no base tier first, a duplicate tier name, thresholds that do not increase, a bad window or option.
 *
 * @since 0.1.0
 */
public final class InvalidLadderException extends TierException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public InvalidLadderException(String message) {
        super(Reason.INVALID_DEFINITION, message);
    }
}
