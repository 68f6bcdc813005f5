package io.github.loyaltyrules.tier.spi;

/**
 * What a {@link TierStore} did with a new tier state.
 *
 * @since 0.1.0
 */
public enum TierCommitResult {
    /** The state was stored. */
    APPLIED,
    /** Nothing was stored: the member's state is no longer the version the new one replaces (or a new member exists already). */
    STALE,
    /** Nothing was stored: the member has an activity with the added activity's key already. */
    DUPLICATE_KEY
}
