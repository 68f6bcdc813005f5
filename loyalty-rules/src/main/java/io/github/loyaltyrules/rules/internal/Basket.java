package io.github.loyaltyrules.rules.internal;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.internal.BasketLines;
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
 *
 * @since 0.1.0
 */
public final class Basket {

    private Purchase purchase;
    private List<BasketLine> lines;
    private long[] amounts;
    /** The buffer {@link #amounts} are read into when the purchase's lines do not hold them. */
    private long[] own;
    private boolean amountsRead;
    private int scale;
    private Currency currency;
    private long[] weights;
    private boolean weightsRead;
    private long[] matched;
    /** The basket total in minor units; -1 if not computed yet, -2 if a line or the total is beyond a long. */
    private long total = -1;
    /** Line amounts on the other earning bases, by ordinal; null until an action or condition needs them. */
    private final long[][] based = new long[EarningBase.values().length][];
    /** Totals on the other earning bases: as {@link #total}. */
    private final long[] basedTotals = new long[EarningBase.values().length];
    /** Whether {@link #based} or {@link #basedTotals} may hold anything of the last purchase. */
    private boolean basedRead = true;

    private Basket(Purchase purchase) {
        reset(purchase);
    }

    /**
     * Returns an empty basket, to be {@link #reset} for each purchase: an evaluation keeps one per
     * thread so that reading a purchase allocates no arrays when its size is the last one's.
     *
     * @return the basket, reading nothing yet
     */
    public static Basket reusable() {
        return new Basket(null);
    }

    /**
     * Reads another purchase, forgetting the last one.
     *
     * @param next the purchase, or null to forget the last one only
     * @return this basket
     */
    public Basket reset(Purchase next) {
        this.purchase = next;
        this.lines = next == null ? null : next.lines();
        this.amountsRead = false;
        this.weightsRead = false;
        this.total = -1;
        if (basedRead) { // forget the other earning bases only if the last purchase read one
            java.util.Arrays.fill(based, null);
            java.util.Arrays.fill(basedTotals, -1);
            basedRead = false;
        }
        if (next != null) {
            BasketLine first = lines.get(0);
            this.scale = first.unitPrice().amount().scale();
            this.currency = first.unitPrice().currency();
        }
        return this;
    }

    /** The line amounts in minor units, computed when an action first needs them. */
    private long[] amounts() {
        if (!amountsRead && lines instanceof BasketLines && ((BasketLines) lines).minorUnits() != null) {
            amounts = ((BasketLines) lines).minorUnits(); // read once when the purchase was built; only read here
            amountsRead = true;
        }
        if (!amountsRead) {
            long[] a = own == null || own.length != lines.size() ? new long[lines.size()] : own;
            own = a;
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
            amountsRead = true;
        }
        return amounts;
    }

    /** The line amounts on a base in minor units, computed when first needed. */
    private long[] amounts(EarningBase base) {
        if (base == EarningBase.GROSS) {
            return amounts();
        }
        basedRead = true;
        long[] a = based[base.ordinal()];
        if (a == null) {
            List<io.github.loyaltyrules.ledger.Money> m = purchase.baseAmounts(base);
            a = new long[m.size()];
            for (int i = 0; i < a.length; i++) {
                BigDecimal x = m.get(i).amount();
                try {
                    a[i] = x.movePointRight(x.scale()).longValueExact();
                } catch (ArithmeticException e) {
                    throw new AmountOverflowException("amount of line '" + Inputs.shown(lines.get(i).lineId())
                            + "' on earning base " + base + " does not fit the exact range of a long in minor units");
                }
            }
            based[base.ordinal()] = a;
        }
        return a;
    }

    /**
     * Returns the basket total on an earning base in minor units, or -1 if a line amount or the total does
     * not fit in a {@code long}. Never throws.
     *
     * @param base the earning base
     * @return the total, or -1
     */
    public long totalOrMinusOne(EarningBase base) {
        if (base == EarningBase.GROSS) {
            return totalOrMinusOne();
        }
        basedRead = true;
        if (basedTotals[base.ordinal()] == -1) {
            long sum;
            try {
                sum = 0;
                for (long x : amounts(base)) {
                    sum = Math.addExact(sum, x);
                }
            } catch (AmountOverflowException | ArithmeticException beyondALong) {
                sum = -2;
            }
            basedTotals[base.ordinal()] = sum;
        }
        long t = basedTotals[base.ordinal()];
        return t < 0 ? -1 : t;
    }

    /**
     * Returns the spend on the lines a matcher selects on an earning base, as
     * {@link #spendOrNegative(LineMatcher)} does.
     *
     * @param matcher the lines
     * @param base the earning base
     * @return the spend, -1 or -2
     */
    public long spendOrNegative(LineMatcher matcher, EarningBase base) {
        if (base == EarningBase.GROSS) {
            return spendOrNegative(matcher);
        }
        if (totalOrMinusOne(base) < 0) {
            return -1;
        }
        long[] a = based[base.ordinal()];
        long sum = 0;
        boolean any = false;
        for (int i = 0; i < a.length; i++) {
            if (Nodes.matches(matcher, lines.get(i))) {
                sum += a[i];
                any = true;
            }
        }
        return any ? sum : -2;
    }

