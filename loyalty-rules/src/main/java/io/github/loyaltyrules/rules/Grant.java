package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.internal.LineShares;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@link Action} grants in one currency, before the rule set applies caps, exclusive
 * groups and budgets and turns it into an {@link io.github.loyaltyrules.rule.Award}.
 *
 * @param currency the point currency code
 * @param amount the amount in minor units; zero or more (zero grants are dropped)
 * @param lineShares minor units per basket line id adding up to {@code amount}; empty for events,
 *        or to let the rule set allocate a purchase grant pro rata by line amount
 * @param explanation how the amount was computed
 *
 * @since 0.1.0
 */
public record Grant(String currency, long amount, Map<String, Long> lineShares, Explanation explanation) {

    /**
     * Validates the grant and makes its shares unmodifiable, keeping their order.
     *
     * @param currency the currency code
     * @param amount the amount in minor units
     * @param lineShares the shares by line id
     * @param explanation how it was computed
     * @throws NullPointerException if a component is null
     * @throws InvalidAmountException if the amount or a share is negative, or the shares do not
     *         add up to the amount
     */
    public Grant {
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(lineShares, "line shares must not be null");
        Objects.requireNonNull(explanation, "explanation must not be null");
        if (amount < 0) {
            throw new InvalidAmountException("grant in " + Inputs.shown(currency) + " must not be negative; got "
                    + amount);
        }
        long sum = 0;
        boolean compact = lineShares instanceof LineShares; // immutable, parts never negative: kept as it is
        if (compact) {
            sum = ((LineShares) lineShares).sum();
        } else {
            for (Map.Entry<String, Long> e : lineShares.entrySet()) {
                if (e.getValue() < 0) {
                    throw new InvalidAmountException("share of line " + Inputs.shown(e.getKey())
                            + " must not be negative; got " + e.getValue());
                }
                sum += e.getValue();
                if (sum < 0) { // beyond a long, so beyond the amount
                    throw new InvalidAmountException("line shares of a grant in " + Inputs.shown(currency)
                            + " add up to more than a long, not to its amount " + amount);
                }
            }
        }
        if (!lineShares.isEmpty() && sum != amount) {
            throw new InvalidAmountException("line shares of a grant in " + Inputs.shown(currency) + " add up to " + sum
                    + ", not to its amount " + amount);
        }
        if (!compact) {
            lineShares = Collections.unmodifiableMap(new LinkedHashMap<>(lineShares));
        }
    }
}
