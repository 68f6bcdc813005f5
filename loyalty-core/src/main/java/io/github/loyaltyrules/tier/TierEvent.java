package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;

/**
 * Something that happened to a member's tier: {@link TierUpgraded}, {@link TierDowngraded} or {@link TierRetained}.
 *
 * @since 0.1.0
 */
public sealed interface TierEvent permits TierUpgraded, TierDowngraded, TierRetained {

    /**
     * Returns the member concerned.
     *
     * @return the member
     */
    MemberId member();

    /**
     * Returns when it happened in business time.
     *
     * @return the instant
     */
    Instant at();
}
