package io.github.loyaltyrules.program.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What returns have taken from one purchase so far: units per line, points per award line, and
 * qualifying activity per tier metric. Versioned: version 0 is a purchase nothing was returned of;
 * a return stores the next version only if no other return stored it first, so concurrent returns on
 * several servers can never return more than was bought.
 *
 * @param purchase the purchase's key
 * @param version the version; 0 before the first return
 * @param returnedUnits units returned so far per line id
 * @param clawed points clawed back so far per award line of the purchase, in the receipt's order; empty before the first return
 * @param qualifiedReturned qualifying activity taken back so far per metric ({@code KIND:key})
 *
 * @since 0.1.0
 */
public record ReturnState(IdempotencyKey purchase, long version, Map<String, Long> returnedUnits, List<Long> clawed,
        Map<String, Long> qualifiedReturned) {

    /**
     * Validates and copies the state.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the version or an amount is negative
     */
    public ReturnState {
        Objects.requireNonNull(purchase, "purchase must not be null");
        returnedUnits = Map.copyOf(returnedUnits);
        clawed = List.copyOf(clawed);
        qualifiedReturned = Map.copyOf(qualifiedReturned);
        if (version < 0) {
            throw new IllegalArgumentException("return state version must not be negative; got " + version);
        }
        for (long n : returnedUnits.values()) {
            check(n);
        }
        for (long n : clawed) {
            check(n);
        }
        for (long n : qualifiedReturned.values()) {
            check(n);
        }
    }

    private static void check(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("returned amounts must not be negative; got " + n);
        }
    }

    /**
     * Returns the state of a purchase nothing was returned of.
     *
     * @param purchase the purchase's key
     * @return version 0, empty
     * @throws NullPointerException if {@code purchase} is null
     */
    public static ReturnState none(IdempotencyKey purchase) {
        return new ReturnState(purchase, 0, Map.of(), List.of(), Map.of());
    }

    /**
     * Returns how many points returns have clawed back of award line {@code i}.
     *
     * @param i the award line's index in the purchase's receipt
     * @return the points; 0 before the first return
     */
    public long clawed(int i) {
        return clawed.isEmpty() ? 0 : clawed.get(i);
    }

    /**
     * Returns the next version after one more return.
     *
     * @param units units this return returns per line id
     * @param take points it claws back per award line
     * @param qualified qualifying activity it takes back per metric
     * @return the next version
     * @throws NullPointerException if an argument is null
     */
    public ReturnState plus(Map<String, Long> units, long[] take, Map<String, Long> qualified) {
        Map<String, Long> u = new java.util.HashMap<>(returnedUnits);
        units.forEach((k, v) -> u.merge(k, v, Math::addExact));
        Long[] c = new Long[take.length];
        for (int i = 0; i < take.length; i++) {
            c[i] = Math.addExact(clawed(i), take[i]);
        }
        Map<String, Long> q = new java.util.HashMap<>(qualifiedReturned);
        qualified.forEach((k, v) -> q.merge(k, v, Math::addExact));
        return new ReturnState(purchase, version + 1, u, List.of(c), q);
    }
}
