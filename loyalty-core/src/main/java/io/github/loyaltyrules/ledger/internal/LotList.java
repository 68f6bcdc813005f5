package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.Lot;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable list of lots that can be extended by one lot without copying: lists made by
 * {@link #plus} share one array, and the first to append at a given size writes into its free
 * tail (claimed with a compare-and-set, so that two appends to the same list never collide);
 * any other append copies. Readers only ever see the first {@link #size()} slots, which never
 * change once written. Not API.
 */
public final class LotList extends AbstractList<Lot> implements RandomAccess {

    private static final LotList EMPTY = new LotList(new Lot[0], new AtomicInteger(), 0, 0);

    private final Lot[] array;
    /** How many slots of {@link #array} are claimed, shared by every list over that array. */
    private final AtomicInteger used;
    private final int size;
    /** The sum of the lots' remaining amounts, kept so that an earn need not add them up. */
    private final long remaining;

    private LotList(Lot[] array, AtomicInteger used, int size, long remaining) {
        this.array = array;
        this.used = used;
        this.size = size;
        this.remaining = remaining;
    }

    /**
     * Returns the lots as a lot list: the list itself if it is one, else a copy.
     *
     * @param lots the lots; no nulls
     * @return the list
     * @throws NullPointerException if {@code lots} or a lot is null
     */
    public static LotList copyOf(List<Lot> lots) {
        if (lots instanceof LotList l) {
            return l;
        }
        int n = lots.size();
        if (n == 0) {
            return EMPTY;
        }
        Lot[] array = lots.toArray(new Lot[n + Math.max(4, n >> 2)]);
        long remaining = 0;
        for (int i = 0; i < n; i++) {
            remaining += Objects.requireNonNull(array[i], "lot must not be null").remaining();
        }
        return new LotList(array, new AtomicInteger(n), n, remaining);
    }

    /**
     * Returns this list with one more lot at the end; this list is unchanged.
     *
     * @param lot the lot
     * @return the longer list
     * @throws NullPointerException if {@code lot} is null
     */
    public LotList plus(Lot lot) {
        Objects.requireNonNull(lot, "lot must not be null");
        if (size < array.length && used.compareAndSet(size, size + 1)) {
            array[size] = lot;
            return new LotList(array, used, size + 1, remaining + lot.remaining());
        }
        Lot[] grown = Arrays.copyOf(array, Math.max(8, size + (size >> 1) + 1));
        grown[size] = lot;
        return new LotList(grown, new AtomicInteger(size + 1), size + 1, remaining + lot.remaining());
    }

    /**
     * Returns the sum of the lots' remaining amounts (as a plain sum, as if added up one by one).
     *
     * @return the sum
     */
    public long remaining() {
        return remaining;
    }

    @Override
    public Lot get(int index) {
        Objects.checkIndex(index, size);
        return array[index];
    }

    @Override
    public int size() {
        return size;
    }
}