    /**
     * Returns the amount of line {@code i} on an earning base in minor units.
     *
     * @param i the position in the basket
     * @param base the earning base
     * @return the amount
     * @throws AmountOverflowException if a line amount in minor units does not fit in a {@code long}
     */
    public long amount(int i, EarningBase base) {
        return amounts(base)[i];
    }

    /**
     * Shares {@code total} out over the lines {@code matcher} selects (all lines for null), pro rata by
     * their amounts on an earning base, as {@link #overMatching(long, LineMatcher)} does by line amount.
     *
     * @param total the amount; zero or more
     * @param matcher the lines, or null for all
     * @param base the earning base
     * @return the shares
     * @throws AmountOverflowException if a line amount in minor units does not fit in a {@code long}
     */
    public LineShares over(long total, LineMatcher matcher, EarningBase base) {
        if (base == EarningBase.GROSS) {
            return matcher == null ? overAll(total) : overMatching(total, matcher);
        }
        long[] amounts = amounts(base);
        long[] w = new long[amounts.length];
        boolean anyPrice = false;
        for (int i = 0; i < w.length; i++) {
            if (matcher == null || Nodes.matches(matcher, lines.get(i))) {
                w[i] = amounts[i];
                anyPrice |= amounts[i] > 0;
            }
        }
        if (!anyPrice) {
            return matcher == null ? overAll(total) : overMatching(total, matcher);
        }
        return LineShares.of(lines, Allocation.proRata(total, w));
    }

    /**
     * Returns the basket total in minor units, or -1 if a line amount or the total does not fit in a
     * {@code long} (then conditions compare in decimals instead). Never throws.
     *
     * @return the total, or -1
     */
    public long totalOrMinusOne() {
        if (total == -1 && lines instanceof BasketLines && ((BasketLines) lines).total() >= 0) {
            total = ((BasketLines) lines).total();
        }
        if (total == -1) {
            long sum = -2;
            try {
                long[] a = amounts();
                sum = 0;
                for (long x : a) {
                    sum = Math.addExact(sum, x);
                }
            } catch (AmountOverflowException | ArithmeticException beyondALong) {
                sum = -2;
            }
            total = sum;
        }
        return total < 0 ? -1 : total;
    }

    /**
     * Returns the spend on the lines a matcher selects in minor units, -1 if a line amount or the sum
     * does not fit in a {@code long}, or -2 if no line is selected. Never throws.
     *
     * @param matcher the lines
     * @return the spend, -1 or -2
     */
    public long spendOrNegative(LineMatcher matcher) {
        if (totalOrMinusOne() < 0) {
            return -1;
        }
        long[] a = amounts(); // they fit, as the total does
        long sum = 0;
        boolean any = false;
        for (int i = 0; i < a.length; i++) {
            if (Nodes.matches(matcher, lines.get(i))) {
                sum += a[i]; // at most the total, which fits
                any = true;
            }
        }
        return any ? sum : -2;
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
        // one concatenation, as BigDecimal.toPlainString then " " and the code would print it
        return minorUnits / unit + "." + ZEROS[scale - digits(fraction)] + fraction + " " + currency.getCurrencyCode();
    }

    /**
     * Formats an amount as {@link #money(long)} does followed by {@code " on "}, a number of lines and
     * what they are, e.g. {@code "29.59 EUR on 3 lines"}, in one string.
     *
     * @param minorUnits the amount
     * @param lines how many lines
     * @param kind what follows the number, e.g. {@code " lines"}
     * @return the text
     */
    public String moneyOn(long minorUnits, int lines, String kind) {
        if (minorUnits < 0 || scale >= ZEROS.length) {
            return money(minorUnits) + " on " + lines + kind;
        }
        String code = currency.getCurrencyCode();
        if (scale == 0) {
            return minorUnits + " " + code + " on " + lines + kind;
        }
        long unit = TENS[scale];
        long fraction = minorUnits % unit;
        return minorUnits / unit + "." + ZEROS[scale - digits(fraction)] + fraction + " " + code + " on " + lines + kind;
    }

    private static int digits(long fraction) {
        int digits = 1;
        for (long f = fraction; f >= 10; f /= 10) {
            digits++;
        }
        return digits;
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
        if (!weightsRead) {
            weights = weights(null);
            weightsRead = true;
        }
        if (lines instanceof BasketLines && weights == ((BasketLines) lines).minorUnits()) {
            // by the line amounts the purchase holds: the same parts, computed when read, no array
            LineShares shares = LineShares.proRata((BasketLines) lines, total);
            if (shares != null) {
                return shares;
            }
        }
        return LineShares.of(lines, Allocation.proRata(total, weights));
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
        // allocation only reads the weights: the buffer is reused for the next matcher or basket
        long[] w = matched == null || matched.length != lines.size() ? new long[lines.size()] : matched;
        matched = w;
        boolean anyPrice = false;
        for (int i = 0; i < w.length; i++) {
            w[i] = 0;
            if (matcher == null || Nodes.matches(matcher, lines.get(i))) {
                w[i] = amounts[i];
                anyPrice |= amounts[i] > 0;
            }
        }
        if (!anyPrice) {
            for (int i = 0; i < w.length; i++) {
                if (matcher == null || Nodes.matches(matcher, lines.get(i))) {
                    w[i] = lines.get(i).quantity();
                }
            }
        }
        return matcher == null ? w.clone() : w; // the weights of all lines are kept: not the shared buffer
    }
}
