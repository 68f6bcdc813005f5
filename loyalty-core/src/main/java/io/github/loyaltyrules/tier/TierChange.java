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

    /**
     * Describes the change; the reason of a status match, the caller's free text that may hold personal
     * data, by its length only (the engine's own reasons as they are).
     *
     * @return e.g. {@code "TierChange[member=ann, from=Green, to=Gold, at=..., cause=STATUS_MATCH, reason=<31 chars>]"}
     */
    @Override
    public String toString() {
        return "TierChange[member=" + member + ", from=" + from + ", to=" + to + ", at=" + at + ", cause=" + cause
                + ", reason=" + (cause == ChangeCause.STATUS_MATCH
                        ? io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) : reason) + "]";
    }
}
