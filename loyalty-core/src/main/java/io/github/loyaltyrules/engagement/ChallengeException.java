package io.github.loyaltyrules.engagement;

import io.github.loyaltyrules.ledger.LoyaltyException;

/**
 * Thrown when a challenge is defined wrongly (a blank or malformed id, a goal that is not positive, a
 * reward that is not positive), or when a request names a challenge the program does not have.
 *
 * @since 0.1.0
 */
public final class ChallengeException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason {@link Reason#INVALID_DEFINITION} for a wrong definition, {@link Reason#NOT_FOUND}
     *     for an unknown challenge
     * @param message what was wrong and what is allowed
     * @throws NullPointerException if {@code reason} is null
     */
    public ChallengeException(Reason reason, String message) {
        super(reason, message);
    }
}
