package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.rule.RuleContext;
import java.util.List;
import java.util.Set;

/**
 * What a rule grants when its condition holds: zero or more {@link Grant}s, at most one per
 * currency is usual. Use the built-ins of {@link Actions} or write one in Java. Actions must be
 * deterministic, side-effect free and thread-safe, and must compute with whole minor units or
 * {@code BigDecimal}, never floating point.
 *
 * <p>Built-in actions are values: two built with the same arguments are equal, and
 * {@link io.github.loyaltyrules.rules.text.ProgramText#print(RuleSet)} writes them as text. A
 * hand-written action cannot be printed.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Action {

    /**
     * Computes what the activity earns under this action.
     *
     * @param context the member, activity and time
     * @return the grants; possibly empty
     * @throws io.github.loyaltyrules.ledger.AmountOverflowException if a built-in action's grant, or a line
     *         amount it reads, would exceed a {@code long} of minor units
     */
    List<Grant> grants(RuleContext context);

    /**
     * Returns the codes of the currencies this action grants, so that the rule set can check them
     * when it is built. The default, an empty set, means "not declared": such an action's grants
     * are checked when it runs.
     *
     * @return the currency codes
     */
    default Set<String> currencies() {
        return Set.of();
    }
}
