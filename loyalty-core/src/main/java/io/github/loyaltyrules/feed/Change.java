package io.github.loyaltyrules.feed;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;

/**
 * One change read from a {@link ChangeFeed}: a posting ({@link PostingChange}) or a member's move
 * to another tier ({@link TierMoved}). A change carries no free text and no personal data: the
 * member is the ledger's member id (the pseudonym of an erased member), and a reason shows only
 * as its length.
 *
 * @since 0.1.0
 */
public sealed interface Change permits PostingChange, TierMoved {

    /**
     * Returns the feed position just after this change: save it once the change is handled, and
     * resume from it; the feed then never gives this change, or one before it, again.
     *
     * @return the position
     */
    FeedPosition position();

    /**
     * Returns the member the change is about (for a transfer, the sender).
     *
     * @return the member id
     */
    MemberId member();

    /**
     * Returns when the change happened, in business time.
     *
     * @return the instant
     */
    Instant at();
}
