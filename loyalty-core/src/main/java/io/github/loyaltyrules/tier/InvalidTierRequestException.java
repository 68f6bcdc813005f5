package io.github.loyaltyrules.tier;

/**
 * Thrown when a call to the tier engine has bad input: a zero amount, a reused idempotency key with other content, an unknown original activity or an empty time span.
 *
 * @since 0.1.0
 */
public final class InvalidTierRequestException extends TierException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public InvalidTierRequestException(String message) {
        super(Reason.INVALID_REQUEST, message);
    }
}
