package io.github.loyaltyrules.rule.internal;

import io.github.loyaltyrules.rule.BasketLine;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
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
 * <p>It implements {@code Map} itself rather than extending {@code AbstractMap}, and finds a line's
 * position through {@link BasketLines#positionOf} (an index kept once per purchase), so that each one
 * is three fields: the rule engine builds one per award. An amount shared out over all of a purchase's
 * lines pro rata by line amount holds no parts at all: each part is computed when read, in constant
 * time and allocating nothing, from the running sums of the line amounts that the purchase's lines
 * keep ({@link #proRata}); the parts are exactly those of the cumulative-floor allocation.
 *
 * <p>Not API: the rule engine builds these from arrays that nobody changes afterwards.
 *
 * @since 0.1.0
 */
public final class LineShares implements Map<String, Long> {

    private final List<BasketLine> lines;
    /**
     * One part per line, checked when built: none negative, their sum within a long; null when the
     * parts are {@link #sum} shared out pro rata over the running sums of the lines' amounts.
     */
    private final long[] parts;
    /** The sum of the parts. */
    private final long sum;

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
     * Returns {@code total} shared out over all of a purchase's lines pro rata by line amount, as
     * the cumulative-floor allocation does: part {@code i} is {@code floor(total * A(<=i) / A) -
     * floor(total * A(<i) / A)}, where {@code A(<=i)} is the sum of the first {@code i + 1} line
     * amounts in minor units. The parts are computed when read, so these shares hold no array.
     *
     * @param lines the purchase's lines
     * @param total the amount to share out; zero or more
     * @return the shares, or null if they cannot be held this way: the line amounts are not held
     *         in minor units, all of them are zero, or {@code total} times their sum does not fit in a
     *         {@code long}
     */
    public static LineShares proRata(BasketLines lines, long total) {
        long[] running = lines.runningTotals();
        if (running == null || total < 0) {
            return null;
        }
        long all = running[running.length - 1];
        if (all <= 0 || Math.multiplyHigh(total, all) != 0 || total * all < 0) {
            return null; // every running total is at most the sum: if this product fits, each one does
        }
        return new LineShares(lines, null, total);
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
        if (parts != null) {
            return parts[i];
        }
        long[] running = ((BasketLines) lines).runningTotals(); // one longer than the lines, from 0
        long all = running[running.length - 1];
        return sum * running[i + 1] / all - sum * running[i] / all;
    }

    /**
     * Returns the number of lines the shares are over, with or without a part.
     *
     * @return the number of lines
     */
    public int lines() {
        return lines.size();
    }

    /**
     * Returns a copy of the parts, one per line.
     *
     * @return the parts
     */
    public long[] parts() {
        if (parts != null) {
            return parts.clone();
        }
        long[] out = new long[lines.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = part(i);
        }
        return out;
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
        for (int i = 0; i < lines.size(); i++) {
            if (part(i) != 0) {
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
        if (lines instanceof BasketLines) { // a purchase's lines: indexed once for every share over them
            return ((BasketLines) lines).positionOf((String) key);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (id(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Long get(Object key) {
        int i = find(key);
        long part = i < 0 ? 0 : part(i);
        return part == 0 ? null : part;
    }

    @Override
    public boolean containsKey(Object key) {
        int i = find(key);
        return i >= 0 && part(i) != 0;
    }

    @Override
    public boolean containsValue(Object value) {
        if (!(value instanceof Long)) {
            return false;
        }
        long v = (Long) value;
        for (int i = 0; i < lines.size(); i++) {
            long p = part(i);
            if (p != 0 && p == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refused: line shares cannot be changed.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Long put(String key, Long value) {
        throw new UnsupportedOperationException("line shares cannot be changed");
    }

    /**
     * Refused: line shares cannot be changed.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public Long remove(Object key) {
        throw new UnsupportedOperationException("line shares cannot be changed");
    }

    /**
     * Refused: line shares cannot be changed.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void putAll(Map<? extends String, ? extends Long> m) {
        throw new UnsupportedOperationException("line shares cannot be changed");
    }

    /**
     * Refused: line shares cannot be changed.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void clear() {
        throw new UnsupportedOperationException("line shares cannot be changed");
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return LineShares.this.size();
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }

            @Override
            public Iterator<String> iterator() {
                return entries(Map.Entry::getKey);
            }
        };
    }

    @Override
    public Collection<Long> values() {
        return new AbstractCollection<>() {
            @Override
            public int size() {
                return LineShares.this.size();
            }

            @Override
            public Iterator<Long> iterator() {
                return entries(Map.Entry::getValue);
            }
        };
    }

    /** An iterator over one part of each entry, for the key and value views. */
    private <T> Iterator<T> entries(java.util.function.Function<Map.Entry<String, Long>, T> part) {
        Iterator<Map.Entry<String, Long>> entries = entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public T next() {
                return part.apply(entries.next());
            }
        };
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Long> action) {
        for (int i = 0; i < lines.size(); i++) {
            long p = part(i);
            if (p != 0) {
                action.accept(id(i), p);
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
        for (int i = 0; i < lines.size(); i++) {
            long p = part(i);
            if (p != 0) {
                h += id(i).hashCode() ^ Long.hashCode(p);
            }
        }
        return h;
    }

    /** Equal to any map with the same entries, as {@code AbstractMap} defines it. */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (o instanceof LineShares) {
            LineShares s = (LineShares) o;
            if (s.lines == lines) {
                if (s.parts != null && parts != null) {
                    return Arrays.equals(s.parts, parts);
                }
                for (int i = 0; i < lines.size(); i++) {
                    if (s.part(i) != part(i)) {
                        return false;
                    }
                }
                return true;
            }
        }
        if (!(o instanceof Map)) {
            return false;
        }
        Map<?, ?> m = (Map<?, ?>) o;
        if (m.size() != size()) {
            return false;
        }
        try {
            for (int i = 0; i < lines.size(); i++) {
                long p = part(i);
                if (p != 0 && !Long.valueOf(p).equals(m.get(id(i)))) {
                    return false;
                }
            }
        } catch (ClassCastException | NullPointerException unlike) {
            return false;
        }
        return true;
    }

    /** The entries in basket order, as {@code AbstractMap} writes them, e.g. {@code {L1=3, L2=4}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < lines.size(); i++) {
            long p = part(i);
            if (p != 0) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(id(i)).append('=').append(p);
            }
        }
        return sb.append('}').toString();
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
                    while (i < lines.size() && part(i) == 0) {
                        i++;
                    }
                    return i;
                }

                @Override
                public boolean hasNext() {
                    return next < lines.size();
                }

                @Override
                public Map.Entry<String, Long> next() {
                    if (next >= lines.size()) {
                        throw new NoSuchElementException();
                    }
                    Map.Entry<String, Long> e = new AbstractMap.SimpleImmutableEntry<>(id(next), part(next));
                    next = advance(next + 1);
                    return e;
                }
            };
        }
    }
}
