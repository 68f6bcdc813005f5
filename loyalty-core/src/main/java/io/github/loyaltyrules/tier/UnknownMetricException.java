package io.github.loyaltyrules.tier;

/**
 * Thrown when a tier threshold or a recorded activity names a metric that the ladder does not declare.
 *
 * @since 0.1.0
 */
public final class UnknownMetricException extends TierException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public UnknownMetricException(String message) {
        super(Reason.NOT_FOUND, message);
    }
}
