package io.github.loyaltyrules.program.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.report.ProgramActivity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link io.github.loyaltyrules.program.LoyaltyProgram} keeps its own state: member records,
 * the records of purchases, events, returns and reward redemptions by caller key, what returns took
 * from each purchase, and which kind of operation each caller key is bound to.
 *
 * <p>Implementations must be thread-safe, and when shared by several programs (several servers) every
 * change must be a compare-and-set or a keyed insert that exactly one writer wins:
 * {@link #claimKey} binds a key once, {@link #commit} applies all of its parts or none.
 *
 * @since 0.1.0
 */
public interface ProgramStore {

    /**
     * Returns a member's record.
     *
     * @param member the member
     * @return the record; empty if none was stored
     * @throws NullPointerException if {@code member} is null
     */
    Optional<MemberRecord> member(MemberId member);

    /**
     * Returns the record stored under a caller key.
     *
     * @param key the key
     * @return the record, or empty
     * @throws NullPointerException if {@code key} is null
     */
    Optional<ReceiptRecord> receipt(IdempotencyKey key);

    /**
     * Returns what returns have taken from a purchase.
     *
     * @param purchase the purchase's key
     * @return the state; empty if nothing was returned
     * @throws NullPointerException if {@code purchase} is null
     */
    Optional<ReturnState> returns(IdempotencyKey purchase);

    /**
     * Binds a caller key to a kind of operation, unless it is bound already.
     *
     * @param key the key
     * @param use the kind of operation, e.g. "a return"
     * @return empty if this call bound it; else the kind it was bound to (maybe {@code use} itself)
     * @throws NullPointerException if an argument is null
     */
    Optional<String> claimKey(IdempotencyKey key, String use);

    /**
     * Unbinds a key from a kind of operation, if it is bound to that kind (a rejected operation gives
     * back the claim it made); does nothing otherwise.
     *
     * @param key the key
     * @param use the kind
     * @throws NullPointerException if an argument is null
     */
    void withdrawKey(IdempotencyKey key, String use);

    /**
     * Ties a redemption to the purchase it paid for, unless it is tied already, so that a return of part
     * of the purchase gives back points spent on it. The default throws, naming the store.
     *
     * @param redemption the redemption's key
     * @param purchase the purchase's key
     * @return empty if this call tied it; else the purchase it was tied to (maybe {@code purchase} itself)
     * @throws NullPointerException if an argument is null
     * @throws UnsupportedOperationException if the store cannot tie redemptions to purchases
     */
    default Optional<IdempotencyKey> tieRedemption(IdempotencyKey redemption, IdempotencyKey purchase) {
        throw new UnsupportedOperationException("program store " + getClass().getName()
                + " cannot tie a redemption to a purchase (refunds of spent points)");
    }

    /**
     * Unties a redemption from a purchase, if it is tied to that purchase (a refused redemption gives
     * back the tie it made); does nothing otherwise. The default throws, naming the store.
     *
     * @param redemption the redemption's key
     * @param purchase the purchase's key
     * @throws NullPointerException if an argument is null
     * @throws UnsupportedOperationException if the store cannot tie redemptions to purchases
     */
    default void untieRedemption(IdempotencyKey redemption, IdempotencyKey purchase) {
        throw new UnsupportedOperationException("program store " + getClass().getName()
                + " cannot tie a redemption to a purchase (refunds of spent points)");
    }

    /**
     * Returns the keys of the redemptions tied to a purchase. The default returns none: a store that
     * cannot tie redemptions holds no ties.
     *
     * @param purchase the purchase's key
     * @return the redemptions' keys, in key order; empty if none
     * @throws NullPointerException if {@code purchase} is null
     */
    default List<IdempotencyKey> redemptionsFor(IdempotencyKey purchase) {
        java.util.Objects.requireNonNull(purchase, "purchase must not be null");
        return List.of();
    }

    /**
     * Applies a commit atomically.
     *
     * @param commit the change
     * @return {@link CommitResult#APPLIED}; {@link CommitResult#STALE} if a version did not match;
     *         {@link CommitResult#DUPLICATE_KEY} if the record to insert has a stored key. Nothing is changed
     *         unless applied
     * @throws NullPointerException if {@code commit} is null
     */
    CommitResult commit(ProgramCommit commit);

    /**
     * Returns every record stored for a member (purchases, events, returns and reward redemptions),
     * oldest business time first (ties in key order), for an export of what the program holds about
     * them. The default throws, naming the store.
     *
     * @param member the member
     * @return the records; empty if none
     * @throws NullPointerException if {@code member} is null
     * @throws UnsupportedOperationException if the store cannot list a member's records
     */
    default List<ReceiptRecord> records(MemberId member) {
        throw new UnsupportedOperationException("program store " + getClass().getName()
                + " cannot list a member's records (export)");
    }

    /**
     * Returns a page of the records of every member dated in {@code [from, to)}, in business time
     * order (ties in key order), for a what-if replay in time order and for the program's reports:
     * at most {@code limit} records that come after {@code after} in that order. Walking the pages
     * (passing the last record of each page as {@code after}) visits every record of the period
     * once, holding one page at a time. The default throws, naming the store.
     *
     * @param from the start of the period, inclusive
     * @param to the end of the period, exclusive
     * @param after the last record of the previous page, or {@code null} for the first page
     * @param limit the most records to return; positive
     * @return the records, oldest first; fewer than {@code limit} only on the last page
     * @throws NullPointerException if {@code from} or {@code to} is null
     * @throws IllegalArgumentException if {@code limit} is not positive
     * @throws UnsupportedOperationException if the store cannot list its records by time
     * @since 0.1.0
     */
    default List<ReceiptRecord> recordsByTime(Instant from, Instant to, ReceiptRecord after, int limit) {
        throw new UnsupportedOperationException("program store " + getClass().getName()
                + " cannot list its records by time (replay in time order, program reports)");
    }

    /**
     * Returns what the records dated in {@code [from, to)} add up to, for the program's report of the
     * period ({@link io.github.loyaltyrules.program.LoyaltyProgram#activity}): the purchases, events,
     * returns and reward redemptions; the members with any record (active) and with a purchase
     * (participating), each counted once; the spend per money currency; the points awarded per point
     * currency by purchases and events; and per store (the purchase's store, a return counting at the
     * store of the purchase it returns, or at {@code ""} if that purchase is not stored) the purchases,
     * the members who made them, their spend and points, the returns and the points they took back.
     * The store does not know who is enrolled: {@link ProgramActivity#enrolledMembers()} is 0, and the
     * program puts in the ledger's count.
     *
     * <p>The default walks the period's records a page at a time ({@link #recordsByTime}) and reads
     * the purchase of each return ({@link #receipt}); memory holds a page and the distinct members and
     * stores of the period. A durable store should add them up in its query language instead, without
     * loading records.
     *
     * @param from the start of the period, inclusive
     * @param to the end of the period, exclusive; after {@code from}
     * @return the sums, with no members enrolled
     * @throws NullPointerException if an argument is null
     * @throws io.github.loyaltyrules.ledger.InvalidRequestException if {@code to} is not after {@code from}
     * @throws io.github.loyaltyrules.ledger.AmountOverflowException if the points of a currency add up to
     *         more than a {@code long}
     * @throws UnsupportedOperationException if the store cannot list its records by time
     */
    default ProgramActivity activity(Instant from, Instant to) {
        ActivityTally.period(from, to);
        ActivityTally tally = new ActivityTally(this::receipt);
        int page = 500;
        for (ReceiptRecord after = null; ; ) {
            List<ReceiptRecord> records = recordsByTime(from, to, after, page);
            for (ReceiptRecord r : records) {
                tally.add(r);
            }
            if (records.size() < page) {
                return tally.report(from, to);
            }
            after = records.get(records.size() - 1);
        }
    }

    /**
     * Tells the order of {@link #recordsByTime}: business time, then key.
     *
     * @return the comparator
     * @since 0.1.0
     */
    static java.util.Comparator<ReceiptRecord> timeOrder() {
        return java.util.Comparator.comparing(ReceiptRecord::at).thenComparing(r -> r.key().value());
    }

    /**
     * Moves everything stored for a member to a pseudonym without personal data, atomically, for the
     * erasure of the member: the member record becomes {@link MemberRecord#pseudonymised}, and each of
     * the member's records {@link ReceiptRecord#pseudonymised}; keys, return states and key uses stay
     * as they are. Nothing is found under {@code from} afterwards. Idempotent: when nothing is stored
     * under {@code from}, it changes nothing and returns false. The default throws, naming the store.
     *
     * @param from the member
     * @param to the pseudonym; the store must hold no member record under it
     * @return true if anything was moved
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if a member record is stored under {@code to} as well as under
     *     {@code from}; nothing is changed
     * @throws UnsupportedOperationException if the store cannot move a member
     */
    default boolean pseudonymise(MemberId from, MemberId to) {
        throw new UnsupportedOperationException("program store " + getClass().getName()
                + " cannot move a member to a pseudonym (erasure)");
    }

    /**
     * Drops the personal data of the records dated before an instant (the retention of personal
     * data in receipts): each such record that {@link ReceiptRecord#holdsPersonalData() holds some}
     * is replaced by {@link ReceiptRecord#withoutPersonalData()}. Records are otherwise never changed.
     * Running it again changes nothing more. The default throws, naming the store.
     *
     * @param before the instant; records whose business time is before it lose their personal data
     * @return how many records were changed
     * @throws NullPointerException if {@code before} is null
     * @throws UnsupportedOperationException if the store cannot change its records
     */
    default long dropPersonalData(Instant before) {
        throw new UnsupportedOperationException("program store " + getClass().getName()
                + " cannot drop personal data from its records (retention)");
    }
}
