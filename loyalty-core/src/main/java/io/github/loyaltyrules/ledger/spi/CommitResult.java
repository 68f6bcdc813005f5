package io.github.loyaltyrules.ledger.spi;

/**
 * What a store did with a {@link Commit}.
 *
 * @since 0.1.0
 */
public enum CommitResult {
    /** All of it was stored. */
    APPLIED,
    /** Nothing was stored: a member's book is no longer the version the commit replaces (or a new member exists already). */
    STALE,
    /** Nothing was stored: the posting's key exists already. */
    DUPLICATE_KEY
}
