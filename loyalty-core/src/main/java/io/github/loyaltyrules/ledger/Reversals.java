package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.Prepared.Header;
import io.github.loyaltyrules.ledger.Prepared.Request;
import io.github.loyaltyrules.ledger.spi.Reversed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The posting rule of reversals: a reversed earn or credit claws back its lot (what was spent
 * becomes debt), a reversed redeem, capture or debit gives back the lots it took, and a reversed
 * transfer does both, on the two members.
 */
final class Reversals {

    private final LedgerContext ctx;

    Reversals(LedgerContext ctx) {
        this.ctx = ctx;
    }

    /** A full ({@code amount} null) or partial reversal of one of the member's earlier postings. */
    Prepared reverse(MemberId member, IdempotencyKey original, Points amount, Instant at,
            IdempotencyKey key, String reason) {
        Checks.notNull(member, "member");
        Checks.notNull(original, "original posting key");
        Checks.businessTime(at, "at");
        Checks.notNull(key, "idempotency key");
        String why = LedgerContext.reason(reason, false);
        if (amount != null) {
            ctx.checkedAmount(amount);
        }
        // a full reversal's posting derives its fingerprint (see Posting.fingerprint()); a partial one keeps it
        String fp = amount == null ? null : Fingerprints.fingerprint(PostingType.REVERSAL, member, null, amount, at, why, original, null);
        Request request = new Request(PostingType.REVERSAL, member, null, amount == null ? 0 : amount.minorUnits(),
                amount == null ? null : amount.currency().code(), at, why, original, null);
        // the member's own posting: a store that keeps history past the window finds older ones here too
        Posting target = ctx.store.posting(member, original).orElse(null);
        if (target == null) {
            // Checked again inside post(); here only to name the members to lock.
            Optional<Posting> replay = ctx.store.posting(key);
            if (replay.isEmpty() || !replay.get().fingerprint().equals(fp != null ? fp : request.text())) {
                ctx.book(member);
                throw new UnknownPostingException("member " + member + " has no posting with key '" + original
                        + "'; a reversal needs the key of one of the member's earlier postings");
            }
        }
        MemberId other = target != null ? target.counterparty() : null;
        return new Prepared(key, fp, request, other, drafts -> reverseIn(drafts, member, target, amount, at, key, why));
    }

    private Header reverseIn(DraftLookup drafts, MemberId member, Posting target, Points amount, Instant at,
            IdempotencyKey key, String why) {
        Draft d = drafts.of(member);
        Credits.requireStatus(d, PostingType.REVERSAL, at);
        PointCurrency currency = ctx.currency(target.currency());
        if (amount != null && !amount.currency().code().equals(currency.code())) {
            throw new UnknownCurrencyException("reversal of '" + target.key() + "' must be in " + currency.code()
                    + ", the currency of the posting; got " + amount.currency().code());
        }
        switch (target.type()) {
            case EARN: case ADJUST_CREDIT: case REDEEM: case ADJUST_DEBIT: case CAPTURE: case TRANSFER:
                break;
            default:
                throw new InvalidReversalException("posting '" + target.key() + "' is a " + target.type()
                        + ", which cannot be reversed; only earn, redeem, capture, adjustments and transfers can"
                        + (target.type() == PostingType.RESERVE ? " (release a reservation instead)" : ""));
        }
        if (at.isBefore(target.at())) {
            throw new InvalidReversalException("reversal at " + at + " precedes posting '" + target.key() + "' at "
                    + target.at() + "; a reversal must not be dated before what it reverses");
        }
        Reversed done = d.reversed(target.key());
        long doneAmount = done == null ? 0 : done.amount();
        long reversible = target.amount() - doneAmount;
        long x = amount == null ? reversible : amount.minorUnits();
        if (reversible == 0 || x > reversible) {
            throw new InvalidReversalException("posting '" + target.key() + "' of " + Points.of(currency, target.amount())
                    + " has " + Points.of(currency, reversible) + " left to reverse"
                    + (amount == null ? "" : "; cannot reverse " + amount));
        }
        // what each lot got back only matters while some of the posting is left to reverse
        boolean last = x == reversible;
        Map<LotId, Long> returned = done == null ? (last ? Map.of() : new HashMap<>()) : new HashMap<>(done.lots());
        switch (target.type()) {
            case EARN: case ADJUST_CREDIT:
                clawBack(d, currency, lotsCreated(target, member), x, at, key, why);
                break;
            case TRANSFER:
                Draft receiver = drafts.of(target.counterparty());
                Credits.requireStatus(receiver, PostingType.REVERSAL, at);
                clawBack(receiver, currency, lotsCreated(target, target.counterparty()), x, at, key, why);
                giveBack(d, currency, target, returned, !last, x, at, key, why);
                break;
            default:
                giveBack(d, currency, target, returned, !last, x, at, key, why);
        }
        d.putReversed(target.key(), new Reversed(doneAmount + x, last ? Map.of() : returned));
        return Header.of(PostingType.REVERSAL, member, target.counterparty(), currency.code(), x, at, why, target.key());
    }

