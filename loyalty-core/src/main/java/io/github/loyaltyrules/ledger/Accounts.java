package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Account life cycle: enrolment, the status changes (suspend, reactivate, close) with their
 * allowed transitions, each stored as a new version of the member's book, and the move of a member
 * to a pseudonym.
 */
final class Accounts {

    private final LedgerContext ctx;

    Accounts(LedgerContext ctx) {
        this.ctx = ctx;
    }

    /** Enrols a member; see {@link Ledger#enrol(MemberId, Instant)}. */
    Account enrol(MemberId member, Instant at) {
        Checks.notNull(member, "member");
        Checks.businessTime(at, "at");
        if (ctx.store.book(member).isPresent()) {
            throw alreadyEnrolled(member);
        }
        Account account = new Account(member, AccountStatus.ACTIVE, at, at, "enrolled");
        MemberBook book = new MemberBook(account, 1, 1, 1, Map.of(), Map.of());
        if (ctx.store.apply(Commit.ofBooks(List.of(book), null, List.of())) != CommitResult.APPLIED) {
            throw alreadyEnrolled(member);
        }
        if (!ctx.listeners.isEmpty()) {
            ctx.publish(new LedgerEvent.AccountChanged(account, null));
        }
        return account;
    }

    private static MemberAlreadyEnrolledException alreadyEnrolled(MemberId member) {
        return new MemberAlreadyEnrolledException("member " + member + " is already enrolled; enrol each member id once");
    }

    /** Moves an account in one of the statuses {@code from} to {@code to}, retrying while others change it. */
    Account changeStatus(MemberId member, Instant at, String reason, AccountStatus to, AccountStatus... from) {
        Checks.notNull(member, "member");
        Checks.businessTime(at, "at");
        LedgerContext.reason(reason, true);
        return ctx.loop.run(member, () -> {
            MemberBook book = ctx.book(member);
            Account before = book.account();
            boolean allowed = false;
            for (AccountStatus f : from) {
                allowed |= before.status() == f;
            }
            if (!allowed) {
                throw new AccountStatusException("cannot make the account of member " + member + " " + to + ": it is "
                        + before.status() + ", and only " + List.of(from) + " accounts can be");
            }
            if (at.isBefore(before.statusSince())) {
                throw new InvalidRequestException("status change at " + at + " precedes the last status change of member "
                        + member + " at " + before.statusSince());
            }
            Account after = new Account(member, to, before.enrolledAt(), at, reason);
            MemberBook next = new MemberBook(after, book.version() + 1, book.nextLot(), book.nextEntry(),
                    book.purses(), book.reservations());
            if (ctx.applied(Commit.ofBooks(List.of(next), null, List.of()), () -> {
                MemberBook stored = ctx.store.book(member).orElse(null); // a lost reply: is the status changed?
                return stored != null && stored.version() == next.version() && stored.account().equals(after);
            })) {
                if (!ctx.listeners.isEmpty()) {
                    ctx.publish(new LedgerEvent.AccountChanged(after, before.status()));
                }
                return after;
            }
            return null; // another writer changed the member: read again
        }, LedgerContext::contended);
    }

    /** Moves a member to a pseudonym; see {@link Ledger#pseudonymise(MemberId, MemberId)}. */
    boolean pseudonymise(MemberId member, MemberId pseudonym) {
        Checks.notNull(member, "member");
        Checks.notNull(pseudonym, "pseudonym");
        if (member.equals(pseudonym)) {
            throw new InvalidRequestException("pseudonym of member " + member + " must be another id; got the same");
        }
        boolean taken = ctx.store.book(pseudonym).isPresent();
        if (ctx.store.book(member).isEmpty()) {
            if (!taken) {
                throw new UnknownMemberException("member " + member + " is not enrolled, and nothing was moved to"
                        + " pseudonym " + pseudonym + "; only an enrolled member can be moved");
            }
            return false;
        }
        if (taken) {
            throw new InvalidRequestException("pseudonym " + pseudonym + " is enrolled already; a member is moved"
                    + " only to an unused id");
        }
        return ctx.store.pseudonymise(member, pseudonym);
    }
}
