package io.github.loyaltyrules.rule.internal;

import io.github.loyaltyrules.rule.BasketLine;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** The running sums of {@link #minorUnits}, from 0 to {@link #total}, one more than the lines; null as they are. */
    private final long[] running;
    /** Each line's position by id, for more than {@link #LINEAR} lines; built when first needed. */
    private Map<String, Integer> index;

    /** Up to this many lines, a line is found by id by looking at each. */
    private static final int LINEAR = 8;

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
        long[] r = null;
        if (units != null) {
            r = new long[units.length + 1];
            for (int i = 0; i < units.length; i++) {
                r[i + 1] = r[i] + units[i]; // at most the total, which fits
            }
        }
        this.running = r;
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
     * Returns the running sums of the line amounts in minor units, the array itself: not to be
     * changed. Element {@code i} is the sum of the first {@code i} amounts; the last is the total.
     *
     * @return the running sums, one more than the lines, or null if the amounts are not held
     */
    long[] runningTotals() {
        return running;
    }

    /**
     * Returns the sum of the line amounts in minor units.
     *
     * @return the total, or -1 if it does not fit in a {@code long}
     */
    public long total() {
        return total;
    }

    /**
     * Returns the position of the (first) line with an id.
     *
     * @param lineId the line id
     * @return the position, or -1 if no line has that id
     */
    public int positionOf(String lineId) {
        if (lines.length <= LINEAR) {
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].lineId().equals(lineId)) {
                    return i;
                }
            }
            return -1;
        }
        Map<String, Integer> idx = index;
        if (idx == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < lines.length; i++) {
                m.putIfAbsent(lines[i].lineId(), i); // the first, as looking at each finds
            }
            idx = Map.copyOf(m); // final fields: safe to share between threads without a lock
            index = idx;
        }
        Integer i = idx.get(lineId);
        return i == null ? -1 : i;
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
