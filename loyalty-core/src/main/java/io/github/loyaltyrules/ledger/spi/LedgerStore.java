package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.internal.InMemoryLedgerStore;
import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.LiabilityReport;
import io.github.loyaltyrules.report.internal.LedgerWalk;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the ledger keeps its books, postings and entries: the service-provider interface that a
 * durable store (such as the JDBC one) implements.
 *
 * <p>The ledger does all the computing; a store only has to read, and to apply a {@link Commit}
 * atomically and only if every book in it is still at the version the ledger read (optimistic
 * concurrency) and the posting's key is new. Implementations must be thread-safe.
 *
 * <p>A member's {@link MemberBook} is the working set a posting reads and replaces: open lots,
 * open reservations and counters. Everything else (spent lots, closed reservations, reversal
 * records, postings and entries) is history that a store keeps beside it and reads by key or a
 * page at a time, so that a posting costs the same after ten years of history as on day one.
 *
 * @since 0.1.0
 */
public interface LedgerStore {

    /**
     * Returns a new, empty, thread-safe store that keeps everything in memory.
     *
     * @return the store
     */
    static LedgerStore inMemory() {
        return new InMemoryLedgerStore();
    }

    /**
     * Returns the member's current book.
     *
     * @param member the member
     * @return the book, or empty if the member is not enrolled
     */
    Optional<MemberBook> book(MemberId member);

    /**
     * Returns a member's working set for a posting: like {@link #book(MemberId)}, but a store may
     * leave out the lots of any purse ({@link Purse#withoutLots}), so that a posting that adds a
     * lot (an earn) reads none; the ledger reads them with {@link #openLots} when the posting
     * needs them (a redemption, a reversal), checked by the same version. The default reads the
     * whole book.
     *
     * @param member the member
     * @return the book, or empty if the member is not enrolled
     */
    default Optional<MemberBook> workingSet(MemberId member) {
        return book(member);
    }

    /**
     * Returns what a posting reads first: the posting its key made already, if any, else its
     * member's working set ({@link #workingSet(MemberId)}). A store that can answer both in one
     * round trip should (the JDBC store does); the default asks {@link #posting(IdempotencyKey)},
     * then {@link #workingSet(MemberId)}.
     *
     * @param member the member the posting is for
     * @param key the posting's idempotency key
     * @return the posting the key made, or the member's working set
     */
    default KeyedWorkingSet workingSet(MemberId member, IdempotencyKey key) {
        Posting first = postingOrNull(key);
        return KeyedWorkingSet.of(first, first == null ? workingSetOrNull(member) : null);
    }

    /**
     * Returns a member's lots in a currency that have points remaining, in creation order, as the
     * book of the store's current version holds them. The default reads them from the book.
     *
     * @param member the member
     * @param currency the currency code
     * @return the lots; empty for an unknown member or currency
     */
    default List<Lot> openLots(MemberId member, String currency) {
        Purse purse = book(member).map(b -> b.purses().get(currency)).orElse(null);
        if (purse == null) {
            return List.of();
        }
        List<Lot> open = new ArrayList<>();
        for (Lot lot : purse.lots()) {
            if (lot.remaining() > 0) {
                open.add(lot);
            }
        }
        return open;
    }

    /**
     * Returns the first {@code limit} of a member's lots in a currency that have points remaining and
     * have not expired by their own date at {@code at} (no expiry, or one after {@code at}), in the
     * order a spend takes them: soonest expiry first (lots that never expire last), then earliest
     * earned, then lowest lot number. A spend (a redemption, a debit, a reservation, a transfer) reads
     * these first, so that taking k lots reads about k of them however many are open; it reads every
     * open lot ({@link #openLots}) only if these do not cover it. A store should answer from an index
     * in that order; the default sorts {@link #openLots}.
     *
     * @param member the member
     * @param currency the currency code
     * @param at the business time of the spend
     * @param limit the most lots to return; positive
     * @return up to {@code limit} lots, in that order; fewer only if there are no more
     */
    default List<Lot> lotsToSpend(MemberId member, String currency, Instant at, int limit) {
        List<Lot> open = new ArrayList<>();
        for (Lot lot : openLots(member, currency)) {
            if (lot.remaining() > 0 && (lot.expiresAt() == null || lot.expiresAt().isAfter(at))) {
                open.add(lot);
            }
        }
        open.sort(io.github.loyaltyrules.ledger.internal.OpenLots::compareForRedemption);
        return open.size() <= limit ? open : new ArrayList<>(open.subList(0, limit));
    }

