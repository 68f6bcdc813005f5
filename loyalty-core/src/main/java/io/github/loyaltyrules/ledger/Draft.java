package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.OpenLots;
import io.github.loyaltyrules.ledger.internal.OpenLotsBuilder;
import io.github.loyaltyrules.ledger.internal.OpenLotsEditor;
import io.github.loyaltyrules.ledger.internal.PersistentMap;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.LiftedHold;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A mutable working copy of one member's book while an operation is computed. Nothing here is
 * visible to anyone until {@link #toChange()} is committed; a rejected operation just drops it.
 *
 * <p>It reads the member's working set (open lots, open reservations) from the book, and the
 * history it needs (a spent lot a reversal gives back, a closed reservation, a reversal record)
 * from the store one row at a time; it records every lot, reservation and reversal record it
 * changes, so that the commit writes those rows and nothing else.
 */
final class Draft implements DraftLookup {

    /** How many touched lots are found by a scan before they get an index. */
    private static final int SCANNED = 16;

    /** One currency's holdings while being changed. */
    static final class PurseDraft {
        final String currency;
        private final Draft owner;
        private final Purse base;
        /**
         * The open lots: persistent, so each change costs O(log n) and shares the rest with the
         * base; null while they are not read (the store's working set came without them).
         */
        private OpenLots lots;
        /** While the lots are not read: what they hold, the lots this draft added included. */
        private long unreadRemaining;
        /** While the lots are not read: the lots this draft added, in order; else null. */
        private List<Lot> added;
        /**
         * While the lots are not read: the lots read ahead for a spend ({@link #lotsToSpend}), as this
         * draft changed them, by id; else null.
         */
        private Map<LotId, Lot> readAhead;
        private boolean changedLots;
        long debt;
        Instant lastActivity;
        /** Since when the purse's expiry is held, or null. */
        Instant expiryHeldSince;

        PurseDraft(Draft owner, Purse purse) {
            this.owner = owner;
            this.base = purse;
            this.currency = purse.currency();
            if (purse.lotsRead()) {
                this.lots = OpenLots.copyOf(purse.lots());
            } else {
                this.unreadRemaining = purse.balance();
            }
            this.debt = purse.debt();
            this.lastActivity = purse.lastActivity();
            this.expiryHeldSince = purse.expiryHeldSince();
        }

        /**
         * The open lots, read from the store first if the working set came without them (lots
         * numbered from the book's next lot on are left out: they belong to a later version,
         * which the commit's version check turns away).
         */
        private OpenLots read() {
            if (lots == null) {
                List<Lot> stored = owner.store.openLots(owner.member(), currency);
                OpenLotsBuilder read = OpenLots.builder(stored.size() + (added == null ? 0 : added.size()));
                long next = owner.base.nextLot();
                List<Lot> revived = revived(stored);
                int r = 0;
                for (Lot lot : stored) {
                    while (r < revived.size() && revived.get(r).id().compareTo(lot.id()) < 0) {
                        read.add(revived.get(r++));
                    }
                    Lot mine = readAhead == null ? null : readAhead.get(lot.id());
                    Lot current = mine != null ? mine : lot;
                    if (current.id().value() < next && current.remaining() > 0) {
                        read.add(current);
                    }
                }
                while (r < revived.size()) {
                    read.add(revived.get(r++));
                }
                readAhead = null;
                if (added != null) {
                    for (Lot lot : added) {
                        read.add(lot);
                    }
                }
                lots = read.build();
                added = null;
            }
            return lots;
        }

        /**
         * The lots read ahead that hold points again after the store had them spent (a reversal gave
         * them back), which the store's open lots leave out: in number order.
         */
        private List<Lot> revived(List<Lot> stored) {
            if (readAhead == null) {
                return List.of();
            }
            List<Lot> out = null;
            for (Lot lot : readAhead.values()) {
                if (lot.remaining() > 0 && OpenLots.indexOf(stored, lot.id()) < 0) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    out.add(lot);
                }
            }
            if (out == null) {
                return List.of();
            }
            out.sort((a, b) -> a.id().compareTo(b.id()));
            return out;
        }

        /**
         * Makes the given lots, open or spent, available without reading every open lot: while this
         * draft has not read the purse's lots, those it lacks are read by number and kept with the
         * lots read ahead, so that a reversal or a capture over k lots reads k of them. Returns
         * whether all of them are at hand that way.
         */
        boolean readByNumber(List<LotId> ids) {
            if (lots != null) {
                return false;
            }
            List<LotId> missing = null;
            for (int i = 0; i < ids.size(); i++) {
                if (readAhead == null || !readAhead.containsKey(ids.get(i))) {
                    if (missing == null) {
                        missing = new ArrayList<>(ids.size() - i);
                    }
                    missing.add(ids.get(i));
                }
            }
            if (missing == null) {
                return true;
            }
            if (added != null) {
                return false; // lots this draft made are not in the store: read them all
            }
            long next = owner.base.nextLot();
            if (readAhead == null) {
                readAhead = new HashMap<>();
            }
            for (Lot lot : owner.store.lotsByNumber(owner.member(), missing)) {
                // a lot of a later version: the commit's version check turns it away
                if (lot.id().value() < next && lot.currency().equals(currency)) {
                    Lot mine = owner.touchedLot(lot.id());
                    readAhead.putIfAbsent(lot.id(), mine != null ? mine : lot);
                }
            }
            for (int i = 0; i < missing.size(); i++) {
                if (!readAhead.containsKey(missing.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** The open lots, read-only; in creation order, possibly with spent ones among them. */
        List<Lot> lots() {
            return read();
        }

        /**
         * Reads ahead the first {@code limit} lots a spend at {@code at} would take, in the given order,
         * without reading the other open lots ({@link LedgerStore#lotsToSpend}); null if this draft
         * cannot (its lots are read, or it added or moved lots). A second call reads ahead afresh (e.g.
         * further, when the first lots fell short). {@code complete} tells whether
         * these are all the open lots not expired at {@code at}.
         */
        ReadAhead lotsToSpend(ConsumptionOrder order, Instant at, int limit) {
            if (lots != null || added != null || changedLots) {
                return null; // what this draft changed is not in the store yet
            }
            long next = owner.base.nextLot();
            List<Lot> found = owner.store.lotsToSpend(owner.member(), currency, order, at, limit);
            List<Lot> usable = new ArrayList<>(found.size());
            readAhead = new HashMap<>();
            for (Lot lot : found) {
                if (lot.id().value() < next) { // a lot of a later version: the commit's version check turns it away
                    usable.add(lot);
                    readAhead.put(lot.id(), lot);
                }
            }
            return new ReadAhead(usable, found.size() < limit);
        }

        void add(Lot lot) {
            if (lots == null) {
                // an earn needs no other lot: it is kept aside until something reads the lots
                if (added == null) {
                    added = new ArrayList<>(2);
                }
                added.add(lot);
                unreadRemaining += lot.remaining();
            } else {
                lots = lots.plus(lot);
            }
            changedLots = true;
            owner.touched(lot);
        }

        /** The lot if the working set or this draft has it, else null (a spent lot the store keeps). */
        Lot openLot(LotId id) {
            if (lots == null && readAhead != null && readAhead.containsKey(id)) {
                return readAhead.get(id);
            }
            OpenLots lots = read();
            int i = lots.indexOf(id);
            if (i >= 0) {
                return lots.get(i);
            }
            return owner.touchedLot(id);
        }

        /** The lot, open or spent. */
        Lot lot(LotId id) {
            Lot lot = openLot(id);
            return lot != null ? lot : owner.spentLot(id);
        }

        long total() {
            return lots == null ? unreadRemaining : lots.remaining();
        }

        void move(LotId id, long delta, Instant at) {
            if (lots == null && readByNumber(List.of(id))) {
                // a lot read ahead for a spend: moved without reading the other open lots
                Lot lot = readAhead.get(id);
                Lot moved = lot.withRemaining(lot.remaining() + delta, at);
                readAhead.put(id, moved);
                unreadRemaining += delta;
                if (unreadRemaining < 0) {
                    // the lots read ahead hold more than the working set's balance: another writer
                    // gave points back since it was read, and the commit would be turned away
                    throw new StaleReadException("lots of member " + owner.member() + " changed after its"
                            + " working set was read");
                }
                changedLots = true;
                owner.touched(moved);
                return;
            }
            read();
            int i = lots.indexOf(id);
            Lot moved;
            if (i >= 0) {
                Lot lot = lots.get(i);
                moved = lot.withRemaining(lot.remaining() + delta, at);
                lots = lots.with(i, moved);
            } else {
                Lot lot = lot(id);
                moved = lot.withRemaining(lot.remaining() + delta, at);
                if (moved.remaining() > 0) {
                    lots = lots.inserted(moved);
                }
            }
            changedLots = true;
            owner.touched(moved);
        }

        /**
         * Moves several lots by their deltas at once (a spend, a capture, a reversal's give-back).
         * Before this draft reads the purse's lots, it reads just these by number; after, lots still
         * in the open list are changed in one edit of it, and spent lots the list dropped are put
         * back with one rebuild, not one per lot: O(n + k log k) at worst for k lots.
         */
        void moveAll(List<LotMovement> moves, Instant at) {
            if (moves.size() == 1 || lots == null && readByNumber(Movements.lots(moves))) {
                for (int m = 0; m < moves.size(); m++) {
                    move(moves.get(m).lot(), moves.get(m).delta(), at);
                }
                return;
            }
            read();
            OpenLotsEditor edit = null;
            Map<LotId, Lot> back = null;
            for (int m = 0; m < moves.size(); m++) {
                LotMovement move = moves.get(m);
                int i = lots.indexOf(move.lot());
                Lot moved;
                if (i >= 0) {
                    if (edit == null) {
                        edit = lots.edit();
                    }
                    Lot lot = edit.get(i);
                    moved = lot.withRemaining(lot.remaining() + move.delta(), at);
                    edit.set(i, moved);
                } else {
                    Lot lot = back != null && back.containsKey(move.lot()) ? back.get(move.lot()) : lot(move.lot());
                    moved = lot.withRemaining(lot.remaining() + move.delta(), at);
                    if (back == null) {
                        back = new LinkedHashMap<>();
                    }
                    back.put(moved.id(), moved);
                }
                changedLots = true;
                owner.touched(moved);
            }
            if (edit != null) {
                lots = edit.done();
            }
            if (back != null) {
                lots = lots.insertedAll(back.values());
            }
        }

        /**
         * Gives every open lot that would expire before {@code floor} that date instead (a lift of a
         * hold, {@link Ledger#liftExpiryHold}); lots that never expire, or expire later, keep theirs,
         * and so do lots that had expired by {@code heldSince} (before the hold) and lots earned after
         * {@code endedAt} (after the hold). A null floor (never) makes them never expire. O(open lots),
         * with one rebuild of the list.
         *
         * @return how many lots were given a new date
         */
        int redate(Instant floor, Instant heldSince, Instant endedAt) {
            OpenLots open = read();
            List<Lot> out = new ArrayList<>(open.size());
            int changed = 0;
            for (int i = OpenLots.firstLive(open), n = open.size(); i < n; i++) {
                Lot lot = open.get(i);
                if (lot.remaining() == 0) {
                    continue;
                }
                Instant own = lot.expiresAt();
                if (own != null && own.isAfter(heldSince) && (floor == null || own.isBefore(floor))
                        && !lot.earnedAt().isAfter(endedAt)) {
                    lot = new Lot(lot.id(), lot.currency(), lot.original(), lot.remaining(), lot.earnedAt(),
                            lot.availableAt(), floor, lot.source(), lot.lastMovementAt());
                    owner.touched(lot);
                    changed++;
                }
                out.add(lot);
            }
            if (changed > 0) {
                lots = OpenLots.copyOf(out);
                changedLots = true;
            }
            return changed;
        }

        boolean changed() {
            return changedLots || debt != base.debt() || !Objects.equals(lastActivity, base.lastActivity())
                    || !Objects.equals(expiryHeldSince, base.expiryHeldSince());
        }

        Purse freeze() {
            return lots == null ? Purse.withoutLots(currency, unreadRemaining, debt, lastActivity, expiryHeldSince)
                    : new Purse(currency, lots, debt, lastActivity, expiryHeldSince);
        }
    }

    /** The lots a spend reads ahead, in spending order, and whether they are all the unexpired open ones. */
    record ReadAhead(List<Lot> lots, boolean complete) {
    }

    final MemberBook base;
    private final LedgerStore store;
    /** The earliest business time the ledger accepts: open reservations that lapsed before it leave the book. */
    private final Instant horizon;
    Account account;
    private long nextLot;
    private long nextEntry;
    /** The purse drafts: most operations touch one currency, which needs no map. */
    private PurseDraft firstPurse;
    private List<PurseDraft> otherPurses;
    /** The open reservations: the base's persistent map, replaced by a new version with each change. */
    private Map<IdempotencyKey, Reservation> reservations;
    /** Reservations created or changed, by key; null until one is. */
    private Map<IdempotencyKey, Reservation> changedReservations;
    /** Reversal records read or changed, by the reversed posting's key; null until one is. */
    private Map<IdempotencyKey, Reversed> changedReversed;
    /**
     * Lots created or changed, at their latest state, in the order first touched (those from
     * {@link #touchedCount} on are unused); null while at most one lot is touched.
     */
    private Lot[] touched;
    private int touchedCount;
    /** Where each lot is in {@link #touched}, once more than {@link #SCANNED} are; null until then. */
    private Map<LotId, Integer> touchedAt;
    /** The one lot touched while only one is (then {@link #touched} is null). */
    private Lot onlyTouched;
    /** The entries written, in order: most operations write one, which needs no list until the end. */
    private Entry firstEntry;
    private List<Entry> moreEntries;

    Draft(MemberBook base, LedgerStore store, Instant horizon) {
        this.base = base;
        this.store = store;
        this.horizon = horizon;
        this.account = base.account();
        this.nextLot = base.nextLot();
        this.nextEntry = base.nextEntry();
        this.reservations = base.reservations();
    }

    private void touched(Lot lot) {
        if (touched == null) {
            if (onlyTouched == null || onlyTouched.id().equals(lot.id())) {
                // most postings touch one lot: no array until a second one
                onlyTouched = lot;
                return;
            }
            touched = new Lot[SCANNED];
            touched[touchedCount++] = onlyTouched;
            onlyTouched = null;
        }
        int i = touchedIndex(lot.id());
        if (i >= 0) {
            touched[i] = lot;
            return;
        }
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
        }
        if (touchedAt != null) {
            touchedAt.put(lot.id(), touchedCount);
        }
        touched[touchedCount++] = lot;
        if (touchedAt == null && touchedCount > SCANNED) {
            // a posting over many lots: a scan per lot would cost O(k^2)
            touchedAt = new HashMap<>(touchedCount * 2);
            for (int j = 0; j < touchedCount; j++) {
                touchedAt.put(touched[j].id(), j);
            }
        }
    }

    /** Where a lot is in {@link #touched}, or -1. */
    private int touchedIndex(LotId id) {
        if (touchedAt != null) {
            Integer i = touchedAt.get(id);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < touchedCount; i++) {
            if (touched[i].id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The latest state of a lot this draft touched, or null. */
    private Lot touchedLot(LotId id) {
        if (touched == null) {
            return onlyTouched != null && onlyTouched.id().equals(id) ? onlyTouched : null;
        }
        int i = touchedIndex(id);
        return i < 0 ? null : touched[i];
    }

    private Lot spentLot(LotId id) {
        return store.lot(member(), id).orElseThrow(() -> new IllegalStateException("lot " + id + " of member "
                + member() + " is neither open nor kept by the store"));
    }

    /** The open reservations, read-only. */
    Map<IdempotencyKey, Reservation> reservations() {
        return reservations;
    }

    /** A reservation of the member by key, open or closed; null if there is none. */
    Reservation reservation(IdempotencyKey key) {
        Reservation r = reservations.get(key);
        if (r == null && changedReservations != null) {
            r = changedReservations.get(key);
        }
        return r != null ? r : store.reservation(member(), key).orElse(null);
    }

    void putReservation(IdempotencyKey key, Reservation r) {
        PersistentMap<IdempotencyKey, Reservation> open = PersistentMap.copyOf(reservations);
        reservations = r.status() == ReservationStatus.OPEN ? open.plus(key, r) : open.minus(key);
        if (changedReservations == null) {
            changedReservations = new LinkedHashMap<>(2);
        }
        changedReservations.put(key, r);
    }

    /** How much of a posting has been reversed so far; null if nothing. */
    Reversed reversed(IdempotencyKey key) {
        if (changedReversed != null && changedReversed.containsKey(key)) {
            return changedReversed.get(key);
        }
        return store.reversed(member(), key).orElse(null);
    }

    void putReversed(IdempotencyKey key, Reversed r) {
        if (changedReversed == null) {
            changedReversed = new HashMap<>(2);
        }
        changedReversed.put(key, r);
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
        PurseDraft p = new PurseDraft(this, stored == null ? new Purse(currency, List.of(), 0, null) : stored);
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

    /** How many entries were written. */
    int entryCount() {
        return firstEntry == null ? 0 : moreEntries == null ? 1 : moreEntries.size() + 1;
    }

    /** The entries written from the {@code from}-th on (0-based), in order. */
    List<Entry> entriesFrom(int from) {
        List<Entry> all = entries();
        return from == 0 ? all : all.subList(Math.min(from, all.size()), all.size());
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

    /** The member's new book with the rows this draft touched. */
    /** The expiry hold this draft ends, kept as history by the store; null for most drafts. */
    LiftedHold liftedHold;

    MemberChange toChange() {
        if (!reservations.isEmpty()) {
            // a reservation that lapsed before the horizon can hold nothing for any posting the
            // ledger still accepts: it leaves the working set (the store keeps it as history)
            for (Reservation r : List.copyOf(reservations.values())) {
                if (!r.deadline().isAfter(horizon)) {
                    putReservation(r.key(), r);
                    reservations = PersistentMap.copyOf(reservations).minus(r.key());
                }
            }
        }
        return new MemberChange(toBook(), base.nextLot(), touched != null ? Arrays.asList(touched).subList(0, touchedCount)
                : onlyTouched != null ? List.of(onlyTouched) : List.of(),
                changedReservations == null ? List.of() : List.copyOf(changedReservations.values()),
                changedReversed == null ? Map.of() : changedReversed,
                liftedHold == null ? List.of() : List.of(liftedHold));
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
        return new MemberBook(account, base.version() + 1, nextLot, nextEntry, frozen, reservations);
    }
}
