package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;

/**
 * A member kept a tier above the base tier when a window closed (or its grace period ended).
 *
 * <p>Sent once per member and close; with a rolling window that is every month, so a listener that
 * notifies members may want to keep only those whose kept-until date moved.
 *
 * @param member the member
 * @param tier the tier kept
 * @param at the window close (or end of grace) in business time
 * @param reason why the tier was kept, e.g. which window's activity qualified
 *
 * @since 0.1.0
 */
public record TierRetained(MemberId member, String tier, Instant at, String reason) implements TierEvent {
}
