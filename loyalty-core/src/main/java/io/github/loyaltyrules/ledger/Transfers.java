package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.Prepared.Request;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The posting rule of transfers between members: both sides or neither, the receiver's new lots
 * keeping the expiry dates of the lots the sender gave, the receiver's debt settled first.
 */
final class Transfers {

    private final LedgerContext ctx;
    private final Credits credits;

    Transfers(LedgerContext ctx, Credits credits) {
        this.ctx = ctx;
        this.credits = credits;
    }

    /** A transfer: the receiver gets new lots that keep the expiry dates of the sender's lots. */
    Prepared transfer(MemberId from, MemberId to, Points amount, Instant at, IdempotencyKey key,
            String reason) {
        PointCurrency currency = ctx.checkedAmount(amount);
        Checks.notNull(from, "sender");
        Checks.notNull(to, "receiver");
        Checks.businessTime(at, "at");
        Checks.notNull(key, "idempotency key");
        String why = LedgerContext.reason(reason, false);
        if (from.equals(to)) {
            throw new InvalidRequestException("transfer from member " + from + " to itself; sender and receiver must differ");
        }
        String fp = Fingerprints.fingerprint(PostingType.TRANSFER, from, to, amount, at, why, null, null);
        Request request = new Request(PostingType.TRANSFER, from, to, amount.minorUnits(), currency.code(), at, why,
                null, null);
        return new Prepared(key, fp, request, to, drafts -> {
            Draft sender = drafts.of(from);
            Draft receiver = drafts.of(to);
            Credits.requireStatus(sender, PostingType.TRANSFER, at);
            Credits.requireStatus(receiver, PostingType.TRANSFER, at);
            Draft.PurseDraft out = sender.purse(currency.code());
            Draft.PurseDraft in = receiver.purse(currency.code());
            long total = in.total();
            if (Checks.overflows(total, amount.minorUnits())) {
                Checks.add(total, amount.minorUnits(), "balance of member " + to + " in " + currency.code());
            }
            List<LotMovement> taken = credits.take(sender, out, currency, amount.minorUnits(), at, PostingType.TRANSFER);
            List<LotMovement> created = new ArrayList<>();
            List<Lot> newLots = new ArrayList<>();
            List<Instant> expiries = new ArrayList<>(taken.size());
            for (LotMovement m : taken) {
                expiries.add(out.lot(m.lot()).expiresAt());
            }
            out.moveAll(taken, at);
            for (int t = 0; t < taken.size(); t++) {
                LotMovement m = taken.get(t);
                Lot lot = new Lot(receiver.newLotId(), currency.code(), -m.delta(), -m.delta(), at, at,
                        expiries.get(t), key, at);
                in.add(lot);
                newLots.add(lot);
                created.add(new LotMovement(lot.id(), -m.delta(), 0));
            }
            sender.entry(key, PostingType.TRANSFER, EntryType.TRANSFER_OUT, currency.code(), -amount.minorUnits(), 0, 0,
                    at, why + " (to " + to + ")", taken);
            receiver.entry(key, PostingType.TRANSFER, EntryType.TRANSFER_IN, currency.code(), amount.minorUnits(), 0, 0,
                    at, why + " (from " + from + ")", created);
            for (Lot lot : newLots) {
                Credits.settleDebt(receiver, in, in.lot(lot.id()), key, PostingType.TRANSFER, at);
            }
            Credits.touch(out, currency, PostingType.TRANSFER, at);
            Credits.touch(in, currency, PostingType.TRANSFER, at);
            return request;
        });
    }
}
