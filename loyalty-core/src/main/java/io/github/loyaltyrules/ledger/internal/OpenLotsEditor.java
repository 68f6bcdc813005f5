package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.Lot;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Objects;

/**
 * Replaces lots of one list by other states of the same lots, copying each node it touches
 * once, and makes one list at the end with the summaries that replacing them one by one with
 * {@link OpenLots#with} would give. Not thread-safe; not API.
 *
 * @since 0.1.0
 */
public final class OpenLotsEditor {
    private final OpenLots from;
    private final int offset;
    private Object[] root;
    private Lot[] tail;
    /** The trie nodes this editor copied, which it may change in place; identity-compared. */
    private final Object[][] owned = new Object[8][];
    private int ownedCount;
    private IdentityHashMap<Object[], Boolean> ownedSet;
    private long remaining;
    private int live;
    private int firstLive;
    private boolean ordered;
    private boolean oldestOrdered;
    private Instant settledAt;
    private Instant expiryBound;

    OpenLotsEditor(OpenLots from) {
        this.from = from;
        this.offset = from.tailOffset();
        this.root = from.root;
        this.tail = from.tail;
        this.remaining = from.remaining;
        this.live = from.live;
        this.firstLive = from.firstLive;
        this.ordered = from.ordered;
        this.oldestOrdered = from.oldestOrdered;
        this.settledAt = from.settledAt;
        this.expiryBound = from.expiryBound;
    }

    private Lot at(int index) {
        return OpenLots.at(root, tail, from.shift, offset, index);
    }

    /**
     * Returns the lot at {@code index} as this editor has it.
     *
     * @param index the index
     * @return the lot
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Lot get(int index) {
        Objects.checkIndex(index, from.size);
        return at(index);
    }

    /**
     * Replaces the lot at {@code index} by another state of the same lot.
     *
     * @param index the index
     * @param lot the lot's new state
     * @return this editor
     * @throws NullPointerException if {@code lot} is null
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     * @throws IllegalArgumentException if the lot has another number than the one it replaces
     */
    public OpenLotsEditor set(int index, Lot lot) {
        Objects.requireNonNull(lot, "lot must not be null");
        Objects.checkIndex(index, from.size);
        Lot old = at(index);
        if (!old.id().equals(lot.id())) {
            throw new IllegalArgumentException("lot " + lot.id() + " cannot replace lot " + old.id());
        }
        if (index >= offset) {
            if (tail == from.tail) {
                tail = tail.clone();
            }
            tail[index & OpenLots.MASK] = lot;
        } else {
            root = put(from.shift, root, index, lot);
        }
        boolean wasLive = old.remaining() > 0;
        boolean isLive = lot.remaining() > 0;
        live += (isLive ? 1 : 0) - (wasLive ? 1 : 0);
        remaining += lot.remaining() - old.remaining();
        if (isLive && !wasLive) {
            settledAt = OpenLots.later(settledAt, OpenLots.settled(lot));
            expiryBound = live == 1 ? lot.expiresAt() : OpenLots.earlier(expiryBound, lot.expiresAt());
        }
        if (live == 0) {
            firstLive = from.size;
        } else if (isLive && index < firstLive) {
            // a spent lot before the live ones holds points again: the orders must hold from it on
            int old0 = firstLive;
            firstLive = index;
            for (int i = index + 1; i <= old0 && i < from.size && (ordered || oldestOrdered); i++) {
                Lot before = at(i - 1);
                Lot after = at(i);
                ordered = ordered && OpenLots.compareForRedemption(before, after) <= 0;
                oldestOrdered = oldestOrdered && ConsumptionOrder.OLDEST_FIRST.compare(before, after) <= 0;
            }
        } else if (!isLive && index == firstLive) {
            while (firstLive < from.size && at(firstLive).remaining() == 0) {
                firstLive++;
            }
        }
        return this;
    }

    /** Puts the lot into the trie below {@code node}, copying each node on the path once. */
    private Object[] put(int level, Object[] node, int index, Lot lot) {
        Object[] out = own(node);
        if (level == 0) {
            out[index & OpenLots.MASK] = lot;
        } else {
            int sub = (index >>> level) & OpenLots.MASK;
            out[sub] = put(level - OpenLots.BITS, (Object[]) node[sub], index, lot);
        }
        return out;
    }

    private Object[] own(Object[] node) {
        if (ownedSet != null) {
            if (ownedSet.containsKey(node)) {
                return node;
            }
        } else {
            for (int i = 0; i < ownedCount; i++) {
                if (owned[i] == node) {
                    return node;
                }
            }
        }
        Object[] copy = node.clone();
        if (ownedSet != null) {
            ownedSet.put(copy, Boolean.TRUE);
        } else if (ownedCount < owned.length) {
            owned[ownedCount++] = copy;
        } else {
            // a spend over many lots: a linear scan per node would cost O(k^2)
            ownedSet = new IdentityHashMap<>();
            for (Object[] o : owned) {
                ownedSet.put(o, Boolean.TRUE);
            }
            ownedSet.put(copy, Boolean.TRUE);
        }
        return copy;
    }

    /**
     * Returns the list with every replacement made; if that leaves more spent lots than live
     * ones (past a small slack), it is rebuilt without them.
     *
     * @return the list
     */
    public OpenLots done() {
        if (live == 0) {
            return OpenLots.EMPTY;
        }
        if (root == from.root && tail == from.tail) {
            return from;
        }
        OpenLots out = new OpenLots(from.size, from.shift, root, tail, remaining, live, firstLive, ordered,
                oldestOrdered, settledAt, expiryBound);
        return from.size - live > live + OpenLots.SLACK ? out.compacted() : out;
    }
}
