package io.github.loyaltyrules.ledger;

/**
 * Receives what the ledger does, for counters and timers (for example a Micrometer registry, which
 * the optional {@code loyalty-micrometer} module binds): postings made and how long they took,
 * retries of the same request answered from its first posting, refusals by reason, and the
 * optimistic commits that found the member changed by another writer and were tried again. Set it
 * with {@link Ledger.Builder#metrics}.
 *
 * <p>Calls are made on the caller's thread, after the fact and outside any lock; they must be
 * quick and must not call back into the ledger. A method that throws is logged (at {@code WARNING},
 * through the {@link System.Logger} named {@code io.github.loyaltyrules.ledger}) and otherwise
 * ignored: metrics never change the outcome of a call. Every method has an empty default, so an
 * implementation overrides only what it counts.
 *
 * @since 0.1.0
 */
public interface LedgerMetrics {

    /** Counts nothing. */
    LedgerMetrics NONE = new LedgerMetrics() {
    };

    /**
     * A posting was made (not a retry of an earlier one): once per posting, also for each posting of
     * a linked batch.
     *
     * @param type what kind of posting
     * @param nanos how long the call took, from the request's checks to the store's commit
     */
    default void posted(PostingType type, long nanos) {
    }

    /**
     * A request was a retry: its key had made a posting already, which was returned.
     *
     * @param type the kind of the first posting
     */
    default void replayed(PostingType type) {
    }

    /**
     * A request was refused, and changed nothing.
     *
     * @param reason why, as the exception's {@link LoyaltyException#reason()}
     */
    default void refused(LoyaltyException.Reason reason) {
    }

    /** A commit found a member changed by another writer since it was read, and is worked out again. */
    default void retried() {
    }
}
