package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.Prepared.Header;
import io.github.loyaltyrules.ledger.Prepared.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The posting rules of reservations: reserve holds the lots a redemption would take, capture
 * spends exactly those lots, release frees them.
 */
final class Reservations {

    private static final Duration MAX_TTL = Duration.ofDays(366);

    private final LedgerContext ctx;
    private final Credits credits;

    Reservations(LedgerContext ctx, Credits credits) {
        this.ctx = ctx;
        this.credits = credits;
    }

    /** A reservation: holds the lots a redemption would take, until captured, released or lapsed. */
    Prepared reserve(MemberId member, Points amount, Duration ttl, Instant at, IdempotencyKey key,
            String reason) {
        PointCurrency currency = ctx.checkedAmount(amount);
        Checks.notNull(member, "member");
        Checks.notNull(ttl, "ttl");
        Checks.businessTime(at, "at");
        Checks.notNull(key, "idempotency key");
        String why = LedgerContext.reason(reason, false);
        if (ttl.isZero() || ttl.isNegative() || ttl.compareTo(MAX_TTL) > 0) {
            throw new InvalidRequestException("reservation time-to-live must be positive and at most " + MAX_TTL
                    + "; got " + ttl);
        }
        String fp = Fingerprints.fingerprint(PostingType.RESERVE, member, null, amount, at, why, null, ttl.toString());
        Request request = new Request(PostingType.RESERVE, member, null, amount.minorUnits(), currency.code(), at, why,
                null, ttl);
        return new Prepared(key, fp, request, null, drafts -> {
            Draft d = drafts.of(member);
            Credits.requireStatus(d, PostingType.RESERVE, at);
            Draft.PurseDraft purse = d.purse(currency.code());
            List<LotMovement> taken = credits.take(d, purse, currency, amount.minorUnits(), at, PostingType.RESERVE);
            List<LotMovement> holds = new ArrayList<>(taken.size());
            for (LotMovement m : taken) {
                holds.add(new LotMovement(m.lot(), 0, -m.delta()));
            }
            d.putReservation(key, new Reservation(key, member, currency.code(), amount.minorUnits(), at, at.plus(ttl),
                    ReservationStatus.OPEN, null, holds));
            d.entry(key, PostingType.RESERVE, EntryType.RESERVE, currency.code(), 0, amount.minorUnits(), 0, at, why,
                    holds);
            return request;
        });
    }

    /** A capture (spends the held lots) or a release (frees them) of an open reservation. */
    Prepared close(PostingType type, MemberId member, IdempotencyKey reservationKey, Instant at,
            IdempotencyKey key) {
        Checks.notNull(member, "member");
        Checks.notNull(reservationKey, "reservation key");
        Checks.businessTime(at, "at");
        Checks.notNull(key, "idempotency key");
        String fp = Fingerprints.fingerprint(type, member, null, null, at, "", reservationKey, null);
        Request request = new Request(type, member, null, 0, null, at, null, reservationKey, null);
        return new Prepared(key, fp, request, null, drafts -> {
            Draft d = drafts.of(member);
            Credits.requireStatus(d, type, at);
            Reservation r = d.reservation(reservationKey);
            if (r == null) {
                throw new UnknownPostingException("member " + member + " has no reservation with key '" + reservationKey
                        + "'; " + type.name().toLowerCase(java.util.Locale.ROOT) + " needs the key of a reserve posting");
            }
            if (at.isBefore(r.createdAt())) {
                throw new InvalidRequestException(type + " at " + at + " precedes reservation '" + reservationKey
                        + "' made at " + r.createdAt());
            }
            ReservationStatus status = r.statusAt(at);
            Draft.PurseDraft purse = d.purse(r.currency());
            boolean intact = true;
            for (LotMovement m : r.allocations()) {
                intact &= purse.lot(m.lot()).remaining() >= m.heldDelta();
            }
            if (status != ReservationStatus.OPEN || !intact) {
                throw new ReservationNotOpenException("reservation '" + reservationKey + "' of member " + member + " is "
                        + (status == ReservationStatus.OPEN ? ReservationStatus.LAPSED : status) + " at " + at
                        + " (deadline " + r.deadline() + "); only an open reservation can be captured or released");
            }
            List<LotMovement> moves = new ArrayList<>();
            boolean capture = type == PostingType.CAPTURE;
            for (LotMovement m : r.allocations()) {
                long held = m.heldDelta();
                moves.add(new LotMovement(m.lot(), capture ? -held : 0, -held));
            }
            if (capture) {
                purse.moveAll(moves, at);
            }
            d.putReservation(reservationKey,
                    r.close(capture ? ReservationStatus.CAPTURED : ReservationStatus.RELEASED, at));
            String why = (capture ? "captures" : "releases") + " reservation " + reservationKey;
            d.entry(key, type, capture ? EntryType.CAPTURE : EntryType.RELEASE, r.currency(),
                    capture ? -r.amount() : 0, -r.amount(), 0, at, why, moves);
            if (capture) {
                Credits.touch(purse, ctx.currency(r.currency()), type, at);
            }
            return Header.of(type, member, null, r.currency(), r.amount(), at, why, reservationKey);
        });
    }
}
