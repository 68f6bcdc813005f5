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

    private KeyedWorkingSet(Posting first, MemberBook book) {
        this.first = first;
        this.book = book;
    }

    /**
     * The key made a posting already.
     *
     * @param first the posting the key made
     * @return the read
     * @throws NullPointerException if {@code first} is null
     */
    public static KeyedWorkingSet keyUsed(Posting first) {
        return new KeyedWorkingSet(Objects.requireNonNull(first, "first posting must not be null"), null);
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
        return new KeyedWorkingSet(null, Objects.requireNonNull(workingSet, "working set must not be null").orElse(null));
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
        return first != null ? "KeyedWorkingSet[key used]" : "KeyedWorkingSet[key new, member " + (book != null ? "enrolled" : "unknown") + "]";
    }
}
