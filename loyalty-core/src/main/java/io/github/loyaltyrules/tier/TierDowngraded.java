package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;

/**
 * A member moved down the ladder.
 *
 * @param change the history entry: from, to, when and why
 *
 * @since 0.1.0
 */
public record TierDowngraded(TierChange change) implements TierEvent {

    /**
     * Returns the member.
     *
     * @return the member
     */
    @Override
    public MemberId member() {
        return change.member();
    }

    /**
     * Returns when the downgrade took effect.
     *
     * @return the instant
     */
    @Override
    public Instant at() {
        return change.at();
    }
}
