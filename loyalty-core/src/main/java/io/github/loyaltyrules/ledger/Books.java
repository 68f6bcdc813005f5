package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.OpenLots;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pure computations over lots and reservations, shared by postings, balances and the expiry sweep. */
final class Books {

    private Books() {
    }

    /** Amount held per lot by reservations still open and not lapsed at {@code at}; an empty map if none. */
    static Map<LotId, Long> heldOpen(Map<IdempotencyKey, Reservation> reservations, String currency, Instant at) {
        Collection<Reservation> candidates = reservations.values();
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Map<LotId, Long> held = null;
        for (Reservation r : candidates) {
            if (r.currency().equals(currency) && r.status() == ReservationStatus.OPEN && r.deadline().isAfter(at)) {
                if (held == null) {
                    held = new HashMap<>();
                }
                addHolds(held, r);
            }
        }
        return held == null ? Map.of() : held;
    }

    /** Amount held per lot at a past or present instant, as the history says. */
    static Map<LotId, Long> heldHistoric(Collection<Reservation> reservations, String currency, Instant asOf) {
        Map<LotId, Long> held = new HashMap<>();
        for (Reservation r : reservations) {
            if (r.currency().equals(currency) && r.holdsAt(asOf)) {
                addHolds(held, r);
            }
        }
        return held;
    }

    private static void addHolds(Map<LotId, Long> held, Reservation r) {
        for (LotMovement m : r.allocations()) {
            held.merge(m.lot(), m.heldDelta(), Long::sum);
        }
    }

    /** The instant all points lapse for inactivity, or null. */
    static Instant inactivityDeadline(PointCurrency currency, Instant lastActivity, Instant enrolledAt, ZoneId zone) {
        return currency.expiry()
                .inactivityDeadline(lastActivity == null ? enrolledAt : lastActivity, zone)
                .orElse(null);
    }

    /** The earlier of the lot's own expiry and the inactivity deadline; null if neither. */
    static Instant effectiveExpiry(Lot lot, Instant inactivityDeadline) {
        Instant own = lot.expiresAt();
        if (own == null) {
            return inactivityDeadline;
        }
        if (inactivityDeadline == null) {
            return own;
        }
        return own.isBefore(inactivityDeadline) ? own : inactivityDeadline;
    }

    /**
     * The lot's expiry under a hold ({@link Ledger#holdExpiry}): as {@link #effectiveExpiry(Lot, Instant)}
     * if that is at or before the hold began (it had expired before), else null (nothing expires while
     * the hold lasts); without a hold ({@code heldSince} null) the same.
     */
    static Instant effectiveExpiry(Lot lot, Instant inactivityDeadline, Instant heldSince) {
        Instant e = effectiveExpiry(lot, inactivityDeadline);
        return heldSince == null || e == null || !e.isAfter(heldSince) ? e : null;
    }

    static boolean expiredAt(Instant effectiveExpiry, Instant at) {
        return effectiveExpiry != null && !effectiveExpiry.isAfter(at);
    }

    /**
     * Classifies the lots into a balance: held parts are reserved; of the rest, what has expired is
     * expired, what is still in its hold period is pending, and what is left is available.
     */
    static Balance balance(MemberId member, String currency, Instant asOf, List<Lot> lots, Map<LotId, Long> held,
            Instant inactivityDeadline, Instant heldSince, long debt) {
        if (held.isEmpty() && (inactivityDeadline == null || inactivityDeadline.isAfter(asOf))
                && OpenLots.allAvailable(lots, asOf)) {
            // nothing held, pending or expired: all that remains is available, without visiting a lot
            long total = ((OpenLots) lots).remaining();
            return new Balance(member, currency, asOf, total, total, 0, 0, 0, debt);
        }
        long total = 0;
        long reserved = 0;
        long expired = 0;
        long pending = 0;
        for (int i = OpenLots.firstLive(lots), n = lots.size(); i < n; i++) {
            Lot lot = lots.get(i);
            if (lot.earnedAt().isAfter(asOf) || lot.remaining() == 0) {
                continue;
            }
            long h = Math.min(held.getOrDefault(lot.id(), 0L), lot.remaining());
            long free = lot.remaining() - h;
            total += lot.remaining();
            reserved += h;
            if (expiredAt(effectiveExpiry(lot, inactivityDeadline, heldSince), asOf)) {
                expired += free;
            } else if (lot.availableAt().isAfter(asOf)) {
                pending += free;
            }
        }
        return new Balance(member, currency, asOf, total, total - pending - reserved - expired, pending, reserved,
                expired, debt);
    }

    /**
     * Chooses which lots a spend of {@code amount} at {@code at} takes: only lots earned and
     * available by then, not expired and not held, in the currency's consumption order.
     *
     * @return the movements (negative deltas), or null if the lots do not cover the amount
     */
    static List<LotMovement> allocate(List<Lot> lots, ConsumptionOrder order, Map<LotId, Long> held,
            Instant inactivityDeadline, Instant heldSince, Instant at, long amount) {
        int from = OpenLots.firstLive(lots);
        int n = lots.size();
        List<LotMovement> taken = new ArrayList<>(Math.max(1, Math.min(16, n - from)));
        long left = amount;
        if (OpenLots.ordered(lots, order)) {
            // the lots are in consumption order already: take the usable ones in turn, no further than needed
            for (int i = from; i < n && left > 0; i++) {
                Lot lot = lots.get(i);
                if (usable(lot, held, inactivityDeadline, heldSince, at)) {
                    long take = Math.min(left, free(lot, held));
                    taken.add(new LotMovement(lot.id(), -take, 0));
                    left -= take;
                }
            }
            return left == 0 ? taken : null;
        }
        List<Lot> usable = new ArrayList<>();
        for (int i = from; i < n; i++) {
            Lot lot = lots.get(i);
            if (usable(lot, held, inactivityDeadline, heldSince, at)) {
                usable.add(lot);
            }
        }
        usable.sort(order.comparator());
        for (Lot lot : usable) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, free(lot, held));
            taken.add(new LotMovement(lot.id(), -take, 0));
            left -= take;
        }
        return left == 0 ? taken : null;
    }

    /** Whether a spend at {@code at} may take from the lot: earned, available, not expired, not all held. */
    private static boolean usable(Lot lot, Map<LotId, Long> held, Instant inactivityDeadline, Instant heldSince,
            Instant at) {
        // a spent lot (remaining 0) is skipped before its hold is looked up
        return lot.remaining() > 0 && free(lot, held) > 0 && !lot.earnedAt().isAfter(at)
                && !lot.availableAt().isAfter(at) && !expiredAt(effectiveExpiry(lot, inactivityDeadline, heldSince), at);
    }

    /** What {@link #allocate} could take at most. */
    static long spendable(List<Lot> lots, Map<LotId, Long> held, Instant inactivityDeadline, Instant heldSince,
            Instant at) {
        long sum = 0;
        for (int i = OpenLots.firstLive(lots), n = lots.size(); i < n; i++) {
            Lot lot = lots.get(i);
            if (lot.remaining() > 0 && !lot.earnedAt().isAfter(at) && !lot.availableAt().isAfter(at)
                    && !expiredAt(effectiveExpiry(lot, inactivityDeadline, heldSince), at)) {
                sum += free(lot, held);
            }
        }
        return sum;
    }

    static long free(Lot lot, Map<LotId, Long> held) {
        if (held.isEmpty()) {
            return lot.remaining();
        }
        Long h = held.get(lot.id());
        return h == null ? lot.remaining() : Math.max(0, lot.remaining() - h);
    }
}
