package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import io.github.loyaltyrules.ledger.spi.LiftedHold;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One member in the {@link InMemoryLedgerStore}: the book and, beside it, the history no posting
 * copies (entries, spent lots, closed reservations, reversal records, ended expiry holds), with the lock that guards
 * them; how a commit writes into it, how the window prunes it, and how it moves to a pseudonym.
 * Every method but the constructor is called with {@link #lock} held.
 */
final class MemberSlot {

    final ReentrantLock lock = new ReentrantLock();
    volatile MemberBook book;
    /** The entries kept, in sequence order: the oldest leave from the front. */
    final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** Lots with nothing remaining, by number, in the order they were spent; the open ones are in the book. */
    LinkedHashMap<LotId, Lot> spent;
    /** Reservations no longer in the book (closed, or moved out after lapsing), by key, in the order they left. */
    LinkedHashMap<IdempotencyKey, Reservation> closed;
    /** The horizon this slot's history was last pruned to. */
    Instant prunedTo = Instant.MIN;
    /** How much of each reversed posting has been reversed, by the posting's key. */
    Map<IdempotencyKey, Reversed> reversed;
    /** The expiry holds that ended, in the order they ended; null until the first. */
    List<LiftedHold> lifted;
    /** Set when the member moved to a pseudonym: the slot left the maps, and a commit that still holds it is stale. */
    volatile boolean retired;

    /** Writes a member's change into the slot. */
    void write(MemberChange change) {
        // indexed loops: this runs on every posting, and an iterator is an allocation each
        List<Lot> lots = change.lots();
        for (int i = 0; i < lots.size(); i++) {
            Lot lot = lots.get(i);
            if (lot.remaining() == 0) {
                if (spent == null) {
                    spent = new LinkedHashMap<>();
                }
                spent.put(lot.id(), lot);
            } else if (spent != null) {
                spent.remove(lot.id());
            }
        }
        List<Reservation> reservations = change.reservations();
        for (int i = 0; i < reservations.size(); i++) {
            Reservation r = reservations.get(i);
            if (r.status() == ReservationStatus.OPEN && change.book().reservations().containsKey(r.key())) {
                if (closed != null) {
                    closed.remove(r.key());
                }
            } else {
                if (closed == null) {
                    closed = new LinkedHashMap<>();
                }
                closed.put(r.key(), r);
            }
        }
        if (!change.liftedHolds().isEmpty()) {
            if (lifted == null) {
                lifted = new ArrayList<>();
            }
            lifted.addAll(change.liftedHolds());
        }
        if (!change.reversed().isEmpty()) {
            if (reversed == null) {
                reversed = new HashMap<>();
            }
            reversed.putAll(change.reversed());
        }
        book = change.book();
    }

    /**
     * Drops the history older than the horizon, and the reversal record of a forgotten posting.
     *
     * @param forgottenPosting the key of the member's posting that was forgotten, or null
     * @return whether entries were dropped
     */
    boolean prune(Instant horizon, IdempotencyKey forgottenPosting) {
        if (forgottenPosting != null && reversed != null) {
            // a forgotten posting can no longer be reversed: its record goes with it
            reversed.remove(forgottenPosting);
        }
        if (!horizon.isAfter(prunedTo)) {
            return false;
        }
        prunedTo = horizon;
        boolean forgot = false;
        while (!entries.isEmpty() && entries.peekFirst().at().isBefore(horizon)) {
            entries.pollFirst();
            forgot = true;
        }
        if (spent != null) {
            Iterator<Lot> it = spent.values().iterator();
            while (it.hasNext() && it.next().lastMovementAt().isBefore(horizon)) {
                it.remove();
            }
        }
        if (closed != null) {
            Iterator<Reservation> it = closed.values().iterator();
            while (it.hasNext() && endedBefore(it.next(), horizon)) {
                it.remove();
            }
        }
        if (lifted != null) {
            // a hold that ended before the horizon protected nothing at a time a read may still ask about
            lifted.removeIf(h -> h.endedAt().isBefore(horizon));
        }
        return forgot;
    }

    /** Whether a reservation holds nothing at any instant from {@code horizon} on. */
    private static boolean endedBefore(Reservation r, Instant horizon) {
        return !r.deadline().isAfter(horizon) || r.closedAt() != null && !r.closedAt().isAfter(horizon);
    }

    /** The ended expiry holds of a purse, by start time. */
    List<LiftedHold> liftedHolds(String currency) {
        if (lifted == null) {
            return List.of();
        }
        List<LiftedHold> out = new ArrayList<>();
        for (LiftedHold h : lifted) {
            if (h.currency().equals(currency)) {
                out.add(h);
            }
        }
        out.sort(java.util.Comparator.comparing(LiftedHold::since));
        return out;
    }

    /** Renames the moved member in this (other) member's transfer entries. */
    void renameEntries(Pseudonymised p) {
        List<Entry> renamed = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            renamed.add(p.entry(e));
        }
        entries.clear();
        entries.addAll(renamed);
    }

    /** Moves the book and history to the pseudonym's empty slot; the caller holds both locks. */
    void moveTo(Pseudonymised p, MemberSlot target) {
        for (Entry e : entries) {
            target.entries.add(p.entry(e));
        }
        if (spent != null) {
            target.spent = new LinkedHashMap<>();
            for (Lot lot : spent.values()) {
                target.spent.put(lot.id(), p.lot(lot));
            }
        }
        if (closed != null) {
            target.closed = new LinkedHashMap<>();
            for (Reservation r : closed.values()) {
                Reservation moved = p.reservation(r);
                target.closed.put(moved.key(), moved);
            }
        }
        if (reversed != null) {
            target.reversed = new HashMap<>();
            reversed.forEach((key, r) -> target.reversed.put(p.key(key), r));
        }
        target.lifted = lifted;
        target.prunedTo = prunedTo;
        target.book = p.book(book);
        book = null;
        entries.clear();
        spent = null;
        closed = null;
        reversed = null;
        lifted = null;
    }
}
