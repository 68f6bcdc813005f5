package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mutable working copy of one member's book while an operation is computed. Nothing here is
 * visible to anyone until {@link #toBook()} is committed; a rejected operation just drops it.
 */
final class Draft {

    /** One currency's holdings while being changed. */
    static final class PurseDraft {
        final String currency;
        final List<Lot> lots;
        long debt;
        Instant lastActivity;

        PurseDraft(Purse purse) {
            this.currency = purse.currency();
            this.lots = new ArrayList<>(purse.lots());
            this.debt = purse.debt();
            this.lastActivity = purse.lastActivity();
        }

        int indexOf(LotId id) {
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
            long sum = 0;
            for (Lot lot : lots) {
                sum += lot.remaining();
            }
            return sum;
        }

        void move(LotId id, long delta, Instant at) {
            int i = indexOf(id);
            Lot lot = lots.get(i);
            lots.set(i, lot.withRemaining(lot.remaining() + delta, at));
        }

        Purse freeze() {
            return new Purse(currency, lots, debt, lastActivity);
        }
    }

    final MemberBook base;
    Account account;
    private long nextLot;
    private long nextEntry;
    private final Map<String, PurseDraft> purses = new HashMap<>();
    final Map<IdempotencyKey, Reservation> reservations;
    final Map<IdempotencyKey, Reversed> reversed;
    final List<Entry> entries = new ArrayList<>();

    Draft(MemberBook base) {
        this.base = base;
        this.account = base.account();
        this.nextLot = base.nextLot();
        this.nextEntry = base.nextEntry();
        this.reservations = new HashMap<>(base.reservations());
        this.reversed = new HashMap<>(base.reversed());
    }

    MemberId member() {
        return account.member();
    }

    PurseDraft purse(String currency) {
        return purses.computeIfAbsent(currency, c -> {
            Purse p = base.purses().get(c);
            return new PurseDraft(p == null ? new Purse(c, List.of(), 0, null) : p);
        });
    }

    LotId newLotId() {
        return LotId.of(nextLot++);
    }

    Entry entry(IdempotencyKey posting, PostingType postingType, EntryType type, String currency, long amount,
            long heldDelta, long debtDelta, Instant at, String reason, List<LotMovement> lots) {
        Entry e = new Entry(nextEntry++, posting, postingType, type, member(), currency, amount, heldDelta, debtDelta,
                at, reason, lots);
        entries.add(e);
        return e;
    }

    MemberBook toBook() {
        Map<String, Purse> frozen = new HashMap<>(base.purses());
        for (PurseDraft p : purses.values()) {
            frozen.put(p.currency, p.freeze());
        }
        return new MemberBook(account, base.version() + 1, nextLot, nextEntry, frozen, reservations, reversed);
    }
}
