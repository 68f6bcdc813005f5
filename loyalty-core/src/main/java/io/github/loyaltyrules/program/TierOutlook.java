package io.github.loyaltyrules.program;

import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.Requirement;
import io.github.loyaltyrules.tier.Tier;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a quoted basket leaves a member on the tier ladder: the current tier, the next one, what is
 * still missing to it on each qualifying metric its requirement names, before and after the basket,
 * and whether the basket would meet the requirement in the current qualification window.
 *
 * <p>How the metrics combine is the next tier's {@linkplain Tier#requirement() requirement}: any one
 * of the thresholds of an any-of tier suffices, every one of an all-of tier is needed.
 *
 * @param tier the member's current tier
 * @param nextTier the tier above; empty at the top
 * @param gaps for each metric the next tier's requirement names, in the order written: what is still
 *        missing on it; empty at the top
 * @param basketReachesNext whether the window's activity and the basket's together meet the next tier's
 *        requirement; false at the top
 *
 * @since 0.1.0
 */
public record TierOutlook(Tier tier, Optional<Tier> nextTier, List<Gap> gaps, boolean basketReachesNext) {

    /**
     * Validates the outlook and makes its list unmodifiable.
     *
     * @param tier the member's current tier
     * @param nextTier the tier above; empty at the top
     * @param gaps what is missing on each metric of the next tier's requirement
     * @param basketReachesNext whether the basket meets the next tier's requirement
     * @throws NullPointerException if a component is null
     */
    public TierOutlook {
        Objects.requireNonNull(tier, "tier must not be null");
        Objects.requireNonNull(nextTier, "next tier must not be null");
        gaps = List.copyOf(Objects.requireNonNull(gaps, "gaps must not be null"));
    }

    /**
     * What is missing on one qualifying metric to the next tier, in the metric's units (points,
     * money, purchases).
     *
     * @param metric the metric
     * @param value the member's total on it in the current window, before the basket
     * @param basketAdds what the basket would add to it (its points, its spend, one purchase)
     * @param missing what is still missing before the basket: the least over the requirement's
     *        thresholds on the metric; zero if met
     * @param missingAfterBasket what would still be missing after it; zero if the basket meets it
     *
     * @since 0.1.0
     */
    public record Gap(Metric metric, BigDecimal value, BigDecimal basketAdds, BigDecimal missing,
            BigDecimal missingAfterBasket) {

        /**
         * Validates the gap.
         *
         * @param metric the metric
         * @param value the member's total before the basket
         * @param basketAdds what the basket adds
         * @param missing what is missing before the basket
         * @param missingAfterBasket what is missing after it
         * @throws NullPointerException if a component is null
         */
        public Gap {
            Objects.requireNonNull(metric, "metric must not be null");
            Objects.requireNonNull(value, "value must not be null");
            Objects.requireNonNull(basketAdds, "basket adds must not be null");
            Objects.requireNonNull(missing, "missing must not be null");
            Objects.requireNonNull(missingAfterBasket, "missing after basket must not be null");
        }
    }

    /**
     * Returns the line shown at a till, e.g. {@code "Silver; Gold needs 120.00 more spend:EUR or 2 more
     * purchases; this basket reaches it"}, the metrics joined by "or" for an any-of tier and "and"
     * otherwise.
     *
     * @return the text
     */
    public String text() {
        if (nextTier.isEmpty()) {
            return tier.name() + ", the top tier";
        }
        Tier next = nextTier.get();
        boolean any = next.requirement().orElse(null) instanceof Requirement.AnyOf;
        StringBuilder sb = new StringBuilder(tier.name()).append("; ").append(next.name()).append(" needs ");
        int shown = 0;
        for (Gap g : gaps) {
            if (g.missing().signum() > 0) {
                sb.append(shown++ == 0 ? "" : any ? " or " : " and ").append(g.missing().toPlainString())
                        .append(" more ").append(g.metric());
            }
        }
        if (shown == 0) {
            sb.append("nothing more");
        }
        return sb.append(basketReachesNext ? "; this basket reaches it" : "; this basket does not reach it")
                .toString();
    }
}
