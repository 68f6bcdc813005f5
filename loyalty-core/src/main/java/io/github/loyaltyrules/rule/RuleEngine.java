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

    /**
     * Evaluates what an activity would earn without changing any state the engine keeps (per-member
     * caps, campaign budgets). The program calls it when a return leaves part of a basket, to find
     * which basket-level awards the remaining basket no longer earns. Engines without such state
     * need not override it; the default calls {@link #evaluate(RuleContext)}.
     *
     * @param context the member, activity, time and key, as at the original activity
     * @return the awards the activity would earn, before caps and budgets drawn over time
     */
    default Evaluation reevaluate(RuleContext context) {
        return evaluate(context);
    }
}
