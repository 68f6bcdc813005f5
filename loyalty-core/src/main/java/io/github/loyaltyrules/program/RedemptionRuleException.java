package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.LoyaltyException;

/**
 * Thrown when a free-amount redemption or reservation breaks the program's {@link RedemptionRule} for
 * its currency: fewer points than the minimum, or not a multiple of the step. Nothing was posted,
 * reserved or recorded.
 *
 * @since 0.1.0
 */
public final class RedemptionRuleException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the amount, the rule it breaks and what is allowed
     */
    public RedemptionRuleException(String message) {
        super(Reason.INVALID_REQUEST, message);
    }
}
