package io.github.loyaltyrules.rules.internal;

import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rules.Grant;
import java.util.Map;

/**
 * What a built-in action or a multiplier earns, as the fields of a {@link Grant} without the grant:
 * the rule set's evaluation keeps one per thread, caps it in place and builds the award straight
 * from it, so that an award costs no grant on the way. Mutable and reused: read it before the next
 * action writes it.
 *
 * @since 0.1.0
 */
public final class Earned {

    /** The point currency code. */
    public String currency;
    /** The amount in minor units; zero or more. */
    public long amount;
    /** The shares by line id, adding up to {@link #amount}; empty for events, or to be shared out by amount. */
    public Map<String, Long> shares;
    /** How the amount was computed. */
    public Explanation how;

    /** Creates an empty one, to be {@link #set}. */
    public Earned() {
    }

    /**
     * Holds what was earned.
     *
     * @param currency the point currency code
     * @param amount the amount in minor units
     * @param shares the shares by line id
     * @param how how the amount was computed
     * @return true
     */
    public boolean set(String currency, long amount, Map<String, Long> shares, Explanation how) {
        this.currency = currency;
        this.amount = amount;
        this.shares = shares;
        this.how = how;
        return true;
    }

    /**
     * Returns what is held as a grant, validated as every grant is.
     *
     * @return the grant
     */
    public Grant grant() {
        return new Grant(currency, amount, shares, how);
    }

    /**
     * Runs a built-in action on its own: its grant, or null if it earns nothing.
     *
     * @param action the action
     * @param context the member, activity and time
     * @param basket the purchase as read, or null if the activity is not a purchase
     * @return the grant, or null
     */
    public static Grant grant(BasketAction action, io.github.loyaltyrules.rule.RuleContext context, Basket basket) {
        Earned e = new Earned();
        return action.earn(context, basket, e) ? e.grant() : null;
    }

    /** Forgets what is held, so that the scratch it lives in refers to nothing of the last evaluation. */
    public void clear() {
        currency = null;
        shares = null;
        how = null;
        amount = 0;
    }
}
