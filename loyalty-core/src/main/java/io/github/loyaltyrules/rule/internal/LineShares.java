package io.github.loyaltyrules.rule.internal;

import io.github.loyaltyrules.rule.BasketLine;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map from basket line id to minor units, held as the purchase's (immutable) line
 * list, shared between all the shares of one evaluation, and one part per line, where a zero part
 * means "no entry". Iterates in basket order, like the {@code LinkedHashMap} it replaces, and
 * equals any map with the same entries. Awards and grants holding one need not copy it.
 *
 * <p>Not API: the rule engine builds these from arrays that nobody changes afterwards.
 *
 * @since 0.1.0
 */
public final class LineShares extends AbstractMap<String, Long> {

    /** Above this many lines, lookups by id go through a hash index built on first use. */
    private static final int LINEAR = 8;

    private final List<BasketLine> lines;
    private final long[] parts;
    private final long sum;
    private Map<String, Integer> index;

    private LineShares(List<BasketLine> lines, long[] parts, long sum) {
        this.lines = lines;
        this.parts = parts;
        this.sum = sum;
    }

    /**
     * Returns shares over a purchase's lines. Both are kept, not copied: the list must be
     * immutable (as {@code Purchase#lines()} is) and the caller must not change the array.
     *
     * @param lines the lines, with unique ids, in basket order
     * @param parts the part of each line in minor units; zero or more, zero for lines without a share
     * @return the shares
     * @throws IllegalArgumentException if there is not one part per line or a part is negative
     * @throws ArithmeticException if the parts add up to more than a {@code long} holds
     */
    public static LineShares of(List<BasketLine> lines, long[] parts) {
        if (lines.size() != parts.length) {
            throw new IllegalArgumentException("line shares need one part per line; got " + lines.size() + " lines and "
                    + parts.length + " parts");
        }
        long sum = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] < 0) {
                throw new IllegalArgumentException("share of line " + lines.get(i).lineId() + " must not be negative;"
                        + " got " + parts[i]);
            }
            sum = Math.addExact(sum, parts[i]);
        }
        return new LineShares(lines, parts, sum);
    }

    /**
     * Returns the sum of the parts.
     *
     * @return the sum in minor units
     */
    public long sum() {
        return sum;
    }

    /**
     * Tells whether these shares are over exactly the given line list (the same list object).
     *
     * @param basketLines the lines
     * @return true if they are
     */
    public boolean over(List<BasketLine> basketLines) {
        return lines == basketLines;
    }

    /**
     * Returns the part of line {@code i} of the basket; zero if it has none.
     *
     * @param i the line's position in the basket
     * @return the part in minor units
     */
    public long part(int i) {
        return parts[i];
    }

    /**
     * Returns the number of lines the shares are over, with or without a part.
     *
     * @return the number of lines
     */
    public int lines() {
        return parts.length;
    }

    /**
     * Returns a copy of the parts, one per line.
     *
     * @return the parts
     */
    public long[] parts() {
        return parts.clone();
    }

    /**
     * Returns new shares over the same lines.
     *
     * @param newParts the parts; zero or more
     * @return the shares
     * @throws IllegalArgumentException if the length differs or a part is negative
     */
    public LineShares withParts(long[] newParts) {
        return of(lines, newParts);
    }

    @Override
    public int size() {
        int size = 0;
        for (long p : parts) {
            if (p != 0) {
                size++;
            }
        }
        return size;
    }

    @Override
    public boolean isEmpty() {
        return sum == 0;
    }

    private String id(int i) {
        return lines.get(i).lineId();
    }

    private int find(Object key) {
        if (!(key instanceof String)) {
            return -1;
        }
        if (parts.length <= LINEAR) {
            for (int i = 0; i < parts.length; i++) {
                if (id(i).equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        Map<String, Integer> idx = index;
        if (idx == null) {
            Map<String, Integer> m = new HashMap<>();
            for (int i = 0; i < parts.length; i++) {
                m.put(id(i), i);
            }
            idx = Map.copyOf(m); // final fields: safe to share between threads without a lock
            index = idx;
        }
        Integer i = idx.get(key);
        return i == null ? -1 : i;
    }

    @Override
    public Long get(Object key) {
        int i = find(key);
        return i < 0 || parts[i] == 0 ? null : parts[i];
    }

    @Override
    public boolean containsKey(Object key) {
        int i = find(key);
        return i >= 0 && parts[i] != 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Long> action) {
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != 0) {
                action.accept(id(i), parts[i]);
            }
        }
    }

    @Override
    public Set<Map.Entry<String, Long>> entrySet() {
        return new Entries();
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] != 0) {
                h += id(i).hashCode() ^ Long.hashCode(parts[i]);
            }
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof LineShares) {
            LineShares s = (LineShares) o;
            if (s.lines == lines) {
                return Arrays.equals(s.parts, parts);
            }
        }
        return super.equals(o);
    }

    private final class Entries extends AbstractSet<Map.Entry<String, Long>> {
        @Override
        public int size() {
            return LineShares.this.size();
        }

        @Override
        public Iterator<Map.Entry<String, Long>> iterator() {
            return new Iterator<>() {
                private int next = advance(0);

                private int advance(int from) {
                    int i = from;
                    while (i < parts.length && parts[i] == 0) {
                        i++;
                    }
                    return i;
                }

                @Override
                public boolean hasNext() {
                    return next < parts.length;
                }

                @Override
                public Map.Entry<String, Long> next() {
                    if (next >= parts.length) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, Long> e = new AbstractMap.SimpleImmutableEntry<>(id(next), parts[next]);
                    next = advance(next + 1);
                    return e;
                }
            };
        }
    }
}
