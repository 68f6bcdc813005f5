package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.IdempotencyKey;

/**
 * The rule engine service-provider interface: decides what a member earns for an activity.
 *
 * <p>{@code loyalty-rules} provides the default implementation; a caller can plug in their own, or
 * wrap another rule engine, by implementing this interface. An engine must be deterministic for a
 * given program version and context, must not post anything itself (the program posts the awards
 * to the ledger), and must be thread-safe.
 *
 * @since 0.1.0
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
     * Evaluates what an activity would earn if it were made now, as {@link #evaluate} would (per-member
     * caps and campaign budgets as they stand, cuts included), without changing any state: a dry run,
     * for showing a member what a basket earns before it is paid. Engines without such state need not
     * override it; the default calls {@link #reevaluate(RuleContext)}, which draws nothing.
     *
     * @param context the member, activity, time and key the activity would be made with
     * @return the awards it would earn, each with its explanation
     */
    default Evaluation quote(RuleContext context) {
        return reevaluate(context);
    }

    /**
     * Says why the rules that did not fire for an activity did not: for each, the conditions that
     * failed, with the values ({@code "basket 27.50 of 30.00 EUR needed"}, {@code "needs store S1"}),
     * or the cap, budget or exclusive group that left it nothing. The program calls it on the quote
     * path only ({@code LoyaltyProgram.quote}), after {@link #quote}, never when an activity is
     * recorded, so an engine spends nothing on it when evaluating. It must change no state, and its
     * texts must hold no personal data (name a member attribute, never its value). Engines that
     * cannot say need not override it; the default says nothing.
     *
     * @param context the context the activity was quoted with
     * @param quoted what {@link #quote} returned for it: the rules with an award there fired
     * @return the rules that did not fire, closest first (see {@link NearMiss#CLOSEST_FIRST}); empty by default
     */
    default java.util.List<NearMiss> nearMisses(RuleContext context, Evaluation quoted) {
        return java.util.List.of();
    }

    /**
     * Learns that a return of part of a purchase has posted, so that an engine keeping state drawn by
     * awards (per-member caps, campaign budgets) can release what the returned part drew.
     *
     * <p>The program calls it after each return's claw-back has posted, with the context of the
     * original purchase (its member profile, basket, business time, key and program version: not the
     * return's), the return's key and what the return clawed back; and again, with the same
     * arguments, whenever the return is retried with its key (a crash may have come between the
     * claw-back and this call). An engine must therefore release what one return clawed back at most
     * once per return key (e.g. {@link Quotas#giveBack} keyed by {@code returnKey}). If it throws, the
     * return stays posted and the exception reaches the caller; a retry of the return calls it again.
     * Engines without such state need not override it; the default does nothing.
     *
     * @param original the context the purchase was evaluated with
     * @param returnKey the idempotency key of the return
     * @param clawedBack what this return clawed back of the purchase's awards, by rule and currency
     */
    default void returned(RuleContext original, IdempotencyKey returnKey,
            Evaluation clawedBack) {
        // nothing kept, nothing to release
    }

    /**
     * Learns that the evaluation of an activity will not be kept (the request failed for good before
     * anything was awarded, e.g. the ledger refused the points), so that an engine can release the
     * caps and budgets it drew for it. An evaluation that failed for a reason a retry may cure (a
     * store error, a lost reply) is not abandoned: its draws stay for the retry, which finds them.
     * Engines that draw keyed by the activity's key release them here; calling it twice changes
     * nothing. The default does nothing.
     *
     * @param key the idempotency key of the activity
     */
    default void abandoned(IdempotencyKey key) {
        // nothing drawn, nothing to release
    }

    /**
     * Called when a member is erased ({@code LoyaltyProgram.erase}): moves what the engine keeps
     * under the member's id (such as the counters of per-member caps) to the pseudonym, so that the
     * old id is found nowhere. Called again if an erase is repeated, so it must be idempotent.
     * Engines that keep nothing by member need not override it; the default does nothing.
     *
     * @param member the erased member's old id
     * @param pseudonym the id the member's data moved to
     */
    default void erased(io.github.loyaltyrules.ledger.MemberId member, io.github.loyaltyrules.ledger.MemberId pseudonym) {
    }

    /**
     * Returns what the engine counts under a member's id (such as the counters of per-member caps),
     * by counter name, for an export of what the program holds about the member. Engines that keep
     * nothing by member need not override it; the default returns an empty map.
     *
     * @param member the member
     * @return the amount used per counter; empty if none
     * @throws NullPointerException if {@code member} is null
     */
    default java.util.Map<String, Long> memberCounters(io.github.loyaltyrules.ledger.MemberId member) {
        java.util.Objects.requireNonNull(member, "member must not be null");
        return java.util.Map.of();
    }
}