    /**
     * Returns the first {@code limit} of a member's lots in a currency that have points remaining and
     * have not expired by their own date at {@code at}, in the given consumption order (ties broken by
     * earliest earned, then lowest lot number), as {@link #lotsToSpend(MemberId, String, Instant, int)}
     * does for {@link ConsumptionOrder#SOONEST_EXPIRY_FIRST}. A store should answer from an index in
     * that order; the default calls that method for soonest-expiry-first and sorts {@link #openLots}
     * for any other order.
     *
     * @param member the member
     * @param currency the currency code
     * @param order the currency's consumption order
     * @param at the business time of the spend
     * @param limit the most lots to return; positive
     * @return up to {@code limit} lots, in that order; fewer only if there are no more
     */
    default List<Lot> lotsToSpend(MemberId member, String currency, ConsumptionOrder order, Instant at, int limit) {
        if (order == ConsumptionOrder.SOONEST_EXPIRY_FIRST) {
            return lotsToSpend(member, currency, at, limit);
        }
        List<Lot> open = new ArrayList<>();
        for (Lot lot : openLots(member, currency)) {
            if (lot.remaining() > 0 && (lot.expiresAt() == null || lot.expiresAt().isAfter(at))) {
                open.add(lot);
            }
        }
        open.sort(order.comparator());
        return open.size() <= limit ? open : new ArrayList<>(open.subList(0, limit));
    }

    /**
     * Returns the posting made with a key, for the idempotency check: a store must find every
     * posting whose business time is at or after the last horizon given to {@link #forget}.
     *
     * @param key the key
     * @return the posting, or empty
     */
    Optional<Posting> posting(IdempotencyKey key);

    /**
     * Returns a posting of a member by its key, for a reversal: like {@link #posting(IdempotencyKey)}
     * but only the member's own (made for the member, or sent by them), and a store that keeps
     * history past the idempotency window finds older postings here too.
     *
     * @param member the member the posting was made for
     * @param key the key
     * @return the posting, or empty
     */
    default Optional<Posting> posting(MemberId member, IdempotencyKey key) {
        return posting(key).filter(p -> p.member().equals(member));
    }

    /**
     * Returns one of a member's lots, open or spent, as far as the store still keeps it.
     *
     * @param member the member
     * @param lot the lot's number
     * @return the lot, or empty
     */
    Optional<Lot> lot(MemberId member, LotId lot);

    /**
     * Returns several of a member's lots by number, open or spent, as the store's current version
     * holds them: what a reversal reads to give points back to the lots its posting took, so that it
     * reads k lots, not every open one. Lots the store does not keep are left out. The default asks
     * {@link #lot} for each; a store over a network should answer in one round trip.
     *
     * @param member the member
     * @param lots the lot numbers; each once
     * @return the lots found, in any order
     * @since 0.1.0
     */
    default List<Lot> lotsByNumber(MemberId member, List<LotId> lots) {
        List<Lot> found = new ArrayList<>(lots.size());
        for (LotId id : lots) {
            lot(member, id).ifPresent(found::add);
        }
        return found;
    }

    /**
     * Returns every lot of a member in a currency that the store keeps, spent ones included, in
     * creation order.
     *
     * @param member the member
     * @param currency the currency code
     * @return the lots; empty for an unknown member
     */
    List<Lot> lots(MemberId member, String currency);

    /**
     * Returns one of a member's reservations, open or closed, as far as the store still keeps it.
     *
     * @param member the member
     * @param key the key of the reserve posting
     * @return the reservation, or empty
     */
    Optional<Reservation> reservation(MemberId member, IdempotencyKey key);

    /**
     * Returns every reservation of a member that the store keeps, open and closed, in no
     * particular order.
     *
     * @param member the member
     * @return the reservations; empty for an unknown member
     */
    List<Reservation> reservations(MemberId member);

    /**
     * Returns how much of one of a member's postings has been reversed.
     *
     * @param member the member the reversals were made for
     * @param posting the key of the reversed posting
     * @return the record, or empty if nothing of it was reversed (or the store no longer keeps it)
     */
    Optional<Reversed> reversed(MemberId member, IdempotencyKey posting);

    /**
     * Returns all of a member's entries that the store keeps, in sequence order.
     *
     * @param member the member
     * @return the entries; empty for an unknown member
     */
    List<Entry> entries(MemberId member);

    /**
     * Returns the expiry holds of a member's purse that have ended, oldest first: every
     * {@link MemberChange#liftedHolds()} of the commits the store applied for the member, in that
     * currency. A balance as of a past time reads them to know which lots a hold protected then
     * and when the inactivity clock started again.
     *
     * @param member the member
     * @param currency the currency code
     * @return the holds, by start time; empty for an unknown member or a purse never held
     */
    List<LiftedHold> liftedHolds(MemberId member, String currency);

