package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.Lot;
import java.util.AbstractList;

/**
 * The lots of a purse that a store did not read, because the posting may not need them: only
 * their sum is known. Reading a lot, or the size, throws, so that nothing can take the list for
 * an empty one; the ledger reads the lots from the store when a posting needs them. Not API.
 *
 * @since 0.1.0
 */
public final class UnreadLots extends AbstractList<Lot> {

    private final long remaining;

    /**
     * Makes the stand-in for lots whose remaining amounts add up to {@code remaining}.
     *
     * @param remaining the sum of the lots' remaining amounts
     * @throws IllegalArgumentException if {@code remaining} is negative
     */
    public UnreadLots(long remaining) {
        if (remaining < 0) {
            throw new IllegalArgumentException("a purse's balance must not be negative; got " + remaining);
        }
        this.remaining = remaining;
    }

    /**
     * Returns the sum of the lots' remaining amounts.
     *
     * @return the sum
     */
    public long remaining() {
        return remaining;
    }

    @Override
    public Lot get(int index) {
        throw unread();
    }

    @Override
    public int size() {
        throw unread();
    }

    private static IllegalStateException unread() {
        return new IllegalStateException("the store did not read this purse's lots; read them with"
                + " LedgerStore.openLots");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnreadLots u && u.remaining == remaining;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(remaining);
    }

    @Override
    public String toString() {
        return "[lots not read, " + remaining + " remaining]";
    }
}
