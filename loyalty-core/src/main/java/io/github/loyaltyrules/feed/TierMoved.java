package io.github.loyaltyrules.feed;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.ChangeCause;
import io.github.loyaltyrules.tier.TierChange;
import java.time.Instant;
import java.util.Objects;

/**
 * A member's move from one tier to another, as the change feed gives it: an entry of the member's
 * tier history without its reason (which, for a status match, is the caller's free text).
 *
 * @param position the feed position just after this change
 * @param member the member
 * @param from the tier before
 * @param to the tier after
 * @param at when the change took effect in business time
 * @param cause the kind of cause
 *
 * @since 0.1.0
 */
public record TierMoved(FeedPosition position, MemberId member, String from, String to, Instant at, ChangeCause cause)
        implements Change {

    /**
     * Validates the change.
     *
     * @param position the feed position just after this change
     * @param member the member
     * @param from the tier before
     * @param to the tier after
     * @param at when it took effect
     * @param cause the kind of cause
     * @throws NullPointerException if a component is null
     */
    public TierMoved {
        Objects.requireNonNull(position, "position must not be null");
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(from, "from tier must not be null");
        Objects.requireNonNull(to, "to tier must not be null");
        Objects.requireNonNull(at, "at must not be null");
        Objects.requireNonNull(cause, "cause must not be null");
    }

    /**
     * Returns the change for an entry of a tier history read at a position.
     *
     * @param position the feed position just after the change
     * @param change the history entry
     * @return the change
     * @throws NullPointerException if an argument is null
     */
    public static TierMoved of(FeedPosition position, TierChange change) {
        return new TierMoved(position, change.member(), change.from(), change.to(), change.at(), change.cause());
    }
}
