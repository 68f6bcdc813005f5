package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A campaign: rules grouped under a validity window and, optionally, a budget per currency that
 * all members together can never exceed. The budget's remaining amount is held by the
 * {@link RuleSet} the campaign is added to; this value only states it.
 *
 * @param id the campaign id
 * @param name the name shown in explanations
 * @param from the first instant the campaign's rules apply (inclusive)
 * @param until the instant they stop applying (exclusive)
 * @param budgets the budget per currency code, in minor units; each positive
 *
 * @since 0.1.0
 */
public record Campaign(String id, String name, Instant from, Instant until, Map<String, Long> budgets) {

    /**
     * Validates the campaign and makes its budgets unmodifiable.
     *
     * @param id the campaign id
     * @param name the name
     * @param from the start (inclusive)
     * @param until the end (exclusive)
     * @param budgets the budgets per currency code
     * @throws NullPointerException if a component is null
     * @throws InvalidRuleException if the id is blank
     * @throws InvalidWindowException if {@code until} is not after {@code from}
     * @throws InvalidCapException if a budget is not positive
     */
    public Campaign {
        Objects.requireNonNull(id, "campaign id must not be null");
        Objects.requireNonNull(name, "campaign name must not be null");
        Objects.requireNonNull(from, "campaign start must not be null");
        Objects.requireNonNull(until, "campaign end must not be null");
        Objects.requireNonNull(budgets, "budgets must not be null");
        if (id.isBlank()) {
            throw new InvalidRuleException("campaign id must not be blank");
        }
        if (!until.isAfter(from)) {
            throw new InvalidWindowException("campaign '" + Inputs.shown(id) + "' ends at " + until
                    + ", not after it starts at " + from
                    + "; a campaign window must end after it starts");
        }
        for (Map.Entry<String, Long> b : budgets.entrySet()) {
            if (b.getValue() <= 0) {
                throw new InvalidCapException("budget of campaign '" + Inputs.shown(id) + "' in " + b.getKey()
                        + " must be positive; got " + b.getValue());
            }
        }
        budgets = Collections.unmodifiableMap(new LinkedHashMap<>(budgets));
    }

    /**
     * Returns a campaign without budgets.
     *
     * @param id the id
     * @param name the name
     * @param from the start (inclusive)
     * @param until the end (exclusive); after {@code from}
     * @return the campaign
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the id is blank
     * @throws InvalidWindowException if {@code until} is not after {@code from}
     */
    public static Campaign of(String id, String name, Instant from, Instant until) {
        return new Campaign(id, name, from, until, Map.of());
    }

    /**
     * Returns a copy with a budget in one currency: the most the campaign's rules award in it, across
     * all members, for as long as the campaign runs. Awards draw on it when a purchase earns; when a
     * purchase is returned, what the returned part drew goes back to the budget (exactly what its
     * awards were cut to, never more), so the budget counts only points members keep.
     *
     * @param currency the currency code
     * @param minorUnits the budget; positive
     * @return the copy
     * @throws NullPointerException if {@code currency} is null
     * @throws InvalidCapException if the budget is not positive
     */
    public Campaign withBudget(String currency, long minorUnits) {
        Map<String, Long> b = new LinkedHashMap<>(budgets);
        b.put(Objects.requireNonNull(currency, "currency must not be null"), minorUnits);
        return new Campaign(id, name, from, until, b);
    }

    /**
     * Tells whether the campaign runs at an instant.
     *
     * @param at the instant
     * @return true if {@code from <= at < until}
     */
    public boolean runsAt(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }
}
