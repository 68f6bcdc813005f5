package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.OutsideWindowException;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An in-memory store's change feed: values in the order they were committed, the first at position
 * 1, under one lock held only to append or copy out a page. A value is appended while the store
 * still holds the lock of what it committed, so a reader sees a value only once everything before it
 * is there: a reader that resumes after the last position it was given misses nothing.
 *
 * @param <T> the type of the values
 *
 * @since 0.1.0
 */
public final class FeedLog<T> {

    private Object[] values = new Object[64];
    /** The index in {@link #values} of the oldest value kept. */
    private int head;
    /** The index in {@link #values} after the newest value. */
    private int tail;
    /** The position of the value at {@link #head}. */
    private long first = 1;

    /** Appends a value; returns its position. */
    public synchronized long append(T value) {
        if (tail == values.length) {
            int kept = tail - head;
            Object[] next = kept * 2 <= values.length ? values : new Object[values.length * 2];
            System.arraycopy(values, head, next, 0, kept);
            if (next == values) {
                java.util.Arrays.fill(values, kept, tail, null);
            }
            values = next;
            head = 0;
            tail = kept;
        }
        values[tail++] = value;
        return first + tail - head - 1;
    }

    /**
     * Returns up to {@code limit} values after a position, with their positions.
     *
     * @throws OutsideWindowException if values after {@code after} have been dropped
     */
    @SuppressWarnings("unchecked")
    public synchronized List<Sequenced<T>> after(long after, int limit, String what) {
        if (after < first - 1) {
            throw new OutsideWindowException("the change feed no longer keeps the " + what + " after position " + after
                    + ": the oldest kept is at position " + first + " (older ones were dated before the ledger's"
                    + " horizon); resume from position " + (first - 1) + " or later");
        }
        long newest = first + tail - head - 1;
        int n = (int) Math.max(0, Math.min(limit, newest - after));
        List<Sequenced<T>> page = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long position = after + 1 + i;
            page.add(new Sequenced<>(position, (T) values[head + (int) (position - first)]));
        }
        return page;
    }

    /** Drops values from the oldest on while {@code old} holds for them. */
    public void dropWhile(Predicate<T> old) {
        dropWhile(old, Integer.MAX_VALUE, null);
    }

    /**
     * Drops up to {@code max} values from the oldest on while {@code old} holds for them, adding
     * each to {@code dropped} (if not null), so that the caller can act on them once the feed's lock
     * is let go.
     *
     * @return how many values were dropped
     */
    @SuppressWarnings("unchecked")
    public synchronized int dropWhile(Predicate<T> old, int max, List<T> dropped) {
        int n = 0;
        while (n < max && head < tail && old.test((T) values[head])) {
            if (dropped != null) {
                dropped.add((T) values[head]);
            }
            values[head++] = null;
            first++;
            n++;
        }
        return n;
    }

    /** Replaces every value kept by what {@code f} makes of it (the same object to keep it). */
    @SuppressWarnings("unchecked")
    public synchronized void replaceAll(UnaryOperator<T> f) {
        for (int i = head; i < tail; i++) {
            values[i] = f.apply((T) values[i]);
        }
    }
}
