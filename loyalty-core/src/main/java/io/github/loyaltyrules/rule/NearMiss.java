package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule that did not fire for an activity, and why: each condition of it that failed, with the
 * values, e.g. {@code "Big basket bonus: basket 27.50 of 30.00 EUR needed"}. Made on the quote path
 * only ({@link RuleEngine#nearMisses}), never when an activity is recorded.
 *
 * @param ruleId the rule's id
 * @param ruleName the rule's name as shown to members
 * @param shortfalls why it did not fire: each failed condition, in the order the rule states them; at least one
 *
 * @since 0.1.0
 */
public record NearMiss(String ruleId, String ruleName, List<Shortfall> shortfalls) {

    /**
     * Orders near misses closest first: those that failed on fewer conditions first; among those,
     * the ones whose every failed condition is a threshold (basket, spend, quantity) first, by the
     * largest {@linkplain Shortfall#missingShare() share still missing}, smallest first. Ties keep
     * their order (use a stable sort, e.g. {@link #closestFirst}).
     */
    public static final Comparator<NearMiss> CLOSEST_FIRST = Comparator
            .comparingInt((NearMiss m) -> m.shortfalls.size())
            .thenComparing(NearMiss::worstShare, Comparator.nullsLast(Comparator.naturalOrder()));

    /**
     * Validates the near miss and makes its list unmodifiable.
     *
     * @param ruleId the rule's id; not blank
     * @param ruleName the rule's name as shown to members
     * @param shortfalls why it did not fire; at least one
     * @throws NullPointerException if a component is null or the list holds null
     * @throws InvalidRequestException if the rule id is blank or there is no shortfall
     */
    public NearMiss {
        Objects.requireNonNull(ruleId, "rule id must not be null");
        Objects.requireNonNull(ruleName, "rule name must not be null");
        shortfalls = List.copyOf(Objects.requireNonNull(shortfalls, "shortfalls must not be null"));
        if (ruleId.isBlank()) {
            throw new InvalidRequestException("rule id of a near miss must not be blank");
        }
        if (shortfalls.isEmpty()) {
            throw new InvalidRequestException("near miss of rule '" + Inputs.shown(ruleId)
                    + "' needs at least one shortfall");
        }
    }

    /**
     * Returns the near misses sorted {@linkplain #CLOSEST_FIRST closest first}, ties in the given order.
     *
     * @param misses the near misses
     * @return a new unmodifiable list
     * @throws NullPointerException if {@code misses} is null or holds null
     */
    public static List<NearMiss> closestFirst(Collection<NearMiss> misses) {
        List<NearMiss> out = new ArrayList<>(Objects.requireNonNull(misses, "near misses must not be null"));
        out.sort(CLOSEST_FIRST); // List.sort is stable
        return List.copyOf(out);
    }

    /**
     * Tells whether the rule failed on exactly one condition.
     *
     * @return true if there is one shortfall
     */
    public boolean single() {
        return shortfalls.size() == 1;
    }

    /**
     * Returns the line shown, e.g. {@code "Big basket bonus: basket 27.50 of 30.00 EUR needed"}: the
     * rule's name (its id if the name is blank), then each shortfall's text, joined by {@code "; "}.
     *
     * @return the text
     */
    public String text() {
        StringBuilder sb = new StringBuilder(ruleName.isBlank() ? ruleId : ruleName).append(": ");
        for (int i = 0; i < shortfalls.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(shortfalls.get(i).text());
        }
        return sb.toString();
    }

    /** The largest share still missing, or null if a shortfall is not a threshold. */
    private BigDecimal worstShare() {
        BigDecimal worst = null;
        for (Shortfall s : shortfalls) {
            Optional<BigDecimal> share = s.missingShare();
            if (share.isEmpty()) {
                return null;
            }
            worst = worst == null || share.get().compareTo(worst) > 0 ? share.get() : worst;
        }
        return worst;
    }
}
