package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.internal.LineShares;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of what a rule awards: an amount in one currency, the rule that gave it, how it was
 * computed, and which basket lines it is attributed to (so that a returned line claws back
 * exactly its share).
 *
 * @param ruleId the id of the rule
 * @param ruleName the rule's name as shown to members
 * @param currency the point currency code
 * @param amount the amount in minor units; positive
 * @param lineShares minor units attributed to each basket line id, adding up to {@code amount};
 *        empty for awards not tied to lines (events)
 * @param explanation how the amount was computed
 *
 * @since 0.1.0
 */
public record Award(String ruleId, String ruleName, String currency, long amount, Map<String, Long> lineShares,
        Explanation explanation) {

    /**
     * Validates the award and makes its shares unmodifiable (keeping their order).
     *
     * @param ruleId the id of the rule
     * @param ruleName the rule's name as shown to members
     * @param currency the point currency code
     * @param amount the amount in minor units; positive
     * @param lineShares minor units attributed to each basket line id, adding up to {@code amount};
     *     empty for awards not tied to lines (events)
     * @param explanation how the amount was computed
     * @throws NullPointerException if a component is null
     * @throws InvalidAmountException if the amount is not positive, a share is negative, or the
     *         shares do not add up to the amount
     * @throws InvalidRequestException if the rule id is blank
     */
    public Award {
        Objects.requireNonNull(ruleId, "rule id must not be null");
        Objects.requireNonNull(ruleName, "rule name must not be null");
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(lineShares, "line shares must not be null");
        Objects.requireNonNull(explanation, "explanation must not be null");
        if (ruleId.isBlank()) {
            throw new InvalidRequestException("rule id of an award must not be blank");
        }
        if (amount <= 0) {
            throw new InvalidAmountException("award of rule " + Inputs.shown(ruleId) + " must be positive; got "
                    + amount);
        }
        long sum = 0;
        boolean compact = lineShares instanceof LineShares; // immutable, parts never negative: kept as it is
        if (compact) {
            sum = ((LineShares) lineShares).sum();
        } else {
            for (Map.Entry<String, Long> e : lineShares.entrySet()) {
                if (e.getValue() < 0) {
                    throw new InvalidAmountException("share of line " + Inputs.shown(e.getKey()) + " in award of rule "
                            + Inputs.shown(ruleId) + " must not be negative; got " + e.getValue());
                }
                sum += e.getValue();
                if (sum < 0) { // beyond a long, so beyond the amount
                    throw new InvalidAmountException("line shares of the award of rule " + Inputs.shown(ruleId)
                            + " add up to more than a long, not to its amount " + amount);
                }
            }
        }
        if (!lineShares.isEmpty() && sum != amount) {
            throw new InvalidAmountException("line shares of the award of rule " + Inputs.shown(ruleId) + " add up to "
                    + sum + ", not to its amount " + amount);
        }
        if (!compact) {
            lineShares = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lineShares));
        }
    }

    /**
     * Returns the statement line, e.g. {@code "+24 PTS: Double coffee (1 pt per 1.00 on 12.00 EUR; 2x)"}.
     *
     * @return the text
     */
    public String describe() {
        String how = explanation.text();
        return "+" + amount + " " + currency + ": " + ruleName + (how.isEmpty() ? "" : " (" + how + ")");
    }
}
