package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.internal.Nodes;
import java.util.List;
import java.util.Objects;

/**
 * A condition a rule's activity must meet: a predicate over the {@link RuleContext}.
 *
 * <p>Write one in Java as a lambda, or compose the built-ins of {@link Conditions} with
 * {@link #and}, {@link #or} and {@link #not}. Built-in conditions on SKU, category, store, channel
 * and event type let the rule set index the rule, so that it is never evaluated for an activity
 * it cannot match; a hand-written condition is evaluated for every activity of the rule's event
 * types. Conditions must be side-effect free and thread-safe.
 *
 * <p>Built-in conditions are values: two built with the same arguments are equal, and
 * {@link io.github.loyaltyrules.rules.text.ProgramText#print(RuleSet)} writes them as text. A
 * hand-written condition cannot be printed.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Condition {

    /**
     * Tells whether the activity meets the condition.
     *
     * @param context the member, activity and time
     * @return true if it does
     */
    boolean test(RuleContext context);

    /**
     * Returns a condition met when this and {@code other} are both met; {@code other} is evaluated
     * only if this is met.
     *
     * @param other the other condition
     * @return the conjunction
     * @throws NullPointerException if {@code other} is null
     */
    default Condition and(Condition other) {
        return new Nodes.AllOf(List.of(this, Objects.requireNonNull(other, "condition must not be null")));
    }

    /**
     * Returns a condition met when this or {@code other} is met.
     *
     * @param other the other condition
     * @return the disjunction
     * @throws NullPointerException if {@code other} is null
     */
    default Condition or(Condition other) {
        return new Nodes.AnyOf(List.of(this, Objects.requireNonNull(other, "condition must not be null")));
    }

    /**
     * Returns a condition met exactly when {@code condition} is not.
     *
     * @param condition the condition to negate
     * @return the negation
     * @throws NullPointerException if {@code condition} is null
     */
    static Condition not(Condition condition) {
        return new Nodes.Not(Objects.requireNonNull(condition, "condition must not be null"));
    }
}
