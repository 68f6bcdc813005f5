package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;

/**
 * One entry of a member's tier history: from which tier to which, when, and why.
 *
 * @param member the member
 * @param from the tier before
 * @param to the tier after
 * @param at when the change took effect in business time
 * @param cause the kind of cause
 * @param reason the cause in words: which metric crossed which threshold, which window closed
 *
 * @since 0.1.0
 */
public record TierChange(MemberId member, String from, String to, Instant at, ChangeCause cause, String reason) {
}
