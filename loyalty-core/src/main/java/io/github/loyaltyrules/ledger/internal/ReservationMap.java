package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * A member's reservations by key, immutable and persistent like {@link PersistentMap}, that also
 * keeps apart the ones whose status is {@link ReservationStatus#OPEN}: captured and released
 * reservations stay in the book for good, and every spend and balance asks only for the open ones.
 * Not API.
 */
public final class ReservationMap extends AbstractMap<IdempotencyKey, Reservation> {

    private static final ReservationMap EMPTY = new ReservationMap(PersistentMap.empty(), PersistentMap.empty());

    private final PersistentMap<IdempotencyKey, Reservation> all;
    private final PersistentMap<IdempotencyKey, Reservation> open;

    private ReservationMap(PersistentMap<IdempotencyKey, Reservation> all, PersistentMap<IdempotencyKey, Reservation> open) {
        this.all = all;
        this.open = open;
    }

    /**
     * Returns the map itself if it is a reservation map, else a reservation map with its mappings.
     *
     * @param map the reservations by key
     * @return the map, immutable
     * @throws NullPointerException if the map, a key or a value is null
     */
    public static ReservationMap copyOf(Map<IdempotencyKey, Reservation> map) {
        if (map instanceof ReservationMap r) {
            return r;
        }
        ReservationMap out = EMPTY;
        for (Map.Entry<IdempotencyKey, Reservation> e : map.entrySet()) {
            out = out.plus(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * Returns this map with {@code key} mapped to {@code reservation}; this map is unchanged.
     *
     * @param key the key
     * @param reservation the reservation
     * @return the new map
     * @throws NullPointerException if an argument is null
     */
    public ReservationMap plus(IdempotencyKey key, Reservation reservation) {
        PersistentMap<IdempotencyKey, Reservation> a = all.plus(key, reservation);
        PersistentMap<IdempotencyKey, Reservation> o = reservation.status() == ReservationStatus.OPEN
                ? open.plus(key, reservation) : open.minus(key);
        return new ReservationMap(a, o);
    }

    /**
     * Returns the reservations whose status is {@code OPEN} (some may have lapsed by their deadline).
     *
     * @return the open reservations, unmodifiable
     */
    public Collection<Reservation> open() {
        return open.values();
    }

    @Override
    public Reservation get(Object key) {
        return all.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return all.containsKey(key);
    }

    @Override
    public int size() {
        return all.size();
    }

    @Override
    public Set<Map.Entry<IdempotencyKey, Reservation>> entrySet() {
        return all.entrySet();
    }
}
