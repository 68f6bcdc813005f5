package io.github.loyaltyrules.rules.internal;

import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.Grant;

/**
 * A built-in action computing at most one grant from the evaluation's shared {@link Basket}, so
 * that the rule set need not build a basket view, a grant list and line-share maps per rule.
 *
 * @since 0.1.0
 */
public interface BasketAction {

    /**
     * Computes what the action earns into {@code out}, building no grant.
     *
     * @param context the member, activity and time
     * @param basket the purchase as read once for this evaluation, or null if the activity is not a purchase
     * @param out where the currency, amount, shares and explanation go
     * @return true if the action earns something (then {@code out} holds it), false if it grants nothing
     */
    boolean earn(RuleContext context, Basket basket, Earned out);

    /**
     * Computes the grant.
     *
     * @param context the member, activity and time
     * @param basket the purchase as read once for this evaluation, or null if the activity is not a purchase
     * @return the grant, or null if the action grants nothing
     */
    default Grant grant(RuleContext context, Basket basket) {
        return Earned.grant(this, context, basket);
    }
}
