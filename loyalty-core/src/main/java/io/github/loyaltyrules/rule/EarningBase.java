package io.github.loyaltyrules.rule;

/**
 * The amount a spend-based rule counts: per-unit-spent earning and basket and spend thresholds.
 * Line amounts are what the lines are priced at, tax included when they carry tax; discounts
 * ({@link Purchase#discounts()}) and tax ({@link BasketLine#tax()}) can be taken off. Without
 * discounts and tax every base gives the same figures.
 *
 * @since 0.1.0
 */
public enum EarningBase {
    /** Line amounts as priced, before discounts, tax included: the default. */
    GROSS(false, false),
    /** Line amounts less their discounts and their share of order-level discounts, tax included. */
    NET(true, false),
    /** Line amounts before discounts, less their tax. */
    GROSS_EXCLUDING_TAX(false, true),
    /**
     * Line amounts less their discounts and the tax in what is left: a line's tax in proportion to the
     * part of its amount left after discounts (see {@link Purchase#baseAmounts(EarningBase)}).
     */
    NET_EXCLUDING_TAX(true, true);

    private final boolean net;
    private final boolean excludingTax;

    EarningBase(boolean net, boolean excludingTax) {
        this.net = net;
        this.excludingTax = excludingTax;
    }

    /**
     * Returns the base with discounts taken off or not and tax taken off or not.
     *
     * @param netOfDiscounts whether discounts are taken off
     * @param excludingTax whether tax is taken off
     * @return the base
     */
    public static EarningBase of(boolean netOfDiscounts, boolean excludingTax) {
        return netOfDiscounts ? (excludingTax ? NET_EXCLUDING_TAX : NET) : (excludingTax ? GROSS_EXCLUDING_TAX : GROSS);
    }

    /**
     * Returns whether discounts are taken off.
     *
     * @return true for a net base
     */
    public boolean netOfDiscounts() {
        return net;
    }

    /**
     * Returns whether tax is taken off.
     *
     * @return true for a tax-excluded base
     */
    public boolean excludingTax() {
        return excludingTax;
    }
}