    private static List<LotId> lotsCreated(Posting target, MemberId owner) {
        List<LotId> lots = new ArrayList<>();
        for (Entry e : target.entries()) {
            if (e.member().equals(owner) && (e.type() == EntryType.EARN || e.type() == EntryType.ADJUST_CREDIT
                    || e.type() == EntryType.TRANSFER_IN)) {
                for (LotMovement m : e.lots()) {
                    lots.add(m.lot());
                }
            }
        }
        return lots;
    }

    private static void clawBack(Draft d, PointCurrency currency, List<LotId> lots, long x, Instant at,
            IdempotencyKey key, String why) {
        Draft.PurseDraft purse = d.purse(currency.code());
        purse.readByNumber(lots); // the lots the posting made, not every open one
        Map<LotId, Long> held = Books.heldOpen(d.reservations(), currency.code(), at);
        List<LotMovement> moves = new ArrayList<>();
        long left = x;
        for (int i = lots.size() - 1; i >= 0 && left > 0; i--) {
            Lot lot = purse.openLot(lots.get(i));
            // a lot that is not open has nothing left to claw back
            long claw = lot == null ? 0 : Math.min(left, Books.free(lot, held));
            if (claw > 0) {
                purse.move(lot.id(), -claw, at);
                moves.add(new LotMovement(lot.id(), -claw, 0));
                left -= claw;
            }
        }
        if (Checks.overflows(purse.debt, left)) {
            Checks.add(purse.debt, left, "debt of member " + d.member() + " in " + currency.code());
        }
        purse.debt += left;
        d.entry(key, PostingType.REVERSAL, EntryType.REVERSAL, currency.code(), -(x - left), 0, left, at,
                left == 0 ? why : why + " (" + Points.of(currency, left) + " already spent, recorded as debt)", moves);
    }

    private static void giveBack(Draft d, PointCurrency currency, Posting target, Map<LotId, Long> returned,
            boolean record, long x, Instant at, IdempotencyKey key, String why) {
        Draft.PurseDraft purse = d.purse(currency.code());
        List<LotMovement> moves = new ArrayList<>();
        long left = x;
        // the lots the posting took, latest first: its entries' movements read back to front
        List<Entry> entries = target.entries();
        for (int k = entries.size() - 1; k >= 0 && left > 0; k--) {
            Entry e = entries.get(k);
            if (!e.member().equals(d.member()) || e.amount() >= 0 || e.type() == EntryType.DEBT_SETTLEMENT) {
                continue;
            }
            List<LotMovement> taken = e.lots();
            for (int i = taken.size() - 1; i >= 0 && left > 0; i--) {
                LotId lot = Movements.lot(taken, i);
                long open = -Movements.delta(taken, i) - returned.getOrDefault(lot, 0L);
                long give = Math.min(left, open);
                if (give > 0) {
                    if (record) {
                        returned.merge(lot, give, Long::sum);
                    }
                    moves.add(new LotMovement(lot, give, 0));
                    left -= give;
                }
            }
        }
        if (left != 0) {
            throw new IllegalStateException("posting '" + target.key() + "' records fewer lots than its amount");
        }
        purse.moveAll(moves, at);
        d.entry(key, PostingType.REVERSAL, EntryType.REVERSAL, currency.code(), x, 0, 0, at, why, moves);
    }
}
