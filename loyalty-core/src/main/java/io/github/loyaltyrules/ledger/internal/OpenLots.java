package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A member's open lots in one currency, in creation (lot number) order, as a persistent vector:
 * a 32-way trie with a tail, so that appending a lot, reading one and replacing one each cost
 * O(log<sub>32</sub> n) and share everything else with the list they came from. A posting over
 * k lots therefore costs O(k log n), however many lots the member holds. Not API.
 *
 * <p>A lot that is spent stays in place as a hole (remaining 0) until the holes outnumber the
 * live lots, when the list is rebuilt without them: amortised O(1) per spent lot. The list also
 * knows the sum of what remains, where the live lots start ({@link #firstLive(List)}), whether
 * they are in redemption order already ({@link #ordered(List)}), and bounds on their earliest
 * expiry and latest availability, so that a spend or a balance skips spent lots and needs no sort.
 *
 * @since 0.1.0
 */
public final class OpenLots extends AbstractList<Lot> implements RandomAccess {

    static final int BITS = 5;
    static final int WIDTH = 1 << BITS;
    static final int MASK = WIDTH - 1;
    static final Object[] EMPTY_NODE = new Object[0];
    private static final Lot[] EMPTY_TAIL = new Lot[0];
    /** Holes beyond the live lots that are tolerated before a rebuild. */
    static final int SLACK = 32;

    static final OpenLots EMPTY =
            new OpenLots(0, BITS, EMPTY_NODE, EMPTY_TAIL, 0, 0, 0, true, true, null, null);

    final int size;
    final int shift;
    final Object[] root;
    final Lot[] tail;
    /** The sum of the lots' remaining amounts. */
    final long remaining;
    /** How many lots have points remaining. */
    final int live;
    /** Every lot before this index has nothing remaining; {@code size} if none has. */
    final int firstLive;
    /** Whether the lots from {@link #firstLive} on are in {@link #compareForRedemption} order. */
    final boolean ordered;
    /** Whether the lots from {@link #firstLive} on are in {@link ConsumptionOrder#OLDEST_FIRST} order. */
    final boolean oldestOrdered;
    /** At or after the latest earning or availability time of any live lot; null if none. */
    final Instant settledAt;
    /** At or before the earliest expiry of any live lot (for an unordered list); null if none expires. */
    final Instant expiryBound;

    OpenLots(int size, int shift, Object[] root, Lot[] tail, long remaining, int live, int firstLive,
            boolean ordered, boolean oldestOrdered, Instant settledAt, Instant expiryBound) {
        this.size = size;
        this.shift = shift;
        this.root = root;
        this.tail = tail;
        this.remaining = remaining;
        this.live = live;
        this.firstLive = firstLive;
        this.ordered = ordered;
        this.oldestOrdered = oldestOrdered;
        this.settledAt = settledAt;
        this.expiryBound = expiryBound;
    }

    /**
     * Returns the empty list.
     *
     * @return the empty list
     */
    public static OpenLots empty() {
        return EMPTY;
    }

    /**
     * Returns the lots as an open-lot list: the list itself if it is one, else a new list of the
     * lots that have points remaining, in the given order.
     *
     * @param lots the lots; no nulls
     * @return the list
     * @throws NullPointerException if {@code lots} or a lot is null
     */
    public static OpenLots copyOf(List<Lot> lots) {
        if (lots instanceof OpenLots l) {
            return l;
        }
        OpenLotsBuilder out = new OpenLotsBuilder(lots.size());
        for (Lot lot : lots) {
            if (Objects.requireNonNull(lot, "lot must not be null").remaining() > 0) {
                out.add(lot);
            }
        }
        return out.build();
    }

    /**
     * Returns a builder that makes a list in one pass from lots given in number order: O(n) for n
     * lots and one list at the end, where appending them one by one to a list makes n lists.
     *
     * @param expected how many lots are likely to come; a hint
     * @return the builder
     */
    public static OpenLotsBuilder builder(int expected) {
        return new OpenLotsBuilder(expected);
    }

    // ------------------------------------------------------------------ what the ledger asks

    /**
     * Compares two lots in the order a redemption takes them: soonest-to-expire first
     * (never-expiring last), then earliest earned, then lowest number.
     *
     * @param a a lot
     * @param b another lot
     * @return negative, zero or positive as {@code a} is taken before, with or after {@code b}
     */
    public static int compareForRedemption(Lot a, Lot b) {
        return ConsumptionOrder.SOONEST_EXPIRY_FIRST.compare(a, b);
    }

    /**
     * Returns the index of the first lot that has points remaining: 0 unless the list is an
     * open-lot list, which knows.
     *
     * @param lots the lots
     * @return an index such that every lot before it has nothing remaining
     */
    public static int firstLive(List<Lot> lots) {
        return lots instanceof OpenLots l ? l.firstLive : 0;
    }

    /**
     * Returns whether the lots from {@link #firstLive(List)} on are known to be in redemption order
     * ({@link #compareForRedemption}); false when it is not known.
     *
     * @param lots the lots
     * @return true if they are in that order
     */
    public static boolean ordered(List<Lot> lots) {
        return lots instanceof OpenLots l && l.ordered;
    }

    /**
     * Returns whether the lots from {@link #firstLive(List)} on are known to be in the given
     * consumption order; false when it is not known.
     *
     * @param lots the lots
     * @param order the order
     * @return true if they are in that order
     */
    public static boolean ordered(List<Lot> lots, ConsumptionOrder order) {
        if (!(lots instanceof OpenLots l)) {
            return false;
        }
        return order == ConsumptionOrder.OLDEST_FIRST ? l.oldestOrdered : l.ordered;
    }

    /**
     * Returns whether every lot of a list that holds points was earned and available by
     * {@code asOf} and none has expired by its own date then, as far as the list knows without
     * looking at every lot: true only for an open-lot list that can tell.
     *
     * @param lots the lots
     * @param asOf the instant
     * @return true if every live lot is earned, available and not expired by its own date at {@code asOf}
     */
    public static boolean allAvailable(List<Lot> lots, Instant asOf) {
        if (!(lots instanceof OpenLots l)) {
            return false;
        }
        if (l.live == 0) {
            return true;
        }
        Instant first = l.firstExpiry();
        return (l.settledAt == null || !l.settledAt.isAfter(asOf)) && (first == null || first.isAfter(asOf));
    }

    /**
     * Tells whether no live lot expires by its own date at or before {@code t}, without looking at
     * every lot: true only for an open-lot list that can tell.
     *
     * @param lots the lots
     * @param t the instant
     * @return true if every live lot's own expiry is absent or after {@code t}
     */
    public static boolean noExpiryBy(List<Lot> lots, Instant t) {
        if (!(lots instanceof OpenLots l)) {
            return false;
        }
        Instant first = l.firstExpiry();
        return first == null || first.isAfter(t);
    }

    /** The earliest expiry of a live lot, or a bound at or before it; null if no live lot expires. */
    private Instant firstExpiry() {
        if (live == 0) {
            return null;
        }
        return ordered ? get(firstLive).expiresAt() : expiryBound;
    }

    /**
     * Returns the sum of the lots' remaining amounts.
     *
     * @return the sum
     */
    public long remaining() {
        return remaining;
    }

    /**
     * Returns how many lots have points remaining.
     *
     * @return the count
     */
    public int live() {
        return live;
    }

    /**
     * Returns the index of the lot with the given number, by binary search (the lots are in
     * number order), or -1 if it is not in the list.
     *
     * @param id the lot number
     * @return the index, or -1
     */
    public int indexOf(LotId id) {
        return indexOf(this, id);
    }

    /**
     * Returns the index of the lot with the given number in lots kept in number order, by binary
     * search, or -1 if none has it.
     *
     * @param lots the lots, in number order
     * @param id the lot number
     * @return the index, or -1
     */
    public static int indexOf(List<Lot> lots, LotId id) {
        int lo = 0;
        int hi = lots.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = lots.get(mid).id().compareTo(id);
            if (c == 0) {
                return mid;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ the vector

    int tailOffset() {
        return size < WIDTH ? 0 : ((size - 1) >>> BITS) << BITS;
    }

    @Override
    public Lot get(int index) {
        Objects.checkIndex(index, size);
        return at(root, tail, shift, tailOffset(), index);
    }

    /** The lot at {@code index} of the vector made of {@code root} and {@code tail}; the index is in range. */
    static Lot at(Object[] root, Lot[] tail, int shift, int tailOffset, int index) {
        if (index >= tailOffset) {
            return tail[index & MASK];
        }
        Object[] node = root;
        for (int level = shift; level > 0; level -= BITS) {
            node = (Object[]) node[(index >>> level) & MASK];
        }
        return (Lot) node[index & MASK];
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * Returns this list with one more lot at the end; this list is unchanged. The lot's number
     * must be higher than every number in the list.
     *
     * @param lot the lot
     * @return the longer list
     * @throws NullPointerException if {@code lot} is null
     * @throws IllegalArgumentException if the lot's number is not the highest
     */
    public OpenLots plus(Lot lot) {
        Objects.requireNonNull(lot, "lot must not be null");
        if (size > 0) {
            requireAfter(get(size - 1), lot);
        }
        Lot last = size == 0 ? null : get(size - 1);
        boolean alive = lot.remaining() > 0;
        int fl = live > 0 ? firstLive : alive ? size : size + 1;
        boolean inOrder = stillOrdered(ordered, live, last, lot, ConsumptionOrder.SOONEST_EXPIRY_FIRST);
        boolean inOldest = stillOrdered(oldestOrdered, live, last, lot, ConsumptionOrder.OLDEST_FIRST);
        Instant settled = alive ? later(settledAt, settled(lot)) : settledAt;
        Instant bound = boundAfter(expiryBound, live, lot);
        int shiftOut = shift;
        Object[] rootOut = root;
        Lot[] tailOut;
        if (size - tailOffset() < WIDTH) {
            tailOut = Arrays.copyOf(tail, tail.length + 1);
            tailOut[tail.length] = lot;
        } else {
            // the tail is full: push it into the trie, and start a new tail
            if ((size >>> BITS) > (1 << shift)) {
                rootOut = new Object[] {root, newPath(shift, tail)};
                shiftOut = shift + BITS;
            } else {
                rootOut = pushTail(shift, root, tail);
            }
            tailOut = new Lot[] {lot};
        }
        return new OpenLots(size + 1, shiftOut, rootOut, tailOut, remaining + lot.remaining(), live + (alive ? 1 : 0),
                fl, inOrder, inOldest, settled, bound);
    }

    private Object[] pushTail(int level, Object[] parent, Lot[] tailNode) {
        int sub = ((size - 1) >>> level) & MASK;
        Object[] out = Arrays.copyOf(parent, Math.max(parent.length, sub + 1));
        Object insert;
        if (level == BITS) {
            insert = tailNode;
        } else {
            Object[] child = sub < parent.length ? (Object[]) parent[sub] : null;
            insert = child != null ? pushTail(level - BITS, child, tailNode) : newPath(level - BITS, tailNode);
        }
        out[sub] = insert;
        return out;
    }

    private static Object[] newPath(int level, Lot[] tailNode) {
        if (level == 0) {
            return tailNode;
        }
        return new Object[] {newPath(level - BITS, tailNode)};
    }

    /**
     * Returns this list with the lot at {@code index} replaced by another state of the same lot
     * (its remaining amount and last movement changed); this list is unchanged. If that leaves
     * more spent lots than live ones (past a small slack), the list is rebuilt without them.
     *
     * @param index the index
     * @param lot the lot's new state
     * @return the changed list
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException if the lot has another number than the one it replaces
     */
    public OpenLots with(int index, Lot lot) {
        return edit().set(index, lot).done();
    }

    /**
     * Returns an editor that replaces several lots of this list in place (a spend over k lots) and
     * makes one list of the result: the tail and each trie path it touches are copied once, not
     * once per lot. This list is unchanged.
     *
     * @return the editor
     */
    public OpenLotsEditor edit() {
        return new OpenLotsEditor(this);
    }

    /**
     * Returns this list with a lot put back in its place by number (a spent lot that a reversal
     * gives points again, after the list dropped it); this list is unchanged. It rebuilds the
     * list: O(n), for a rare case.
     *
     * @param lot the lot
     * @return the list with it
     * @throws IllegalArgumentException if the list holds that lot number already
     */
    public OpenLots inserted(Lot lot) {
        Objects.requireNonNull(lot, "lot must not be null");
        if (indexOf(lot.id()) >= 0) {
            throw new IllegalArgumentException("lot " + lot.id() + " is in the list already");
        }
        if (size == 0 || get(size - 1).id().compareTo(lot.id()) < 0) {
            return plus(lot);
        }
        return insertedAll(List.of(lot));
    }

    /**
     * Returns this list with several lots put back in their places by number (spent lots that a
     * reversal gives points again, after the list dropped them), in one rebuild: O(n + k log k).
     * Lots with nothing remaining are left out.
     *
     * @param lots the lots, none of them in the list already, each number once
     * @return the list with them
     * @throws IllegalArgumentException if the list holds one of those lot numbers already
     */
    public OpenLots insertedAll(Collection<Lot> lots) {
        List<Lot> added = new ArrayList<>(lots.size());
        for (Lot lot : lots) {
            if (indexOf(lot.id()) >= 0) {
                throw new IllegalArgumentException("lot " + lot.id() + " is in the list already");
            }
            if (lot.remaining() > 0) {
                added.add(lot);
            }
        }
        if (added.isEmpty()) {
            return this;
        }
        added.sort((a, b) -> a.id().compareTo(b.id()));
        if (live > 0 && get(size - 1).id().compareTo(added.get(0).id()) < 0) {
            OpenLots out = this;
            for (Lot lot : added) {
                out = out.plus(lot);
            }
            return out;
        }
        OpenLotsBuilder out = new OpenLotsBuilder(live + added.size());
        int j = 0;
        for (int i = firstLive; i < size; i++) {
            Lot l = get(i);
            while (j < added.size() && added.get(j).id().compareTo(l.id()) < 0) {
                out.add(added.get(j++));
            }
            if (l.remaining() > 0) {
                out.add(l);
            }
        }
        while (j < added.size()) {
            out.add(added.get(j++));
        }
        return out.build();
    }

    /** This list without its spent lots, with exact summaries. */
    OpenLots compacted() {
        OpenLotsBuilder out = new OpenLotsBuilder(live);
        for (int i = firstLive; i < size; i++) {
            Lot l = get(i);
            if (l.remaining() > 0) {
                out.add(l);
            }
        }
        return out.build();
    }

    /** Refuses a lot that is not numbered after the last one. */
    static void requireAfter(Lot last, Lot lot) {
        if (last.id().compareTo(lot.id()) >= 0) {
            throw new IllegalArgumentException("lot " + lot.id() + " is not numbered after lot " + last.id());
        }
    }

    /** Whether the live lots stay in {@code order} when {@code lot} follows {@code last} (null if none). */
    static boolean stillOrdered(boolean ordered, int live, Lot last, Lot lot, ConsumptionOrder order) {
        return live == 0 || ordered && order.compare(last, lot) <= 0;
    }

    /** The bound on the live lots' earliest expiry once {@code lot} joins them. */
    static Instant boundAfter(Instant bound, int live, Lot lot) {
        if (lot.remaining() <= 0) {
            return bound;
        }
        return live == 0 ? lot.expiresAt() : earlier(bound, lot.expiresAt());
    }

    static Instant settled(Lot lot) {
        return lot.availableAt().isAfter(lot.earnedAt()) ? lot.availableAt() : lot.earnedAt();
    }

    static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isBefore(a) ? a : b;
    }

}
