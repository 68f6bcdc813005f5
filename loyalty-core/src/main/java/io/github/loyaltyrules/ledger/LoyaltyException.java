package io.github.loyaltyrules.ledger;

import java.util.Objects;

/**
 * The root of the library's unchecked exceptions: a rejected call that changed nothing.
 *
 * <p>Every subclass names one rule that was broken; its message names the offending value and
 * says what is allowed. When a ledger operation throws a {@code LoyaltyException}, no balance,
 * lot or entry has changed. What the caller can do about it is its {@link #reason()}, so that
 * code (an HTTP endpoint, a retry policy) can switch on the reason instead of on class names:
 *
 * <pre>{@code
 * int status = switch (e.reason()) {
 *     case INVALID_REQUEST, INSUFFICIENT_POINTS, NOT_ALLOWED -> 422;
 *     case NOT_FOUND -> 404;
 *     case CONFLICT -> 409;
 *     case CONCURRENT_UPDATE -> 503; // the same request again, with the same key, may succeed
 *     case INVALID_DEFINITION -> 500;
 * };
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class LoyaltyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What a rejected call means for the caller, whatever the exception's class. */
    public enum Reason {
        /** The request itself is wrong (a missing, negative or malformed value, a rule of the program it breaks): fix it. */
        INVALID_REQUEST,
        /** Something the request names (a member, posting, reservation, currency, reward, tier, metric) does not exist. */
        NOT_FOUND,
        /** The request clashes with what exists: a key used for another request, a member enrolled already, a reservation closed. */
        CONFLICT,
        /** The member holds too few points for it. */
        INSUFFICIENT_POINTS,
        /** The member's state forbids it now (an account's status, a reward's limit, window or tiers). */
        NOT_ALLOWED,
        /** Other writers kept changing the same member: the same request, with the same key, may succeed if sent again. */
        CONCURRENT_UPDATE,
        /** A program's definition (rules, ladder, text) is invalid: a fault of the program, not of a member's request. */
        INVALID_DEFINITION;

        /**
         * Tells whether sending the same request again, with the same key, may succeed without
         * changing it.
         *
         * @return true for {@link #CONCURRENT_UPDATE}
         */
        public boolean retryable() {
            return this == CONCURRENT_UPDATE;
        }
    }

    private final Reason reason;

    /**
     * Creates the exception for an invalid request ({@link Reason#INVALID_REQUEST}).
     *
     * @param message what was wrong and what is allowed
     */
    protected LoyaltyException(String message) {
        this(Reason.INVALID_REQUEST, message);
    }

    /**
     * Creates the exception.
     *
     * @param reason what the caller can do about it
     * @param message what was wrong and what is allowed
     * @throws NullPointerException if {@code reason} is null
     */
    protected LoyaltyException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason must not be null");
    }

    /**
     * Returns what the rejection means for the caller.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
