package io.github.loyaltyrules.tier;

/**
 * Thrown when a member's tier state kept changing under the engine (other engines or threads
 * storing new versions first) for so many attempts in a row that the engine gave up; nothing was
 * changed by the call, and it can be retried with the same key.
 *
 * @since 0.1.0
 */
public final class ConcurrentTierUpdateException extends TierException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which member and how many attempts
     */
    public ConcurrentTierUpdateException(String message) {
        super(Reason.CONCURRENT_UPDATE, message);
    }
}
