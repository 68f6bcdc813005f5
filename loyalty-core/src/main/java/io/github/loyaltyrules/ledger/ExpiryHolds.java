package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.LiftedHold;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Expiry holds: a purse whose expiry is suspended (while its member holds a protecting tier, say)
 * and the lift that gives its open lots a new expiry; the lift hands the ended hold to the store as
 * history ({@link LiftedHold}), so that a balance as of a time within it knows it. Both are changes of state, not postings: a
 * hold of a held purse and a lift of a purse that is not held change nothing, so a retry, or a
 * replay of the same tier history, applies each once.
 */
final class ExpiryHolds {

    private final LedgerContext ctx;

    ExpiryHolds(LedgerContext ctx) {
        this.ctx = ctx;
    }

    /** See {@link Ledger#holdExpiry(MemberId, PointCurrency, Instant)}. */
    boolean hold(MemberId member, PointCurrency currency, Instant since) {
        Checks.notNull(member, "member");
        PointCurrency c = ctx.configured(currency);
        Checks.businessTime(since, "hold start");
        return ctx.loop.run(member, () -> {
            MemberBook book = ctx.workingSet(member);
            if (since.isBefore(book.account().enrolledAt())) {
                throw new InvalidRequestException("expiry hold of member " + member + " in " + c.code() + " from "
                        + since + " precedes the enrolment at " + book.account().enrolledAt()
                        + "; a hold starts at or after enrolment");
            }
            Purse stored = book.purses().get(c.code());
            if (book.account().status() == AccountStatus.CLOSED
                    || stored != null && stored.expiryHeldSince() != null) {
                return Boolean.FALSE; // held already (a retry, or a hold that goes on), or nothing to hold
            }
            Draft d = new Draft(book, ctx.store, ctx.horizon());
            d.purse(c.code()).expiryHeldSince = since;
            return commit(member, d, c.code(), since) ? Boolean.TRUE : null;
        }, LedgerContext::contended);
    }

    /**
     * See {@link Ledger#liftExpiryHold(MemberId, PointCurrency, Instant, ExpiryPolicy)} ({@code began}
     * null) and {@link Ledger#liftExpiryHold(MemberId, PointCurrency, Instant, Instant, ExpiryPolicy)}.
     */
    boolean lift(MemberId member, PointCurrency currency, Instant began, Instant endedAt, ExpiryPolicy after) {
        Checks.notNull(member, "member");
        PointCurrency c = ctx.configured(currency);
        if (began != null) {
            Checks.businessTime(began, "hold start");
        }
        Checks.businessTime(endedAt, "hold end");
        Checks.notNull(after, "expiry after the hold");
        if (after.inactivity().isPresent()) {
            throw new InvalidRequestException("expiry after a hold must date lots, not count inactivity; got '"
                    + after + "'");
        }
        if (began != null && endedAt.isBefore(began)) {
            throw new InvalidRequestException("expiry hold of member " + member + " in " + c.code()
                    + " cannot end at " + endedAt + ", before it began at " + began);
        }
        return ctx.loop.run(member, () -> {
            MemberBook book = ctx.workingSet(member);
            Purse stored = book.purses().get(c.code());
            boolean held = stored != null && stored.expiryHeldSince() != null;
            if (!held && (began == null || stored == null || book.account().status() == AccountStatus.CLOSED)) {
                return Boolean.FALSE; // not held: lifted already (a retry), or never held
            }
            Instant since = held ? stored.expiryHeldSince() : began;
            if (endedAt.isBefore(since)) {
                throw new InvalidRequestException("expiry hold of member " + member + " in " + c.code()
                        + " cannot end at " + endedAt + ", before it began at " + since);
            }
            Draft d = new Draft(book, ctx.store, ctx.horizon());
            Draft.PurseDraft purse = d.purse(c.code());
            Instant lapse = Books.inactivityDeadline(c, purse.lastActivity, book.account().enrolledAt(), ctx.zone);
            boolean restart = lapse != null && lapse.isAfter(since)
                    && (purse.lastActivity == null || purse.lastActivity.isBefore(endedAt));
            if (restart) {
                // the inactivity clock starts again when the hold ends (unless everything had lapsed before it)
                purse.lastActivity = endedAt;
            }
            int redated = purse.redate(after.lotExpiry(endedAt, ctx.zone).orElse(null), since, endedAt);
            if (!held && redated == 0 && !restart) {
                return Boolean.FALSE; // a hold already made up for, or with nothing left to date
            }
            purse.expiryHeldSince = null;
            d.liftedHold = new LiftedHold(c.code(), since, endedAt, restart);
            return commit(member, d, c.code(), null) ? Boolean.TRUE : null;
        }, LedgerContext::contended);
    }

    /** See {@link Ledger#expiryHeldSince(MemberId, PointCurrency)}. */
    java.util.Optional<Instant> heldSince(MemberId member, PointCurrency currency) {
        Checks.notNull(member, "member");
        PointCurrency c = ctx.configured(currency);
        Purse purse = ctx.workingSet(member).purses().get(c.code());
        return java.util.Optional.ofNullable(purse == null ? null : purse.expiryHeldSince());
    }

    /** Commits a hold's or lift's book; a lost reply counts as applied if the purse is as this change left it. */
    private boolean commit(MemberId member, Draft d, String currency, Instant heldSince) {
        long version = d.base.version() + 1;
        return ctx.applied(new Commit(List.of(d.toChange()), List.of(), List.of()), () -> {
            MemberBook stored = ctx.store.book(member).orElse(null);
            Purse p = stored == null ? null : stored.purses().get(currency);
            return stored != null && stored.version() == version && p != null
                    && Objects.equals(p.expiryHeldSince(), heldSince);
        });
    }
}
