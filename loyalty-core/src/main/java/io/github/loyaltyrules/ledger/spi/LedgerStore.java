package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.internal.InMemoryLedgerStore;
import java.util.List;
import java.util.Optional;

/**
 * Where the ledger keeps its books, postings and entries: the service-provider interface that a
 * durable store (such as the JDBC one) implements.
 *
 * <p>The ledger does all the computing; a store only has to read, and to apply a {@link Commit}
 * atomically and only if every book in it is still at the version the ledger read (optimistic
 * concurrency) and the posting's key is new. Implementations must be thread-safe.
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
     * Returns the posting made with a key.
     *
     * @param key the key
     * @return the posting, or empty
     */
    Optional<Posting> posting(IdempotencyKey key);

    /**
     * Returns all of a member's entries in sequence order.
     *
     * @param member the member
     * @return the entries; empty for an unknown member
     */
    List<Entry> entries(MemberId member);

    /**
     * Returns enrolled members in id order, for batch jobs: at most {@code limit} ids greater than {@code after}.
     *
     * @param after the last id of the previous page, or {@code null} for the first page
     * @param limit the page size; positive
     * @return the next page of ids
     */
    List<MemberId> members(MemberId after, int limit);

    /**
     * Applies a commit atomically, if every book in it replaces the version it was computed from
     * and its posting's key is new.
     *
     * @param commit the change
     * @return what was done
     */
    CommitResult apply(Commit commit);
}
