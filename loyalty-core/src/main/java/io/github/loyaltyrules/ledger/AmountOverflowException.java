package io.github.loyaltyrules.ledger;

/**
 * Thrown when an amount, or a sum of amounts, would not fit the exact range of a {@code long} number of minor units,
 * or an amount of {@link Money} would have more than {@value Money#MAX_DIGITS} digits before the decimal point.
 *
 * @since 0.1.0
 */
public final class AmountOverflowException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what is allowed
     */
    public AmountOverflowException(String message) {
        super(Reason.INVALID_REQUEST, message);
    }
}
