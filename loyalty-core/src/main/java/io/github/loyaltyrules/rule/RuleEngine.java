package io.github.loyaltyrules.rule;

/**
 * The rule engine service-provider interface: decides what a member earns for an activity.
 *
 * <p>{@code loyalty-rules} provides the default implementation; a caller can plug in their own, or
 * wrap another rule engine, by implementing this interface. An engine must be deterministic for a
 * given program version and context, must not post anything itself (the program posts the awards
 * to the ledger), and must be thread-safe.
 */
@FunctionalInterface
public interface RuleEngine {

    /**
     * Evaluates the rules for one activity.
     *
     * @param context the member, activity, time and key
     * @return the awards, each with its explanation
     */
    Evaluation evaluate(RuleContext context);
}
