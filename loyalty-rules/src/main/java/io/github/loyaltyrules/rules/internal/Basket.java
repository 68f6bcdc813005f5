package io.github.loyaltyrules.rules.internal;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.internal.LineShares;
import io.github.loyaltyrules.rules.Grant;
import io.github.loyaltyrules.rules.LineMatcher;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * A purchase as one evaluation reads it, computed once and shared by every rule: the line list
 * (which every award's {@link LineShares} of this evaluation refers to) and the line amounts in whole
 * minor units of the basket's money currency, so that actions add and allocate in {@code long}
 * instead of building {@code Money} and {@code BigDecimal} values per line and per rule.
 */
public final class Basket {

    private final Purchase purchase;
    private final List<BasketLine> lines;
    private long[] amounts;
    private final int scale;
    private final Currency currency;
    private long[] weights;

    private Basket(Purchase purchase) {
        this.purchase = purchase;
        this.lines = purchase.lines();
        BigDecimal first = lines.get(0).unitPrice().amount();
        this.scale = first.scale();
        this.currency = lines.get(0).unitPrice().currency();
    }

    /** The line amounts in minor units, computed when an action first needs them. */
    private long[] amounts() {
        long[] a = amounts;
        if (a == null) {
            a = new long[lines.size()];
            for (int i = 0; i < a.length; i++) {
                BasketLine line = lines.get(i);
                BigDecimal unit = line.unitPrice().amount(); // at the currency's scale, like every line's
                try {
                    a[i] = Math.multiplyExact(unit.movePointRight(unit.scale()).longValueExact(), line.quantity());
                } catch (ArithmeticException e) {
                    throw new AmountOverflowException("amount of line '" + Inputs.shown(line.lineId()) + "', "
                            + line.quantity() + " x " + line.unitPrice() + ", does not fit the exact range of a long"
                            + " in minor units");
                }
            }
            amounts = a;
        }
        return a;
    }

    /**
     * Reads a purchase.
     *
     * @param purchase the purchase
     * @return the basket
     */
    public static Basket of(Purchase purchase) {
        return new Basket(purchase);
    }

    /**
     * Reads the context's activity as a basket.
     *
     * @param context the evaluation's context
     * @return the basket, or null if the activity is not a purchase
     */
    public static Basket of(RuleContext context) {
        return context.activity() instanceof Purchase ? new Basket((Purchase) context.activity()) : null;
    }

    /**
     * Runs a built-in action on its own, outside a rule set's evaluation: its grant as a list.
     *
     * @param action the action
     * @param context the member, activity and time
     * @return the action's grant, or no grants
     */
    public static List<Grant> grants(BasketAction action, RuleContext context) {
        Grant g = action.grant(context, of(context));
        return g == null ? List.of() : List.of(g);
    }

    /**
     * Returns the purchase.
     *
     * @return the purchase
     */
    public Purchase purchase() {
        return purchase;
    }

    /**
     * Returns the number of lines.
     *
     * @return the number of lines
     */
    public int size() {
        return lines.size();
    }

    /**
     * Returns line {@code i}.
     *
     * @param i the position in the basket
     * @return the line
     */
    public BasketLine line(int i) {
        return lines.get(i);
    }

    /**
     * Returns the purchase's lines (an immutable list).
     *
     * @return the lines
     */
    public List<BasketLine> lines() {
        return lines;
    }

    /**
     * Returns the amount of line {@code i} (unit price times quantity) in minor units.
     *
     * @param i the position in the basket
     * @return the amount
     * @throws AmountOverflowException if a line amount in minor units does not fit in a {@code long}
     */
    public long amount(int i) {
        return amounts()[i];
    }

    /**
     * Returns the basket's money currency.
     *
     * @return the currency
     */
    public Currency currency() {
        return currency;
    }

    /**
     * Formats an amount in minor units of the basket's currency as {@code Money#toString} does,
     * e.g. {@code "29.59 EUR"}.
     *
     * @param minorUnits the amount
     * @return the text
     */
    public String money(long minorUnits) {
        if (minorUnits < 0 || scale >= ZEROS.length) {
            return BigDecimal.valueOf(minorUnits, scale).toPlainString() + " " + currency.getCurrencyCode();
        }
        if (scale == 0) {
            return minorUnits + " " + currency.getCurrencyCode();
        }
        long unit = TENS[scale];
        long fraction = minorUnits % unit;
        int digits = 1;
        for (long f = fraction; f >= 10; f /= 10) {
            digits++;
        }
        // one concatenation, as BigDecimal.toPlainString then " " and the code would print it
        return minorUnits / unit + "." + ZEROS[scale - digits] + fraction + " " + currency.getCurrencyCode();
    }

    private static final String[] ZEROS = {"", "0", "00", "000", "0000", "00000", "000000", "0000000", "00000000"};
    private static final long[] TENS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /**
     * Formats an amount of the basket's currency as {@code Money#toString} does.
     *
     * @param amount the amount at the currency's scale
     * @return the text
     */
    public String money(BigDecimal amount) {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    /**
     * Shares {@code total} out over all lines pro rata by line amount (by quantity if every line
     * is free), as {@link Allocation#overLines} does.
     *
     * @param total the amount; zero or more
     * @return the shares, leaving out lines whose part is zero
     * @throws AmountOverflowException if a line amount in minor units does not fit in a {@code long}
     */
    public LineShares overAll(long total) {
        long[] w = weights;
        if (w == null) {
            w = weights(null);
            weights = w;
        }
        return LineShares.of(lines, Allocation.proRata(total, w));
    }

    /**
     * Shares {@code total} out over the lines {@code matcher} selects, pro rata by line amount (by
     * quantity if every selected line is free), as {@link Allocation#overLines} does on those lines.
     *
     * @param total the amount; zero or more
     * @param matcher the lines; at least one must match
     * @return the shares, leaving out lines whose part is zero
     * @throws AmountOverflowException if a line amount in minor units does not fit in a {@code long}
     */
    public LineShares overMatching(long total, LineMatcher matcher) {
        return LineShares.of(lines, Allocation.proRata(total, weights(matcher)));
    }

    /**
     * Line amounts of the selected lines (zero for the others), or their quantities if all of them
     * are free. A zero weight adds nothing to the cumulative sums, so each selected line's part is
     * the one it gets when the selected lines alone are allocated.
     */
    private long[] weights(LineMatcher matcher) {
        long[] amounts = amounts();
        if (matcher == null) {
            for (long a : amounts) {
                if (a > 0) {
                    return amounts; // by line amount: the amounts themselves (allocation only reads them)
                }
            }
        }
        long[] w = new long[lines.size()];
        boolean anyPrice = false;
        for (int i = 0; i < w.length; i++) {
            if (matcher == null || matcher.matches(lines.get(i))) {
                w[i] = amounts[i];
                anyPrice |= amounts[i] > 0;
            }
        }
        if (!anyPrice) {
            for (int i = 0; i < w.length; i++) {
                if (matcher == null || matcher.matches(lines.get(i))) {
                    w[i] = lines.get(i).quantity();
                }
            }
        }
        return w;
    }
}
