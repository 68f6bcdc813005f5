package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.OutsideWindowException;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import java.util.ArrayList;
import java.util.List;
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
    /**
     * A number per value that orders them by age (e.g. a time), given with each value, so that
     * {@link #dropOlderThan} compares numbers in one array under the lock instead of reading each
     * value; null while the values come without them.
     */
    private long[] stamps;
    /** The index in {@link #values} of the oldest value kept. */
    private int head;
    /** The index in {@link #values} after the newest value. */
    private int tail;
    /** The position of the value at {@link #head}. */
    private long first = 1;

    /** Appends a value; returns its position. */
    public synchronized long append(T value) {
        makeRoom();
        values[tail++] = value;
        return first + tail - head - 1;
    }

    /**
     * Appends a value with its stamp, a number that does not decrease with age in the sense that
     * {@link #dropOlderThan} drops values from the oldest on while their stamps are below a bound.
     * Every value of a log appended with a stamp must be appended with one.
     *
     * @return the value's position
     */
    public synchronized long append(T value, long stamp) {
        if (stamps == null) {
            if (tail > head) {
                throw new IllegalStateException("a feed log's values are all stamped or none is");
            }
            stamps = new long[values.length];
        }
        makeRoom();
        stamps[tail] = stamp;
        values[tail++] = value;
        return first + tail - head - 1;
    }

    /** Makes room for one value at {@link #tail}: moves the kept values to the front, into a larger array if half full. */
    private void makeRoom() {
        if (tail < values.length) {
            return;
        }
        int kept = tail - head;
        boolean grow = kept * 2 > values.length;
        Object[] next = grow ? new Object[values.length * 2] : values;
        System.arraycopy(values, head, next, 0, kept);
        if (!grow) {
            java.util.Arrays.fill(values, kept, tail, null);
        }
        if (stamps != null) {
            long[] nextStamps = grow ? new long[next.length] : stamps;
            System.arraycopy(stamps, head, nextStamps, 0, kept);
            stamps = nextStamps;
        }
        values = next;
        head = 0;
        tail = kept;
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

    /**
     * Drops up to {@code max} values from the oldest on while their stamps are below {@code bound},
     * adding each to {@code dropped}; reads only the stamps and the references while it holds the
     * lock, so that appends wait as little as they can.
     *
     * @return how many values were dropped
     * @throws IllegalStateException if the values came without stamps
     */
    @SuppressWarnings("unchecked")
    public synchronized int dropOlderThan(long bound, int max, List<T> dropped) {
        if (stamps == null && tail > head) {
            throw new IllegalStateException("this feed log's values came without stamps");
        }
        int n = 0;
        while (n < max && head < tail && stamps[head] < bound) {
            dropped.add((T) values[head]);
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
