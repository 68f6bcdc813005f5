package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.LoyaltyException;

/**
 * Thrown when a reward cannot be redeemed: unknown in the program version, outside its
 * availability window, restricted to other tiers, or redeemed up to its per-member limit.
 *
 * @since 0.1.0
 */
public final class RewardNotAvailableException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public RewardNotAvailableException(String message) {
        super(Reason.NOT_ALLOWED, message);
    }
}
