package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.LotList;
import io.github.loyaltyrules.ledger.internal.PersistentMap;
import io.github.loyaltyrules.ledger.internal.ReservationMap;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A mutable working copy of one member's book while an operation is computed. Nothing here is
 * visible to anyone until {@link #toBook()} is committed; a rejected operation just drops it.
 */
final class Draft implements DraftLookup {

    /** One currency's holdings while being changed. */
    static final class PurseDraft {
        final String currency;
        private final Purse base;
        /**
         * The base's (unmodifiable) lot list until the first change; after appends only, a
         * {@link LotList} that shares the base's array where it can; after any other change, a
         * private copy.
         */
        private List<Lot> lots;
        private boolean copied;
        private boolean appended;
        long debt;
        Instant lastActivity;

        PurseDraft(Purse purse) {
            this.base = purse;
            this.currency = purse.currency();
            this.lots = purse.lots();
            this.debt = purse.debt();
            this.lastActivity = purse.lastActivity();
        }

        /** The lots, read-only; in creation order. */
        List<Lot> lots() {
            return lots;
        }

        private Buffer writable() {
            if (!copied) {
                lots = new Buffer(lots);
                copied = true;
            }
            return (Buffer) lots;
        }

        void add(Lot lot) {
            if (copied) {
                lots.add(lot);
            } else {
                lots = LotList.copyOf(lots).plus(lot);
                appended = true;
            }
        }

        int indexOf(LotId id) {
            // lots are created in increasing id order, so a binary search usually finds the lot;
            // a list in any other order falls back to the scan
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
            for (int i = lots.size() - 1; i >= 0; i--) {
                if (lots.get(i).id().equals(id)) {
                    return i;
                }
            }
            throw new IllegalStateException("lot " + id + " is not in purse " + currency);
        }

        Lot lot(LotId id) {
            return lots.get(indexOf(id));
        }

        long total() {
            if (lots instanceof LotList l) {
                return l.remaining();
            }
            long sum = 0;
            for (Lot lot : lots) {
                sum += lot.remaining();
            }
            return sum;
        }

        void move(LotId id, long delta, Instant at) {
            int i = indexOf(id);
            Lot lot = lots.get(i);
            writable().set(i, lot.withRemaining(lot.remaining() + delta, at));
        }

        boolean changed() {
            return copied || appended || debt != base.debt() || !Objects.equals(lastActivity, base.lastActivity());
        }

        Purse freeze() {
            if (copied) {
                // the buffer's array becomes the lot list's: no second copy; a later change copies again
                lots = ((Buffer) lots).freeze();
                copied = false;
            }
            return new Purse(currency, lots, debt, lastActivity);
        }
    }

    /**
     * A draft's private copy of a purse's lots, changed in place, whose array a lot list then takes
     * over as it is (one copy of the lots per operation, not two).
     */
    private static final class Buffer extends AbstractList<Lot> implements RandomAccess {
        private Lot[] array;
        private int size;

        Buffer(List<Lot> lots) {
            size = lots.size();
            array = lots.toArray(new Lot[size + Math.max(4, size >> 2)]);
        }

        @Override
        public Lot get(int index) {
            Objects.checkIndex(index, size);
            return array[index];
        }

        @Override
        public Lot set(int index, Lot lot) {
            Objects.checkIndex(index, size);
            Lot old = array[index];
            array[index] = Objects.requireNonNull(lot, "lot must not be null");
            return old;
        }

        @Override
        public boolean add(Lot lot) {
            if (size == array.length) {
                array = Arrays.copyOf(array, size + (size >> 1) + 4);
            }
            array[size++] = Objects.requireNonNull(lot, "lot must not be null");
            modCount++;
            return true;
        }

        @Override
        public int size() {
            return size;
        }

        LotList freeze() {
            LotList frozen = LotList.adopt(array, size);
            array = null;
            return frozen;
        }
    }

    final MemberBook base;
    Account account;
    private long nextLot;
    private long nextEntry;
    /** The purse drafts: most operations touch one currency, which needs no map. */
    private PurseDraft firstPurse;
    private List<PurseDraft> otherPurses;
    /** The base's persistent map, replaced by a new version with each change. */
    private Map<IdempotencyKey, Reservation> reservations;
    /** The base's persistent map, replaced by a new version with each change. */
    private Map<IdempotencyKey, Reversed> reversed;
    /** The entries written, in order: most operations write one, which needs no list until the end. */
    private Entry firstEntry;
    private List<Entry> moreEntries;

    Draft(MemberBook base) {
        this.base = base;
        this.account = base.account();
        this.nextLot = base.nextLot();
        this.nextEntry = base.nextEntry();
        this.reservations = base.reservations();
        this.reversed = base.reversed();
    }

    /** The reservations, read-only. */
    Map<IdempotencyKey, Reservation> reservations() {
        return reservations;
    }

    void putReservation(IdempotencyKey key, Reservation r) {
        reservations = ReservationMap.copyOf(reservations).plus(key, r);
    }

    /** How much of each posting has been reversed, read-only. */
    Map<IdempotencyKey, Reversed> reversed() {
        return reversed;
    }

    void putReversed(IdempotencyKey key, Reversed r) {
        reversed = PersistentMap.copyOf(reversed).plus(key, r);
    }

    MemberId member() {
        return account.member();
    }

    PurseDraft purse(String currency) {
        if (firstPurse != null && firstPurse.currency.equals(currency)) {
            return firstPurse;
        }
        if (otherPurses != null) {
            for (PurseDraft p : otherPurses) {
                if (p.currency.equals(currency)) {
                    return p;
                }
            }
        }
        Purse stored = base.purses().get(currency);
        PurseDraft p = new PurseDraft(stored == null ? new Purse(currency, List.of(), 0, null) : stored);
        if (firstPurse == null) {
            firstPurse = p;
        } else {
            if (otherPurses == null) {
                otherPurses = new ArrayList<>(2);
            }
            otherPurses.add(p);
        }
        return p;
    }

    LotId newLotId() {
        return LotId.of(nextLot++);
    }

    Entry entry(IdempotencyKey posting, PostingType postingType, EntryType type, String currency, long amount,
            long heldDelta, long debtDelta, Instant at, String reason, List<LotMovement> lots) {
        Entry e = new Entry(nextEntry++, posting, postingType, type, member(), currency, amount, heldDelta, debtDelta,
                at, reason, lots);
        if (firstEntry == null) {
            firstEntry = e;
        } else {
            if (moreEntries == null) {
                moreEntries = new ArrayList<>(4);
            }
            moreEntries.add(e);
        }
        return e;
    }

    /** Whether any entry was written. */
    boolean hasEntries() {
        return firstEntry != null;
    }

    /** The entries written, in order, as an unmodifiable list. */
    List<Entry> entries() {
        if (firstEntry == null) {
            return List.of();
        }
        if (moreEntries == null) {
            return List.of(firstEntry);
        }
        Entry[] all = new Entry[moreEntries.size() + 1];
        all[0] = firstEntry;
        for (int i = 1; i < all.length; i++) {
            all[i] = moreEntries.get(i - 1);
        }
        return List.of(all);
    }

    /** This draft, as the only one of an operation on one member. */
    @Override
    public Draft of(MemberId member) {
        if (!member.equals(member())) {
            throw new IllegalStateException("member " + member + " is not part of this operation on " + member());
        }
        return this;
    }

    MemberBook toBook() {
        Map<String, Purse> frozen = base.purses();
        if (firstPurse != null && otherPurses == null) {
            Map<String, Purse> stored = base.purses();
            boolean changed = firstPurse.changed() || !stored.containsKey(firstPurse.currency);
            if (changed && (stored.isEmpty() || stored.size() == 1 && stored.containsKey(firstPurse.currency))) {
                // the usual case, one currency: a map of one, built once
                frozen = Map.of(firstPurse.currency, firstPurse.freeze());
            } else if (changed) {
                frozen = new HashMap<>(stored);
                frozen.put(firstPurse.currency, firstPurse.freeze());
            }
        } else if (firstPurse != null) {
            boolean copied = false;
            List<PurseDraft> all = new ArrayList<>(otherPurses.size() + 1);
            all.add(firstPurse);
            all.addAll(otherPurses);
            for (PurseDraft p : all) {
                if (!p.changed() && base.purses().containsKey(p.currency)) {
                    continue;
                }
                if (!copied) {
                    frozen = new HashMap<>(frozen);
                    copied = true;
                }
                frozen.put(p.currency, p.freeze());
            }
        }
        // unchanged maps are the base's unmodifiable ones, which MemberBook takes as they are
        return new MemberBook(account, base.version() + 1, nextLot, nextEntry, frozen, reservations, reversed);
    }
}
