package io.github.loyaltyrules.program;

/**
 * What a return of part of a purchase gives back of the points spent on it (a redemption tied to the
 * purchase with {@link LoyaltyProgram#redeemFor} or {@link LoyaltyProgram#redeemRewardFor}), declared
 * per currency on its {@link RedemptionRule}. The purchase's program version decides, as it decides the
 * claw-back of what the purchase earned.
 *
 * @since 0.1.0
 */
public enum RefundPolicy {
    /** Nothing is given back: points spent on an order stay spent. The default. */
    NONE,
    /**
     * Pro rata to the returned value: after returns of value {@code r} of a purchase of value {@code v}
     * (unit price times units, over all lines; by units when every line is free), {@code floor(spent * r / v)}
     * points have been given back in all, each return giving the difference, so that returning
     * everything gives back exactly what was spent.
     */
    PRO_RATA,
    /** Everything spent is given back by the return that leaves no unit of the purchase; partial returns give back nothing. */
    ON_FULL_RETURN;

    /** The text form, as the program language writes it: {@code none}, {@code pro rata}, {@code on full return}. */
    String text() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
