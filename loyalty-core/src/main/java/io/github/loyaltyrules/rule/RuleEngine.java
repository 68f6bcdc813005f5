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

    /**
     * Learns that a return of part of a purchase has posted, so that an engine keeping state drawn by
     * awards (per-member caps, campaign budgets) can release what the returned part drew. For each rule
     * and currency, what {@code before} holds beyond {@code after} is what this return clawed back.
     *
     * <p>The program calls it once for each return, after the return's claw-back has posted and its
     * receipt is recorded, with the context of the original purchase (its member profile, basket,
     * business time, key and program version: not the return's), and never for a replayed return key.
     * If it throws, the return stays posted and the exception reaches the caller; retrying the return
     * with its key returns the receipt without calling this again. Engines without such state need not
     * override it; the default does nothing.
     *
     * @param original the context the purchase was evaluated with
     * @param before what the purchase kept before this return: each of its awards less what earlier
     *     returns clawed back (awards with nothing left are left out)
     * @param after what the purchase keeps after this return, in the same way; per rule and currency
     *     never more than {@code before}
     */
    default void returned(RuleContext original, Evaluation before, Evaluation after) {
        // nothing kept, nothing to release
    }
}
