package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.Posting;
import java.util.Objects;
import java.util.Optional;

/**
 * What a posting reads before it works anything out, in one call to the store
 * ({@link LedgerStore#workingSet(io.github.loyaltyrules.ledger.MemberId, io.github.loyaltyrules.ledger.IdempotencyKey)}):
 * the posting its idempotency key made already, if any (then the request is a retry or a
 * conflict, and nothing else is needed), or else its member's working set (empty if the member is
 * not enrolled).
 *
 * @since 0.1.0
 */
public final class KeyedWorkingSet {

    private final Posting first;
    private final MemberBook book;
    private final boolean cached;

    private KeyedWorkingSet(Posting first, MemberBook book, boolean cached) {
        this.first = first;
        this.book = book;
        this.cached = cached;
    }

    /**
     * The key made a posting already.
     *
     * @param first the posting the key made
     * @return the read
     * @throws NullPointerException if {@code first} is null
     */
    public static KeyedWorkingSet keyUsed(Posting first) {
        return new KeyedWorkingSet(Objects.requireNonNull(first, "first posting must not be null"), null, false);
    }

    /**
     * The key is new; the member's working set as {@link LedgerStore#workingSet(io.github.loyaltyrules.ledger.MemberId)}
     * reads it.
     *
     * @param workingSet the working set, or empty if the member is not enrolled
     * @return the read
     * @throws NullPointerException if {@code workingSet} is null
     */
    public static KeyedWorkingSet keyFree(Optional<MemberBook> workingSet) {
        return new KeyedWorkingSet(null, Objects.requireNonNull(workingSet, "working set must not be null").orElse(null),
                false);
    }

    /**
     * The read, from its two parts: the posting the key made (then the working set is not
     * needed), or else the member's working set.
     *
     * @param first the posting the key made, or {@code null} if the key is new
     * @param workingSet the working set when the key is new, or {@code null} if the member is not enrolled
     * @return the read
     */
    public static KeyedWorkingSet of(Posting first, MemberBook workingSet) {
        return new KeyedWorkingSet(first, first == null ? workingSet : null, false);
    }

    /**
     * Nothing was read: the member's working set as the store last wrote or read it, and the key was
     * not looked up. A store answers so only if its commits refuse a stale working set
     * ({@link CommitResult#STALE}) and a used key ({@link CommitResult#DUPLICATE_KEY}) without writing
     * anything. The ledger treats a request that such a working set refuses (too few points, a closed
     * account) as a retry or a conflict if its key was used, and otherwise works it out again on a
     * fresh read before it refuses it.
     *
     * @param workingSet the working set the store keeps
     * @return the read
     * @throws NullPointerException if {@code workingSet} is null
     */
    public static KeyedWorkingSet cached(MemberBook workingSet) {
        return new KeyedWorkingSet(null, Objects.requireNonNull(workingSet, "working set must not be null"), true);
    }

    /**
     * Tells whether the working set came from the store's cache without a read (and the key was not
     * looked up): see {@link #cached(MemberBook)}.
     *
     * @return true if nothing was read
     */
    public boolean isCached() {
        return cached;
    }

    /**
     * Returns the posting the key made already.
     *
     * @return the posting, or empty if the key is new
     */
    public Optional<Posting> firstPosting() {
        return Optional.ofNullable(first);
    }

    /**
     * Returns the member's working set, read when the key is new.
     *
     * @return the working set, or empty if the key was used or the member is not enrolled
     */
    public Optional<MemberBook> workingSet() {
        return Optional.ofNullable(book);
    }

    /** Shows whether the key was used, never the member's data. */
    @Override
    public String toString() {
        return first != null ? "KeyedWorkingSet[key used]"
                : cached ? "KeyedWorkingSet[cached, key not looked up]"
                : "KeyedWorkingSet[key new, member " + (book != null ? "enrolled" : "unknown") + "]";
    }
}
