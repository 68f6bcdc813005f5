package io.github.loyaltyrules.program.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import java.util.Optional;

/**
 * Where a {@link io.github.loyaltyrules.program.LoyaltyProgram} keeps its own state: member records,
 * the records of purchases, events, returns and reward redemptions by caller key, what returns took
 * from each purchase, and which kind of operation each caller key is bound to.
 *
 * <p>Implementations must be thread-safe, and when shared by several programs (several servers) every
 * change must be a compare-and-set or a keyed insert that exactly one writer wins:
 * {@link #claimKey} binds a key once, {@link #commit} applies all of its parts or none.
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
     * Applies a commit atomically.
     *
     * @param commit the change
     * @return {@link CommitResult#APPLIED}; {@link CommitResult#STALE} if a version did not match;
     *         {@link CommitResult#DUPLICATE_KEY} if the record to insert has a stored key. Nothing is changed
     *         unless applied
     * @throws NullPointerException if {@code commit} is null
     */
    CommitResult commit(ProgramCommit commit);
}
