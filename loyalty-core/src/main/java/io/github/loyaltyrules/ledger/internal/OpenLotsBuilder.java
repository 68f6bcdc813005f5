package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.Lot;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Makes a list in one pass from lots given in number order, with the summaries that appending
 * them one by one would give, but one list object and one array per 32 lots. Not thread-safe;
 * not API.
 *
 * @since 0.1.0
 */
public final class OpenLotsBuilder {
    private Lot[] lots;
    private int size;
    private long remaining;
    private int live;
    private int firstLive;
    private boolean ordered = true;
    private boolean oldestOrdered = true;
    private Instant settledAt;
    private Instant expiryBound;

    OpenLotsBuilder(int expected) {
        lots = new Lot[Math.max(4, Math.min(expected, 1 << 20))];
    }

    /**
     * Appends a lot; it must be numbered after every lot added before.
     *
     * @param lot the lot
     * @return this builder
     * @throws NullPointerException if {@code lot} is null
     * @throws IllegalArgumentException if the lot's number is not the highest
     */
    public OpenLotsBuilder add(Lot lot) {
        Objects.requireNonNull(lot, "lot must not be null");
        Lot last = size == 0 ? null : lots[size - 1];
        if (last != null) {
            OpenLots.requireAfter(last, lot);
        }
        boolean alive = lot.remaining() > 0;
        firstLive = live > 0 ? firstLive : alive ? size : size + 1;
        ordered = OpenLots.stillOrdered(ordered, live, last, lot, ConsumptionOrder.SOONEST_EXPIRY_FIRST);
        oldestOrdered = OpenLots.stillOrdered(oldestOrdered, live, last, lot, ConsumptionOrder.OLDEST_FIRST);
        expiryBound = OpenLots.boundAfter(expiryBound, live, lot);
        if (alive) {
            settledAt = OpenLots.later(settledAt, OpenLots.settled(lot));
            live++;
        }
        remaining += lot.remaining();
        if (size == lots.length) {
            lots = Arrays.copyOf(lots, size * 2);
        }
        lots[size++] = lot;
        return this;
    }

    /**
     * Returns the list of the lots added so far.
     *
     * @return the list
     */
    public OpenLots build() {
        if (size == 0) {
            return OpenLots.EMPTY;
        }
        int tailOffset = size < OpenLots.WIDTH ? 0 : ((size - 1) >>> OpenLots.BITS) << OpenLots.BITS;
        int leaves = tailOffset >>> OpenLots.BITS;
        int shift = OpenLots.BITS;
        while (leaves > (1 << shift)) {
            shift += OpenLots.BITS;
        }
        Object[] root = leaves == 0 ? OpenLots.EMPTY_NODE : node(shift, 0, leaves);
        return new OpenLots(size, shift, root, Arrays.copyOfRange(lots, tailOffset, size), remaining, live,
                firstLive, ordered, oldestOrdered, settledAt, expiryBound);
    }

    /** The trie node at {@code level} over {@code count} full leaves from leaf {@code first}. */
    private Object[] node(int level, int first, int count) {
        if (level == OpenLots.BITS) {
            Object[] out = new Object[count];
            for (int i = 0; i < count; i++) {
                out[i] = Arrays.copyOfRange(lots, (first + i) << OpenLots.BITS, (first + i + 1) << OpenLots.BITS);
            }
            return out;
        }
        int span = 1 << (level - OpenLots.BITS);
        Object[] out = new Object[(count + span - 1) / span];
        for (int i = 0; i < out.length; i++) {
            out[i] = node(level - OpenLots.BITS, first + i * span, Math.min(span, count - i * span));
        }
        return out;
    }
}
