package io.github.loyaltyrules.report;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the purchases made at one store (or other location id a purchase names) did over a period,
 * from the program's records: how many purchases, by how many members, what they spent and the
 * points they were awarded, and what returns of those purchases took back. A return counts at the
 * store of the purchase it returns, in the period of its own date. Points spent or written off
 * (redemptions, expiry, manual adjustments) belong to no store: the ledger does not know where a
 * point was earned once it is in a member's balance, so those are in {@link ActivityReport} per
 * currency only.
 *
 * @param store the store id, as the purchases gave it
 * @param purchases purchases made at the store in the period
 * @param members distinct members who made them
 * @param spend the baskets' totals per money currency code, before returns
 * @param earned points awarded by those purchases, minor units per point currency code
 * @param returns returns in the period of purchases made at the store (whenever those were made)
 * @param returned points those returns clawed back, minor units per point currency code
 *
 * @since 0.1.0
 */
public record StoreActivity(String store, long purchases, long members, SortedMap<String, BigDecimal> spend,
        SortedMap<String, Long> earned, long returns, SortedMap<String, Long> returned) {

    /**
     * Validates the figures and copies the maps, in code order, into unmodifiable maps.
     *
     * @param store the store id
     * @param purchases purchases; not negative
     * @param members distinct members; not negative, at most {@code purchases}
     * @param spend spend per money currency
     * @param earned points awarded per point currency
     * @param returns returns; not negative
     * @param returned points clawed back per point currency
     * @throws NullPointerException if a component, key or value is null
     * @throws IllegalArgumentException if a count is negative or there are more members than purchases
     */
    public StoreActivity {
        Objects.requireNonNull(store, "store must not be null");
        if (purchases < 0 || members < 0 || returns < 0 || members > purchases) {
            throw new IllegalArgumentException("counts of a store must not be negative, nor its members more than its"
                    + " purchases; got " + purchases + " purchases, " + members + " members, " + returns + " returns");
        }
        spend = copy(spend);
        earned = copy(earned);
        returned = copy(returned);
    }

    static <V> SortedMap<String, V> copy(SortedMap<String, V> map) {
        TreeMap<String, V> sorted = new TreeMap<>();
        for (var e : Objects.requireNonNull(map, "map must not be null").entrySet()) {
            sorted.put(Objects.requireNonNull(e.getKey(), "currency must not be null"),
                    Objects.requireNonNull(e.getValue(), "amount must not be null"));
        }
        return Collections.unmodifiableSortedMap(sorted);
    }
}
