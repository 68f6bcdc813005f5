package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells the program a member's tier at an instant, so that rules and rewards can read it.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TierLookup {

    /** A lookup for programs without tiers: nobody has one. */
    TierLookup NONE = (member, at) -> Optional.empty();

    /**
     * Returns the member's tier at an instant.
     *
     * @param member the member
     * @param at the instant
     * @return the tier name, or empty
     */
    Optional<String> tierOf(MemberId member, Instant at);
}
