package io.github.loyaltyrules.ledger;

import java.util.Comparator;

/**
 * The order in which a spend (a redemption, a manual debit, a reservation, a transfer) takes a
 * member's lots of one currency; a term of the currency ({@link PointCurrency#withConsumptionOrder}).
 * Whatever the order, a spend takes only lots that are earned, available, not expired and not held
 * by a reservation, and a tie is broken by the earlier earning, then the lower lot number.
 *
 * @since 0.1.0
 */
public enum ConsumptionOrder {

    /**
     * Soonest-to-expire first, lots that never expire last: the member loses as few points to
     * expiry as can be. The default.
     */
    SOONEST_EXPIRY_FIRST,

    /** Oldest first by earning time (first in, first out), whatever the lots' expiry dates. */
    OLDEST_FIRST;

    /**
     * Compares two lots in this order.
     *
     * @param a a lot
     * @param b another lot
     * @return negative, zero or positive as {@code a} is taken before, with or after {@code b}
     * @throws NullPointerException if a lot is null
     */
    public int compare(Lot a, Lot b) {
        if (this == SOONEST_EXPIRY_FIRST && a.expiresAt() != b.expiresAt()) {
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
     * Returns this order as a comparator of lots.
     *
     * @return the comparator
     */
    public Comparator<Lot> comparator() {
        return this::compare;
    }
}
