package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.rules.internal.ActionNodes;
import java.util.List;
import java.util.Objects;

/**
 * The built-in actions.
 *
 * <p>Rounding: points per unit spent count whole units of the spend step, rounding down
 * ({@code floor(spend / step)}), on the sum of the lines the action applies to, not per line.
 * Allocation: an award computed on several lines is shared out among them pro rata by line
 * amount, by cumulative floor in basket order (the shares add up to the award exactly), so that a
 * returned line can claw back exactly its share.
 *
 * @since 0.1.0
 */
public final class Actions {

    private Actions() {
    }

    /**
     * Returns an action granting a fixed amount. On a purchase it is shared out among all lines by
     * line amount; on another event it is not tied to lines.
     *
     * @param points the amount; positive
     * @return the action
     * @throws NullPointerException if {@code points} is null
     * @throws InvalidRuleException if the amount is zero
     */
    public static Action fixed(Points points) {
        Objects.requireNonNull(points, "points must not be null");
        positive(points, "fixed award");
        return new ActionNodes.Fixed(points);
    }

    /**
     * Returns an action granting {@code rate} per whole {@code step} spent on the whole basket,
     * e.g. 2 stars per 1.00 EUR: {@code floor(basket total / step) * rate}.
     *
     * @param rate the points per step; positive
     * @param step the spend step, e.g. 1.00 EUR; positive
     * @return the action
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the rate or step is not positive
     */
    public static Action perUnitSpent(Points rate, Money step) {
        return perUnitSpentOn(LineMatcher.anyLine(), rate, step);
    }

    /**
     * Returns an action granting {@code rate} per whole {@code step} spent on the lines selected by
     * {@code matcher}: {@code floor(sum of their amounts / step) * rate}. A basket priced in another
     * money currency than {@code step} earns nothing.
     *
     * @param matcher the lines the spend is counted on
     * @param rate the points per step; positive
     * @param step the spend step, e.g. 1.00 EUR; positive
     * @return the action
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the rate or step is not positive
     */
    public static Action perUnitSpentOn(LineMatcher matcher, Points rate, Money step) {
        Objects.requireNonNull(matcher, "line matcher must not be null");
        Objects.requireNonNull(rate, "rate must not be null");
        Objects.requireNonNull(step, "spend step must not be null");
        positive(rate, "rate");
        if (step.isNegative() || step.isZero()) {
            throw new InvalidRuleException("spend step must be positive; got " + step);
        }
        return new ActionNodes.PerUnitSpent(matcher, rate, step);
    }

    /**
     * Returns an action granting {@code perItem} for every unit on the lines selected by
     * {@code matcher}, e.g. 10 points per bottle. Each line's share is its own units times the rate.
     *
     * @param matcher the lines counted
     * @param perItem the points per unit; positive
     * @return the action
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the rate is not positive
     */
    public static Action perItem(LineMatcher matcher, Points perItem) {
        Objects.requireNonNull(matcher, "line matcher must not be null");
        Objects.requireNonNull(perItem, "points per item must not be null");
        positive(perItem, "points per item");
        return new ActionNodes.PerItem(matcher, perItem);
    }

    /**
     * Returns an action doing all of the given actions, e.g. redeemable points and tier-qualifying
     * points on the same spend.
     *
     * @param actions the actions; at least one
     * @return the action
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given
     */
    public static Action all(Action... actions) {
        Objects.requireNonNull(actions, "actions must not be null");
        if (actions.length == 0) {
            throw new InvalidRuleException("Actions.all needs at least one action");
        }
        return new ActionNodes.All(List.of(actions));
    }

    private static void positive(Points points, String what) {
        if (points.isZero()) {
            throw new InvalidRuleException(what + " must be positive; got " + points);
        }
    }
}