    /**
     * Returns a page of a member's entries, newest first: at most {@code limit} entries whose
     * sequence number is below {@code beforeSequence}. Pass the lowest sequence number of a page
     * to get the next; a page shorter than {@code limit} is the last.
     *
     * <p>The default reads {@link #entries(MemberId)}; a store with much history should answer
     * from an index instead.
     *
     * @param member the member
     * @param beforeSequence the sequence number to start below; {@link Long#MAX_VALUE} for the newest
     * @param limit the page size; positive
     * @return the entries, highest sequence number first
     */
    default List<Entry> entries(MemberId member, long beforeSequence, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("page size must be positive; got " + limit);
        }
        List<Entry> all = entries(member);
        List<Entry> page = new ArrayList<>(Math.min(limit, all.size()));
        for (int i = all.size() - 1; i >= 0 && page.size() < limit; i--) {
            if (all.get(i).sequence() < beforeSequence) {
                page.add(all.get(i));
            }
        }
        return page;
    }

    /**
     * Returns the postings stored after a position of the store's change feed, oldest position
     * first: at most {@code limit} postings whose position is above {@code after}. Every posting the
     * store commits gets a position, once, that is higher than that of every posting a reader could
     * have been given before it, so that a reader who saves the position of the last posting it
     * handled and asks again from there (in this process or another, against this store or another
     * instance over the same data) is given every committed posting exactly once, none that rolled
     * back, and never one twice. A posting shows its member as stored now: the pseudonym of an erased
     * member. The {@link io.github.loyaltyrules.feed.ChangeFeed} reads it; it has checked the arguments.
     *
     * <p>A store that forgets history (the in-memory store, see {@link #forget}) may forget the
     * feed's oldest postings with it; asked for a position before what it still keeps, it throws
     * {@link io.github.loyaltyrules.ledger.OutsideWindowException}. The default throws, naming the
     * store: a store that does not implement it has no feed.
     *
     * @param after the position of the last posting read, 0 for the beginning
     * @param limit the most postings to return; positive
     * @return the postings with their positions, in increasing position order; fewer than
     *     {@code limit} only if no more are committed now
     * @throws io.github.loyaltyrules.ledger.OutsideWindowException if the store no longer keeps the
     *     postings that follow {@code after}
     * @throws UnsupportedOperationException if the store has no change feed
     */
    default List<Sequenced<Posting>> postingsAfter(long after, int limit) {
        throw new UnsupportedOperationException("ledger store " + getClass().getName() + " has no change feed");
    }

    /**
     * Returns enrolled members in id order, for batch jobs: at most {@code limit} ids greater than {@code after}.
     *
     * @param after the last id of the previous page, or {@code null} for the first page
     * @param limit the page size; positive
     * @return the next page of ids
     */
    List<MemberId> members(MemberId after, int limit);

    /**
     * Returns what happened in a currency over the period {@code [from, to)}, by the business times
     * of the entries: the sums per entry type, every member's balance and debt summed at {@code from}
     * and at {@code to} (the balance now less what is dated at or after the bound), and the members
     * enrolled before {@code to}, active in the period (an entry other than an expiry's) and holding
     * points at {@code to}. The ledger has checked the arguments.
     *
     * <p>The default walks every member's book and entries (a page at a time), so its cost grows with
     * the whole history, and it is exact only if the store keeps every entry dated at or after
     * {@code from}: a store that forgets history must refuse an older period with
     * {@link io.github.loyaltyrules.ledger.OutsideWindowException}. A durable store should compute it
     * in its query language, without loading members.
     *
     * @param currency the currency, configured in the ledger
     * @param from the start of the period, inclusive
     * @param to the end of the period, exclusive; after {@code from}
     * @return the report
     */
    default ActivityReport activity(PointCurrency currency, Instant from, Instant to) {
        return LedgerWalk.activity(this, currency, from, to);
    }

    /**
     * Returns the outstanding points of a currency as the books stand now: what the open lots hold,
     * classified at {@code asOf} (pending, overdue for the sweep, never expiring, held: the lots of a
     * purse whose expiry is held that are dated after the hold began) and the rest by the month of
     * each lot's expiry date in {@code zone}, with the members holding points and the debt (see
     * {@link LiabilityReport}). The ledger has checked the arguments.
     *
     * <p>The default walks every member's book and open lots. A durable store should compute it in
     * its query language, without loading members.
     *
     * @param currency the currency, configured in the ledger
     * @param asOf the instant to classify the lots at
     * @param zone the zone to count expiry months in
     * @return the report
     */
    default LiabilityReport liability(PointCurrency currency, Instant asOf, ZoneId zone) {
        return LedgerWalk.liability(this, currency, asOf, zone);
    }

    /**
     * Applies a commit atomically, if every book in it replaces the version it was computed from
     * and its posting's key is new.
     *
     * @param commit the change
     * @return what was done
     */
    CommitResult apply(Commit commit);

    /**
     * Applies the commit of one member and at most one posting, the usual case: as
     * {@link #apply(Commit)} with a commit of these parts, which this default makes. A store that
     * can write it without the commit's lists (in memory) overrides it.
     *
     * @param change the member's new book and the rows it touched
     * @param posting the posting, or {@code null} for none
     * @param entries the entries to append
     * @return what was done
     */
    default CommitResult apply(MemberChange change, Posting posting, List<Entry> entries) {
        return apply(new Commit(List.of(change), posting == null ? List.of() : List.of(posting), entries));
    }

    /**
     * Returns the posting made with a key, as {@link #posting(IdempotencyKey)} without the
     * {@code Optional}, for the ledger's hot path; a store whose reads cost next to nothing
     * overrides it.
     *
     * @param key the key
     * @return the posting, or {@code null} if the key made none
     */
    default Posting postingOrNull(IdempotencyKey key) {
        return posting(key).orElse(null);
    }

    /**
     * Returns the member's book, as {@link #book(MemberId)} without the {@code Optional}.
     *
     * @param member the member
     * @return the book, or {@code null} if the member is not enrolled
     */
    default MemberBook bookOrNull(MemberId member) {
        return book(member).orElse(null);
    }

    /**
     * Returns the member's working set, as {@link #workingSet(MemberId)} without the {@code Optional}.
     *
     * @param member the member
     * @return the working set, or {@code null} if the member is not enrolled
     */
    default MemberBook workingSetOrNull(MemberId member) {
        return workingSet(member).orElse(null);
    }

    /**
     * Moves everything the store keeps under a member to a pseudonym and removes the member's free
     * text, atomically, for the erasure of a member ({@link io.github.loyaltyrules.ledger.Ledger#pseudonymise}):
     * the account, book, purses, lots, reservations, reversal records, postings, idempotency keys and
     * entries of {@code from} then belong to {@code to}, with every amount, date, sequence number, lot
     * number and key as it was, so that every balance, report and sum is unchanged. What changes:
     * <ul>
     * <li>the member id, wherever it is stored: the rows of the member's own, and the counterparty of
     * another member's transfer with them;</li>
     * <li>the keys the ledger made for the member's own postings (expiry sweeps, whose keys name the
     * member: {@code ~expiry/<from>/...} becomes {@code ~expiry/<to>/...}), wherever they are stored;
     * caller keys are kept as they are;</li>
     * <li>the free text of the member's rows, which may hold personal data the store cannot tell
     * apart: the reasons of the member's postings and entries and of the account's last status change
     * become {@code "erased"}, and so does the request text (fingerprint) kept with each of the
     * member's postings, so a request retried with one of their keys is refused as a conflict.</li>
     * </ul>
     * Other members' rows are left as they were, but for the counterparty of a transfer. After it,
     * nothing the store keeps can be found under {@code from}.
     *
     * <p>Idempotent: when the store holds nothing under {@code from} it changes nothing and returns
     * false. The default throws, naming the store: a store that does not implement it cannot erase.
     *
     * @param from the member to move; the ledger has checked that {@code to} differs
     * @param to the pseudonym; the store must hold no account under it
     * @return true if the member's rows were moved, false if the store holds none
     * @throws IllegalStateException if the store holds an account under {@code to} as well as under
     *     {@code from}; nothing is changed
     * @throws UnsupportedOperationException if the store cannot move a member
     */
    default boolean pseudonymise(MemberId from, MemberId to) {
        throw new UnsupportedOperationException("ledger store " + getClass().getName()
                + " cannot move a member to a pseudonym (erasure)");
    }

    /**
     * Tells the store that the ledger now refuses every posting dated before {@code horizon}, so
     * that the store may stop remembering the keys of postings dated before it (a retry of one is
     * refused before its key is looked up). A store that keeps everything ignores it; the
     * in-memory store also drops the history it no longer needs (spent lots, closed reservations,
     * entries and reversal records older than the horizon), so that its memory is bounded by the
     * open lots and what happened within the window. The ledger calls it as time passes; the
     * horizon it gives never moves back.
     *
     * @param horizon the earliest business time the ledger still accepts
     */
    default void forget(Instant horizon) {
    }
}
