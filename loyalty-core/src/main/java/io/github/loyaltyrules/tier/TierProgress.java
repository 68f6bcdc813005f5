package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.MemberId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a member sees in an app: current tier, the qualifying metrics in the current window, what is
 * still needed for the next tier and by when, and the date the current tier is kept until.
 *
 * @param member the member
 * @param asOf the instant the progress is for
 * @param tier the current tier
 * @param keptUntil the instant at which the current tier would be lost if nothing more is recorded;
 *        empty if it is kept for good (base tier, lifetime window, never-downgrade tier)
 * @param windowStart start of the current qualification window; empty for lifetime
 * @param windowEnd end (exclusive) of the current window when it has a fixed end; empty otherwise
 * @param values each declared metric's total in the current window, in declaration order
 * @param nextTier the tier above, empty at the top
 * @param needed for each metric the next tier's requirement names, the least amount still missing on one
 *        of its thresholds on that metric, in the order written; how they combine (any one suffices,
 *        all are needed) is the next tier's {@link Tier#requirement() requirement}
 * @param deadline by when the missing amount must be reached; empty for rolling and lifetime windows
 *
 * @since 0.1.0
 */
public record TierProgress(MemberId member, Instant asOf, Tier tier, Optional<Instant> keptUntil,
        Optional<Instant> windowStart, Optional<Instant> windowEnd, Map<Metric, BigDecimal> values,
        Optional<Tier> nextTier, Map<Metric, BigDecimal> needed, Optional<Instant> deadline) {
}
