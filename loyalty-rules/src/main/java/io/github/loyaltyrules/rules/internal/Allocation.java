package io.github.loyaltyrules.rules.internal;

import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.internal.LineShares;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact allocation of a whole amount over weights by cumulative floor: part {@code i} is
 * {@code floor(total * W(<=i) / W) - floor(total * W(<i) / W)}, where {@code W(<=i)} is the sum of
 * the first {@code i + 1} weights. The parts are never negative and add up to {@code total}
 * exactly; rounding remainders fall to the later parts. When every weight is zero the parts are
 * allocated as if all weights were one.
 *
 * @since 0.1.0
 */
public final class Allocation {

    private Allocation() {
    }

    /**
     * Allocates {@code total} over {@code weights}.
     *
     * @param total the amount to allocate; zero or more
     * @param weights the weights; each zero or more
     * @return the parts, adding up to {@code total}
     */
    public static long[] proRata(long total, long[] weights) {
        int n = weights.length;
        if (n == 0 || total == 0) {
            return new long[n];
        }
        long[] fast = proRataInLongs(total, weights);
        if (fast != null) {
            return fast;
        }
        long[] parts = new long[n];
        BigInteger sum = BigInteger.ZERO;
        for (long w : weights) {
            sum = sum.add(BigInteger.valueOf(w));
        }
        boolean equal = sum.signum() == 0;
        if (equal) {
            sum = BigInteger.valueOf(n);
        }
        BigInteger t = BigInteger.valueOf(total);
        BigInteger cumulative = BigInteger.ZERO;
        long before = 0;
        for (int i = 0; i < n; i++) {
            cumulative = cumulative.add(BigInteger.valueOf(equal ? 1 : weights[i]));
            long upTo = t.multiply(cumulative).divide(sum).longValueExact();
            parts[i] = upTo - before;
            before = upTo;
        }
        return parts;
    }

    /**
     * The same allocation in {@code long} arithmetic, or null when an intermediate product or sum
     * would overflow (then {@link #proRata} falls back to {@link BigInteger}).
     */
    private static long[] proRataInLongs(long total, long[] weights) {
        int n = weights.length;
        long sum = 0;
        for (long w : weights) {
            sum += w;
            if (sum < 0) {
                return null;
            }
        }
        boolean equal = sum == 0;
        if (equal) {
            sum = n;
        }
        long[] parts = new long[n];
        long cumulative = 0;
        long before = 0;
        for (int i = 0; i < n; i++) {
            cumulative += equal ? 1 : weights[i];
            long hi = Math.multiplyHigh(total, cumulative);
            long product = total * cumulative;
            if (hi != 0 || product < 0) {
                return null;
            }
            long upTo = product / sum;
            parts[i] = upTo - before;
            before = upTo;
        }
        return parts;
    }

    /**
     * Returns a line amount in minor units of its money currency.
     *
     * @param line the line
     * @return the amount as a whole number of minor units
     */
    public static long minorUnits(BasketLine line) {
        return line.amount().amount().unscaledValue().longValueExact();
    }

    /**
     * Allocates {@code total} over lines pro rata by their amounts (by quantity if all are free),
     * leaving out lines whose part is zero.
     *
     * @param total the amount; zero or more
     * @param lines the lines
     * @return the shares by line id, in basket order
     */
    public static Map<String, Long> overLines(long total, List<BasketLine> lines) {
        long[] weights = new long[lines.size()];
        boolean anyPrice = false;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = minorUnits(lines.get(i));
            anyPrice |= weights[i] > 0;
        }
        if (!anyPrice) {
            for (int i = 0; i < weights.length; i++) {
                weights[i] = lines.get(i).quantity();
            }
        }
        long[] parts = proRata(total, weights);
        Map<String, Long> shares = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > 0) {
                shares.put(lines.get(i).lineId(), parts[i]);
            }
        }
        return shares;
    }

    /**
     * Scales existing shares down to a smaller total, pro rata by the shares.
     *
     * @param shares the shares by line id
     * @param total the new total; at most their sum
     * @return the new shares, leaving out zero parts, in the same order
     */
    public static Map<String, Long> scale(Map<String, Long> shares, long total) {
        if (shares.isEmpty()) {
            return shares;
        }
        if (shares instanceof LineShares) { // zero parts weigh nothing: the same parts as over the entries alone
            LineShares s = (LineShares) shares;
            long[] w = new long[s.lines()];
            for (int i = 0; i < w.length; i++) {
                w[i] = s.part(i);
            }
            return s.withParts(proRata(total, w));
        }
        long[] weights = new long[shares.size()];
        String[] ids = new String[shares.size()];
        int i = 0;
        for (Map.Entry<String, Long> e : shares.entrySet()) {
            ids[i] = e.getKey();
            weights[i++] = e.getValue();
        }
        long[] parts = proRata(total, weights);
        Map<String, Long> out = new LinkedHashMap<>();
        for (int j = 0; j < parts.length; j++) {
            if (parts[j] > 0) {
                out.put(ids[j], parts[j]);
            }
        }
        return out;
    }
}
