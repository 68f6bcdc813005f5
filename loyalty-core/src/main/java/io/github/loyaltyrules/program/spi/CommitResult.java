package io.github.loyaltyrules.program.spi;

/**
 * What {@link ProgramStore#commit(ProgramCommit)} did.
 *
 * @since 0.1.0
 */
public enum CommitResult {
    /** Every part of the commit was applied. */
    APPLIED,
    /** A member record or return state was not at the version the commit expected; nothing was applied. */
    STALE,
    /** A record with the commit's key is stored already; nothing was applied. */
    DUPLICATE_KEY
}
