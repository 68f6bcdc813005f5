package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.ledger.internal.OpenLots;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lot expiry: the sweep that writes off what has expired (by a lot's own date or by inactivity),
 * member by member with progress, and the "expiring soon" queries for one member or all.
 */
final class Expiries {

    private static final int PAGE = 512;

    private final LedgerContext ctx;

    Expiries(LedgerContext ctx) {
        this.ctx = ctx;
    }

    /** The sweep; see {@link Ledger#expire(Instant, ProgressListener)}. */
    ExpirySweep expire(Instant asOf, ProgressListener listener) {
        Checks.businessTime(asOf, "asOf");
        Checks.notNull(listener, "progress listener");
        long total = countMembers();
        long scanned = 0;
        long postings = 0;
        Map<String, Long> expired = new TreeMap<>();
        MemberId after = null;
        while (true) {
            List<MemberId> page = ctx.store.members(after, PAGE);
            for (MemberId member : page) {
                scanned++;
                for (PointCurrency currency : ctx.currencies.values()) {
                    long amount = expireMember(member, currency, asOf);
                    if (amount > 0) {
                        postings++;
                        expired.merge(currency.code(), amount, Long::sum);
                    }
                }
                total = Math.max(total, scanned);
                listener.progress(scanned, total);
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return new ExpirySweep(asOf, scanned, postings, expired);
    }

    private long countMembers() {
        long n = 0;
        MemberId after = null;
        while (true) {
            List<MemberId> page = ctx.store.members(after, PAGE);
            n += page.size();
            if (page.size() < PAGE) {
                return n;
            }
            after = page.get(page.size() - 1);
        }
    }

    /** Writes off a member's expired lots in one currency as one posting; the points written off. */
    private long expireMember(MemberId member, PointCurrency currency, Instant asOf) {
        return ctx.loop.run(member, () -> {
            MemberBook book = ctx.book(member);
            Purse stored = book.purses().get(currency.code());
            if (book.account().status() == AccountStatus.CLOSED || stored == null) {
                return 0L;
            }
            Instant heldSince = stored.expiryHeldSince();
            Instant lapse = Books.inactivityDeadline(currency, stored.lastActivity(), book.account().enrolledAt(),
                    ctx.zone);
            if (heldSince != null && (lapse == null || lapse.isAfter(heldSince))
                    && OpenLots.noExpiryBy(stored.lots(), heldSince)) {
                return 0L; // expiry is held and nothing had expired when the hold began: no lot is read
            }
            Draft d = new Draft(book, ctx.store, ctx.horizon());
            Draft.PurseDraft purse = d.purse(currency.code());
            Map<LotId, Long> held = Books.heldOpen(d.reservations(), currency.code(), asOf);
            IdempotencyKey key = new IdempotencyKey(IdempotencyKey.SYSTEM_PREFIX + "expiry/" + member + "/"
                    + currency.code() + "/" + book.version());
            long total = 0;
            for (Lot lot : List.copyOf(purse.lots())) {
                Instant expiry = Books.effectiveExpiry(lot, lapse, heldSince);
                long free = Books.free(lot, held);
                if (free > 0 && Books.expiredAt(expiry, asOf)) {
                    Instant at = expiry.isAfter(lot.lastMovementAt()) ? expiry : lot.lastMovementAt();
                    purse.move(lot.id(), -free, at);
                    d.entry(key, PostingType.EXPIRY, EntryType.EXPIRY, currency.code(), -free, 0, 0, at,
                            "expired " + (expiry.equals(lot.expiresAt()) ? "at the end of its term" : "after inactivity")
                                    + " (lot " + lot.id() + ")",
                            Movements.of(lot.id(), -free, 0));
                    total += free;
                }
            }
            if (total == 0) {
                return 0L;
            }
            Posting posting = new Posting(key, PostingType.EXPIRY, member, null, currency.code(), total, asOf,
                    "expiry sweep", null, "EXPIRY|" + member + "|" + currency.code() + "|" + asOf, d.entries());
            Commit commit = new Commit(List.of(d.toChange()), List.of(posting), posting.entries());
            if (ctx.applied(commit, () -> { // a lost reply: is this sweep's posting stored?
                Posting found = ctx.postingOrNull(key);
                return found != null && found.fingerprint().equals(posting.fingerprint());
            })) {
                if (!ctx.listeners.isEmpty()) {
                    ctx.publish(new LedgerEvent.Expired(posting));
                }
                return total;
            }
            return null; // another writer changed the member: read again
        }, LedgerContext::contended);
    }

    /** A member's points expiring soon; see {@link Ledger#expiring(MemberId, PointCurrency, Period)}. */
    List<ExpiringPoints> expiring(MemberId member, PointCurrency currency, Period within) {
        Checks.notNull(member, "member");
        Instant now = ctx.clock.instant();
        return expiring(ctx.book(member), ctx.configured(currency), now, horizon(now, within));
    }

    /** Every open account's points expiring soon; see {@link Ledger#expiring(PointCurrency, Period)}. */
    List<ExpiringPoints> expiring(PointCurrency currency, Period within) {
        PointCurrency c = ctx.configured(currency);
        Instant now = ctx.clock.instant();
        Instant horizon = horizon(now, within);
        List<ExpiringPoints> all = new ArrayList<>();
        MemberId after = null;
        while (true) {
            List<MemberId> page = ctx.store.members(after, PAGE);
            for (MemberId member : page) {
                ctx.store.book(member).ifPresent(b -> {
                    if (b.account().status() != AccountStatus.CLOSED) {
                        all.addAll(expiring(b, c, now, horizon));
                    }
                });
            }
            if (page.size() < PAGE) {
                return all;
            }
            after = page.get(page.size() - 1);
        }
    }

    private Instant horizon(Instant now, Period within) {
        Checks.notNull(within, "within");
        if (within.isNegative() || Inputs.tooLong(within)) {
            throw new InvalidRequestException("expiry horizon must not be negative nor longer than "
                    + Inputs.MAX_PERIOD_YEARS + " years; got " + within);
        }
        return now.atZone(ctx.zone).plus(within).toInstant();
    }

    private List<ExpiringPoints> expiring(MemberBook book, PointCurrency currency, Instant now, Instant horizon) {
        Purse purse = book.purses().get(currency.code());
        if (purse == null) {
            return List.of();
        }
        Map<LotId, Long> held = Books.heldOpen(book.reservations(), currency.code(), now);
        Instant lapse = Books.inactivityDeadline(currency, purse.lastActivity(), book.account().enrolledAt(), ctx.zone);
        List<ExpiringPoints> out = new ArrayList<>();
        for (Lot lot : purse.lots()) {
            Instant expiry = Books.effectiveExpiry(lot, lapse, purse.expiryHeldSince());
            long free = Books.free(lot, held);
            if (free > 0 && expiry != null && expiry.isAfter(now) && !expiry.isAfter(horizon)
                    && !lot.earnedAt().isAfter(now)) {
                out.add(new ExpiringPoints(book.account().member(), currency.code(), lot.id(), free, expiry));
            }
        }
        out.sort((a, b) -> a.expiresAt().compareTo(b.expiresAt()));
        return out;
    }
}
