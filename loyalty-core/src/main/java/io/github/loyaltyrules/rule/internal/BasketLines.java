package io.github.loyaltyrules.rule.internal;

import io.github.loyaltyrules.rule.BasketLine;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A purchase's lines: an immutable list that also holds each line's amount in whole minor units of
 * its currency, read from the {@code BigDecimal} prices once when the purchase is built, so that every
 * evaluation of the purchase (evaluate, re-evaluate, quote, return) reads longs instead of decimals.
 * It equals any list of the same lines.
 *
 * <p>Not API: {@link io.github.loyaltyrules.rule.Purchase#lines()} returns one.
 *
 * @since 0.1.0
 */
public final class BasketLines extends AbstractList<BasketLine> implements RandomAccess {

    private final BasketLine[] lines;
    /** Each line's amount in minor units; null if one does not fit in a long. */
    private final long[] minorUnits;
    /** Their sum; -1 if it does not fit in a long (or {@link #minorUnits} is null). */
    private final long total;

    private BasketLines(BasketLine[] lines) {
        this.lines = lines;
        long[] units = new long[lines.length];
        long sum = 0;
        try {
            for (int i = 0; i < lines.length; i++) {
                BigDecimal price = lines[i].unitPrice().amount();
                units[i] = Math.multiplyExact(price.movePointRight(price.scale()).longValueExact(),
                        lines[i].quantity());
                sum = Math.addExact(sum, units[i]);
            }
        } catch (ArithmeticException beyondALong) { // the rule engine reads them itself, and says so
            units = null;
            sum = -1;
        }
        this.minorUnits = units;
        this.total = sum;
    }

    /**
     * Returns the lines as an immutable list, copied unless they already are one.
     *
     * @param lines the lines
     * @return the list
     * @throws NullPointerException if the list or a line is null
     */
    public static BasketLines copyOf(List<BasketLine> lines) {
        if (lines instanceof BasketLines) {
            return (BasketLines) lines;
        }
        BasketLine[] a = lines.toArray(new BasketLine[0]);
        for (BasketLine line : a) {
            Objects.requireNonNull(line, "basket line must not be null");
        }
        return new BasketLines(a);
    }

    /**
     * Returns each line's amount (unit price times quantity) in minor units of its currency, the
     * array itself: not to be changed.
     *
     * @return the amounts, or null if one, or their sum, does not fit in a {@code long}
     */
    public long[] minorUnits() {
        return minorUnits;
    }

    /**
     * Returns the sum of the line amounts in minor units.
     *
     * @return the total, or -1 if it does not fit in a {@code long}
     */
    public long total() {
        return total;
    }

    @Override
    public BasketLine get(int index) {
        return lines[index];
    }

    @Override
    public int size() {
        return lines.length;
    }
}
