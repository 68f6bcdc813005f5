package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.spi.LiftedHold;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger's reads of members and their history: a member's balance now, and as it stood at an
 * earlier instant (the state now with the later entries undone, refused where the store no longer
 * keeps the history it needs); the account, lots, statement, postings and reservations; pages of
 * members. The expiry queries are in {@link Expiries}, the reports in {@link Reports}.
 */
final class Reads {

    private static final int MAX_PAGE = 10_000;

    private final LedgerContext ctx;

    Reads(LedgerContext ctx) {
        this.ctx = ctx;
    }

    /** A page of members; see {@link Ledger#members(MemberId, int)}. */
    List<MemberId> members(MemberId after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException("page size of members must be between 1 and " + MAX_PAGE
                    + "; got " + limit);
        }
        return List.copyOf(ctx.store.members(after, limit));
    }

    /** A member's account; see {@link Ledger#account(MemberId)}. */
    Account account(MemberId member) {
        return ctx.book(Checks.notNull(member, "member")).account();
    }

    /** A member's lots; see {@link Ledger#lots(MemberId, PointCurrency)}. */
    List<Lot> lots(MemberId member, PointCurrency currency) {
        Checks.notNull(member, "member");
        String code = ctx.configured(currency).code();
        ctx.book(member);
        return ctx.store.lots(member, code);
    }

    /** The entries the store keeps; see {@link Ledger#statement(MemberId)}. */
    List<Entry> statement(MemberId member) {
        ctx.book(Checks.notNull(member, "member"));
        return ctx.store.entries(member);
    }

    /** A page of the statement, newest first; see {@link Ledger#statement(MemberId, long, int)}. */
    List<Entry> statement(MemberId member, long beforeSequence, int limit) {
        ctx.book(Checks.notNull(member, "member"));
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException("page size of a statement must be between 1 and " + MAX_PAGE
                    + "; got " + limit);
        }
        return List.copyOf(ctx.store.entries(member, beforeSequence, limit));
    }

    /** The posting made with a key; see {@link Ledger#posting(IdempotencyKey)}. */
    Optional<Posting> posting(IdempotencyKey key) {
        return ctx.store.posting(Checks.notNull(key, "key"));
    }

    /** A member's reservation; see {@link Ledger#reservation(MemberId, IdempotencyKey)}. */
    Optional<Reservation> reservation(MemberId member, IdempotencyKey key) {
        Checks.notNull(key, "key");
        ctx.book(Checks.notNull(member, "member"));
        return ctx.store.reservation(member, key);
    }

    /** The balance now; see {@link Ledger#balance(MemberId, PointCurrency)}. */
    Balance balance(MemberId member, PointCurrency currency) {
        Checks.notNull(member, "member");
        PointCurrency c = ctx.configured(currency);
        MemberBook book = ctx.book(member);
        Instant now = ctx.clock.instant();
        Purse purse = book.purses().get(c.code());
        if (purse == null) {
            return new Balance(member, c.code(), now, 0, 0, 0, 0, 0, 0);
        }
        return Books.balance(member, c.code(), now, purse.lots(),
                Books.heldOpen(book.reservations(), c.code(), now),
                Books.inactivityDeadline(c, purse.lastActivity(), book.account().enrolledAt(), ctx.zone),
                purse.expiryHeldSince(), purse.debt());
    }

    /** The balance as it stood then; see {@link Ledger#balance(MemberId, PointCurrency, Instant)}. */
    Balance balance(MemberId member, PointCurrency currency, Instant asOf) {
        Checks.notNull(member, "member");
        Checks.businessTime(asOf, "asOf");
        PointCurrency c = ctx.configured(currency);
        MemberBook book = ctx.book(member);
        Purse purse = book.purses().get(c.code());
        if (purse == null) {
            return new Balance(member, c.code(), asOf, 0, 0, 0, 0, 0, 0);
        }
        List<Entry> kept = ctx.store.entries(member);
        // whether the store still keeps every entry of the member (sequence numbers start at 1)
        boolean complete = kept.isEmpty() ? book.nextEntry() == 1 : kept.get(0).sequence() == 1;
        Instant horizon = ctx.horizon();
        if (!complete && asOf.isBefore(horizon)) {
            throw new OutsideWindowException("balance of member " + member + " as of " + asOf + " reaches before the "
                    + "idempotency window (" + ctx.windowText() + ", from " + horizon + "), whose history this store no "
                    + "longer keeps");
        }
        // from the state now, undo what was dated after asOf: every such entry is kept, since the
        // store forgets only entries dated before the horizon
        Map<LotId, Long> undone = new HashMap<>();
        long debt = purse.debt();
        Instant lastActivity = null;
        List<Entry> settledBefore = null; // debt settlements dated at or before asOf, in posting order
        for (Entry e : kept) {
            if (!e.currency().equals(c.code())) {
                continue;
            }
            if (e.type() == EntryType.DEBT_SETTLEMENT && !e.at().isAfter(asOf)) {
                if (settledBefore == null) {
                    settledBefore = new ArrayList<>();
                }
                settledBefore.add(e);
            }
            if (e.at().isAfter(asOf)) {
                debt -= e.debtDelta();
                for (int i = 0, n = e.lots().size(); i < n; i++) {
                    undone.merge(Movements.lot(e.lots(), i), Movements.delta(e.lots(), i), Long::sum);
                }
            } else if (c.activity().contains(e.postingType()) && e.type() != EntryType.DEBT_SETTLEMENT
                    && e.postingType() != PostingType.REVERSAL && (lastActivity == null || e.at().isAfter(lastActivity))) {
                lastActivity = e.at();
            }
        }
        if (debt < 0) {
            // A backdated credit settled a debt that a later-dated reversal made: as of asOf that debt
            // did not exist yet, so neither did its settlement; the points stay in the lots they were
            // settled from, the latest settlements first.
            for (int i = settledBefore.size() - 1; i >= 0 && debt < 0; i--) {
                Entry e = settledBefore.get(i);
                for (int m = 0, n = e.lots().size(); m < n && debt < 0; m++) {
                    long back = Math.min(-debt, -Movements.delta(e.lots(), m));
                    undone.merge(Movements.lot(e.lots(), m), -back, Long::sum);
                    debt += back;
                }
            }
        }
        // a hold in force now counts from its start; one that has ended, if it was in force then, from its
        // own start; and a hold that ended by then started the inactivity clock again at its end
        Instant heldSince = purse.expiryHeldSince() != null && !asOf.isBefore(purse.expiryHeldSince())
                ? purse.expiryHeldSince() : null;
        for (LiftedHold h : ctx.store.liftedHolds(member, c.code())) {
            if (h.heldAt(asOf)) {
                heldSince = h.since();
            } else if (h.inactivityRestarted() && !h.endedAt().isAfter(asOf)
                    && (lastActivity == null || h.endedAt().isAfter(lastActivity))) {
                lastActivity = h.endedAt();
            }
        }
        if (purse.lastActivity() != null && !purse.lastActivity().isAfter(asOf)) {
            lastActivity = purse.lastActivity();
        } else if (!complete && (lastActivity == null || lastActivity.isBefore(horizon))
                && c.expiry().inactivityDeadline(book.account().enrolledAt(), ctx.zone).isPresent()) {
            throw new OutsideWindowException("balance of member " + member + " in " + c.code() + " as of " + asOf
                    + " depends on activity before the idempotency window (" + ctx.windowText() + ", from " + horizon
                    + "), whose history this store no longer keeps");
        }
        List<Lot> lots = new ArrayList<>();
        for (Lot lot : ctx.store.lots(member, c.code())) {
            if (!lot.earnedAt().isAfter(asOf)) {
                long r = lot.remaining() - undone.getOrDefault(lot.id(), 0L);
                lots.add(lot.withRemaining(r, lot.lastMovementAt()));
            }
        }
        return Books.balance(member, c.code(), asOf, lots,
                Books.heldHistoric(ctx.store.reservations(member), c.code(), asOf),
                Books.inactivityDeadline(c, lastActivity, book.account().enrolledAt(), ctx.zone), heldSince, debt);
    }
}
