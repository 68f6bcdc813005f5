package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.Prepared.Header;
import io.github.loyaltyrules.ledger.Prepared.Request;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The posting rules that put points into lots and take them out: earn and manual credit (a new
 * lot, settling debt first), redeem and manual debit (lots in the currency's consumption order), and the lot
 * and status checks that the other posting rules share.
 */
final class Credits {

    /**
     * How many lots a spend reads ahead, in turn, when the working set came without lots: most spends
     * take one or two lots; it reads every open lot only if the last of these falls short.
     */
    private static final int[] READ_AHEAD = {4, 64};

    private final LedgerContext ctx;

    Credits(LedgerContext ctx) {
        this.ctx = ctx;
    }

    /** Checks the parts of a one-member request for an amount, in the order every such operation checks them. */
    private PointCurrency checked(MemberId member, Points amount, Instant at, IdempotencyKey key) {
        PointCurrency currency = ctx.checkedAmount(amount);
        Checks.notNull(member, "member");
        Checks.businessTime(at, "at");
        Checks.notNull(key, "idempotency key");
        return currency;
    }

    /** An earn or a manual credit: a new lot, from which any debt in the currency is settled first. */
    Prepared credit(PostingType type, EntryType entryType, MemberId member, Points amount, Instant at,
            IdempotencyKey key, String reason) {
        PointCurrency currency = checked(member, amount, at, key);
        Request request = Request.simple(type, member, amount.minorUnits(), currency.code(), at, reason);
        return new Prepared(key, null, request, null, drafts -> {
            Draft d = drafts.of(member);
            requireStatus(d, type, at);
            Draft.PurseDraft purse = d.purse(currency.code());
            long total = purse.total();
            if (Checks.overflows(total, amount.minorUnits())) {
                Checks.add(total, amount.minorUnits(), "balance of member " + member + " in " + currency.code());
            }
            Lot lot = newLot(d, currency, amount.minorUnits(), at, at, currency.expiry().lotExpiry(at, ctx.zone).orElse(null),
                    key);
            purse.add(lot);
            d.entry(key, type, entryType, currency.code(), amount.minorUnits(), 0, 0, at, reason,
                    Movements.of(lot.id(), amount.minorUnits(), 0));
            settleDebt(d, purse, lot, key, type, at);
            touch(purse, currency, type, at);
            return request;
        });
    }

    private Lot newLot(Draft d, PointCurrency currency, long amount, Instant at, Instant earnedAt, Instant expiresAt,
            IdempotencyKey key) {
        Instant availableAt = currency.hold().isZero() ? earnedAt : earnedAt.atZone(ctx.zone).plus(currency.hold()).toInstant();
        return new Lot(d.newLotId(), currency.code(), amount, amount, earnedAt, availableAt, expiresAt, key, at);
    }

    /** Settles what it can of the purse's debt from a lot just created. */
    static void settleDebt(Draft d, Draft.PurseDraft purse, Lot lot, IdempotencyKey key, PostingType type,
            Instant at) {
        if (purse.debt == 0) {
            return;
        }
        long settle = Math.min(purse.debt, lot.remaining());
        purse.debt -= settle;
        purse.move(lot.id(), -settle, at);
        d.entry(key, type, EntryType.DEBT_SETTLEMENT, purse.currency, -settle, 0, -settle, at,
                "settles debt from an earlier reversal", Movements.of(lot.id(), -settle, 0));
    }

    /** Moves the purse's last activity to {@code at} if the currency counts this type as activity. */
    static void touch(Draft.PurseDraft purse, PointCurrency currency, PostingType type, Instant at) {
        if (currency.activity().contains(type) && (purse.lastActivity == null || at.isAfter(purse.lastActivity))) {
            purse.lastActivity = at;
        }
    }

    /** A redemption or a manual debit: takes lots in the currency's consumption order. */
    Prepared debit(PostingType type, EntryType entryType, MemberId member, Points amount, Instant at,
            IdempotencyKey key, String reason) {
        PointCurrency currency = checked(member, amount, at, key);
        Request request = Request.simple(type, member, amount.minorUnits(), currency.code(), at, reason);
        return new Prepared(key, null, request, null, drafts -> {
            Draft d = drafts.of(member);
            requireStatus(d, type, at);
            Draft.PurseDraft purse = d.purse(currency.code());
            List<LotMovement> taken = take(d, purse, currency, amount.minorUnits(), at, type);
            purse.moveAll(taken, at);
            d.entry(key, type, entryType, currency.code(), -amount.minorUnits(), 0, 0, at, reason, taken);
            touch(purse, currency, type, at);
            return request;
        });
    }

    /**
     * The lots a spend of {@code amount} takes, in the currency's consumption order; throws
     * {@link InsufficientPointsException} if fewer points are spendable at {@code at}.
     */
    List<LotMovement> take(Draft d, Draft.PurseDraft purse, PointCurrency currency, long amount, Instant at,
            PostingType type) {
        Map<LotId, Long> held = Books.heldOpen(d.reservations(), currency.code(), at);
        Instant lapse = Books.inactivityDeadline(currency, purse.lastActivity, d.account.enrolledAt(), ctx.zone);
        Instant heldSince = purse.expiryHeldSince;
        // under a hold, a lot whose own date passed after the hold began is still spendable: read from there
        Instant readAt = heldSince != null && heldSince.isBefore(at) ? heldSince : at;
        for (int limit : READ_AHEAD) { // the working set came without lots: read the first few to spend, not all
            Draft.ReadAhead ahead = purse.lotsToSpend(currency.consumptionOrder(), readAt, limit);
            if (ahead == null) {
                break;
            }
            List<LotMovement> taken =
                    Books.allocate(ahead.lots(), currency.consumptionOrder(), held, lapse, heldSince, at, amount);
            if (taken != null) {
                return taken;
            }
            if (ahead.complete()) {
                throw insufficient(d, currency, Books.spendable(ahead.lots(), held, lapse, heldSince, at), amount, at, type);
            }
        }
        List<LotMovement> taken =
                Books.allocate(purse.lots(), currency.consumptionOrder(), held, lapse, heldSince, at, amount);
        if (taken == null) {
            throw insufficient(d, currency, Books.spendable(purse.lots(), held, lapse, heldSince, at), amount, at, type);
        }
        return taken;
    }

    private static InsufficientPointsException insufficient(Draft d, PointCurrency currency, long spendable,
            long amount, Instant at, PostingType type) {
        return new InsufficientPointsException("member " + d.member() + " has " + Points.of(currency, spendable)
                + " available at " + at + "; " + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + " of " + Points.of(currency, amount) + " needs at most that much");
    }

    /** Refuses a posting of this type on a closed or (unless back-office) suspended account, or before enrolment. */
    static void requireStatus(Draft d, PostingType type, Instant at) {
        AccountStatus status = d.account.status();
        boolean backOffice = type == PostingType.ADJUST_CREDIT || type == PostingType.ADJUST_DEBIT
                || type == PostingType.REVERSAL || type == PostingType.RELEASE;
        if (status == AccountStatus.CLOSED || (status == AccountStatus.SUSPENDED && !backOffice)) {
            throw new AccountStatusException("account of member " + d.member() + " is " + status + "; "
                    + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " needs "
                    + (backOffice ? "an ACTIVE or SUSPENDED account" : "an ACTIVE account"));
        }
        if (at.isBefore(d.account.enrolledAt())) {
            throw new InvalidRequestException("business time " + at + " precedes the enrolment of member " + d.member()
                    + " at " + d.account.enrolledAt() + "; postings must not be dated before enrolment");
        }
    }
}
