package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.Lot;
import java.time.Instant;
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
 *
 * <p>It also knows where the lots that still hold points start ({@link #firstLive(List)}: every lot
 * before is spent), and whether the lots from there on are in redemption order already
 * ({@link #ordered(List)}), so that a spend or a balance skips a long spent history and needs no sort.
 */
public final class LotList extends AbstractList<Lot> implements RandomAccess {

    private static final LotList EMPTY = new LotList(new Lot[0], new AtomicInteger(), 0, 0, 0, true, null, null);

    private final Lot[] array;
    /** How many slots of {@link #array} are claimed, shared by every list over that array. */
    private final AtomicInteger used;
    private final int size;
    /** The sum of the lots' remaining amounts, kept so that an earn need not add them up. */
    private final long remaining;
    /** Every lot before this index has nothing remaining. */
    private final int firstLive;
    /** Whether the lots from {@link #firstLive} on are in {@link #compareForRedemption} order. */
    private final boolean ordered;
    /** The latest earning or availability time of the lots from {@link #firstLive} on; null if none. */
    private final Instant settledAt;
    /** The earliest expiry of the lots from {@link #firstLive} on; null if none expires. */
    private final Instant firstExpiry;

    private LotList(Lot[] array, AtomicInteger used, int size, long remaining, int firstLive, boolean ordered,
            Instant settledAt, Instant firstExpiry) {
        this.array = array;
        this.used = used;
        this.size = size;
        this.remaining = remaining;
        this.firstLive = firstLive;
        this.ordered = ordered;
        this.settledAt = settledAt;
        this.firstExpiry = firstExpiry;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isBefore(a) ? a : b;
    }

    private static Instant settled(Lot lot) {
        return lot.availableAt().isAfter(lot.earnedAt()) ? lot.availableAt() : lot.earnedAt();
    }

    /**
     * Returns whether every lot of a list that holds points was earned and available by
     * {@code asOf} and none has expired by its own date then, as far as the list knows without
     * looking at the lots: true only for a lot list that can tell.
     *
     * @param lots the lots
     * @param asOf the instant
     * @return true if every live lot is earned, available and not expired by its own date at {@code asOf}
     */
    public static boolean allAvailable(List<Lot> lots, Instant asOf) {
        if (!(lots instanceof LotList l)) {
            return false;
        }
        return (l.settledAt == null || !l.settledAt.isAfter(asOf)) && (l.firstExpiry == null || l.firstExpiry.isAfter(asOf));
    }

    /**
     * Compares two lots in the order a redemption takes them: soonest-to-expire first
     * (never-expiring last), then earliest earned, then lowest number.
     *
     * @param a a lot
     * @param b another lot
     * @return negative, zero or positive as {@code a} is taken before, with or after {@code b}
     */
    public static int compareForRedemption(Lot a, Lot b) {
        if (a.expiresAt() != b.expiresAt()) {
            if (a.expiresAt() == null) {
                return 1;
            }
            if (b.expiresAt() == null) {
                return -1;
            }
            int c = a.expiresAt().compareTo(b.expiresAt());
            if (c != 0) {
                return c;
            }
        }
        int c = a.earnedAt().compareTo(b.earnedAt());
        return c != 0 ? c : a.id().compareTo(b.id());
    }

    /**
     * Returns the index of the first lot that has points remaining in a list of lots: 0 unless the
     * list is a lot list, which knows.
     *
     * @param lots the lots
     * @return an index such that every lot before it has nothing remaining
     */
    public static int firstLive(List<Lot> lots) {
        return lots instanceof LotList l ? l.firstLive : 0;
    }

    /**
     * Returns whether the lots from {@link #firstLive(List)} on are known to be in redemption order
     * ({@link #compareForRedemption}); false when it is not known.
     *
     * @param lots the lots
     * @return true if they are in that order
     */
    public static boolean ordered(List<Lot> lots) {
        return lots instanceof LotList l && l.ordered;
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
        return adopt(lots.toArray(new Lot[n + Math.max(4, n >> 2)]), n);
    }

    /**
     * Returns a lot list over the first {@code size} slots of an array, without copying: the caller
     * gives the array up and must not write to it again (the list may append into its free tail).
     *
     * @param array the lots, then free slots
     * @param size how many slots hold lots; at most {@code array.length}
     * @return the list
     * @throws NullPointerException if a lot is null
     * @throws IndexOutOfBoundsException if {@code size} is negative or exceeds the array
     */
    public static LotList adopt(Lot[] array, int size) {
        Objects.checkFromToIndex(0, size, array.length);
        int n = size;
        if (n == 0) {
            return EMPTY;
        }
        long remaining = 0;
        int firstLive = n;
        boolean ordered = true;
        Instant settledAt = null;
        Instant firstExpiry = null;
        for (int i = 0; i < n; i++) {
            Lot lot = Objects.requireNonNull(array[i], "lot must not be null");
            remaining += lot.remaining();
            if (firstLive == n) {
                if (lot.remaining() > 0) {
                    firstLive = i;
                }
            } else if (ordered && compareForRedemption(array[i - 1], lot) > 0) {
                ordered = false;
            }
            if (firstLive < n) {
                settledAt = later(settledAt, settled(lot));
                firstExpiry = earlier(firstExpiry, lot.expiresAt());
            }
        }
        return new LotList(array, new AtomicInteger(n), n, remaining, firstLive, ordered, settledAt, firstExpiry);
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
        int live = firstLive < size ? firstLive : lot.remaining() > 0 ? size : size + 1;
        boolean inOrder = live >= size || ordered && compareForRedemption(array[size - 1], lot) <= 0;
        // the summaries cover the lots from firstLive on; the new lot joins them unless all are spent
        Instant settledAt = live <= size ? later(this.settledAt, settled(lot)) : null;
        Instant firstExpiry = live <= size ? earlier(this.firstExpiry, lot.expiresAt()) : null;
        if (size < array.length && used.compareAndSet(size, size + 1)) {
            array[size] = lot;
            return new LotList(array, used, size + 1, remaining + lot.remaining(), live, inOrder, settledAt,
                    firstExpiry);
        }
        Lot[] grown = Arrays.copyOf(array, Math.max(8, size + (size >> 1) + 1));
        grown[size] = lot;
        return new LotList(grown, new AtomicInteger(size + 1), size + 1, remaining + lot.remaining(), live, inOrder,
                settledAt, firstExpiry);
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
