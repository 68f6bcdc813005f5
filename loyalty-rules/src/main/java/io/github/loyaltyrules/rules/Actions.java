package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rules.internal.ActionNodes;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

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
     * Returns an action granting {@code rate} per whole {@code step} spent on the lines selected by
     * {@code matcher}, the spend counted on an earning base: e.g. on the amount net of discounts
     * ({@link EarningBase#NET}) or without tax ({@link EarningBase#GROSS_EXCLUDING_TAX}). Each line's share
     * is pro rata by its amount on that base. On {@link EarningBase#GROSS} it is
     * {@link #perUnitSpentOn(LineMatcher, Points, Money)}.
     *
     * @param matcher the lines the spend is counted on
     * @param rate the points per step; positive
     * @param step the spend step, e.g. 1.00 EUR; positive
     * @param base the amounts counted
     * @return the action
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the rate or step is not positive
     */
    public static Action perUnitSpentOn(LineMatcher matcher, Points rate, Money step, EarningBase base) {
        Objects.requireNonNull(base, "earning base must not be null");
        ActionNodes.PerUnitSpent gross = (ActionNodes.PerUnitSpent) perUnitSpentOn(matcher, rate, step);
        return base == EarningBase.GROSS ? gross : new ActionNodes.PerUnitSpent(matcher, rate, step, base);
    }

    /**
     * Returns an action granting {@code rate} per whole {@code step} measured on the selected lines in a
     * unit, e.g. 1 point per 2 litres of fuel: the exact decimal measures of the selected measured lines
     * ({@link io.github.loyaltyrules.rule.BasketLine#measured}) in that unit are added, divided by the step
     * and rounded down. Counted lines and lines in other units count nothing. Each line's share is pro rata
     * by its measure.
     *
     * @param matcher the lines counted
     * @param rate the points per step; positive
     * @param step the step of the measure, e.g. 2; positive, at most
     *        {@value io.github.loyaltyrules.rule.BasketLine#MAX_MEASURE_SCALE} decimals and
     *        {@value io.github.loyaltyrules.rule.BasketLine#MAX_MEASURE_DIGITS} digits
     * @param unit the unit, e.g. {@code "L"}, {@code "kg"}: 1 to 16 letters, as the lines write it
     * @return the action
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the rate or step is not positive, the step has too many decimals or
     *         digits, or the unit is not 1 to 16 letters
     */
    public static Action perMeasureOn(LineMatcher matcher, Points rate, BigDecimal step, String unit) {
        Objects.requireNonNull(matcher, "line matcher must not be null");
        Objects.requireNonNull(rate, "rate must not be null");
        Objects.requireNonNull(step, "measure step must not be null");
        Objects.requireNonNull(unit, "unit must not be null");
        positive(rate, "rate");
        if (!UNIT.matcher(unit).matches()) {
            throw new InvalidRuleException("unit must be 1 to 16 letters, e.g. \"L\" or \"kg\"; got '"
                    + Inputs.shown(unit) + "'");
        }
        BigDecimal s = step.signum() > 0 ? step.stripTrailingZeros() : step;
        if (s.signum() <= 0 || s.scale() > BasketLine.MAX_MEASURE_SCALE
                || (long) s.precision() - s.scale() > BasketLine.MAX_MEASURE_DIGITS) {
            throw new InvalidRuleException("measure step must be positive with at most "
                    + BasketLine.MAX_MEASURE_SCALE + " decimals and " + BasketLine.MAX_MEASURE_DIGITS
                    + " digits; got " + Inputs.shown(step) + " " + Inputs.shown(unit));
        }
        return new ActionNodes.PerMeasure(matcher, rate, s.scale() < 0 ? s.setScale(0) : s, unit);
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

    /**
     * Returns an action granting {@code rate} per whole {@code step} items on the selected lines, e.g. 10
     * points per 3 bottles: the units of the selected lines are added, divided by the step and rounded
     * down; a measured line is one item, as for {@link #perItem}. Each line's share is pro rata by its
     * units. A step of 1 is {@link #perItem(LineMatcher, Points)}.
     *
     * @param matcher the lines counted
     * @param rate the points per step; positive
     * @param step the number of items per step; at least 1
     * @return the action
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the rate is not positive or the step is less than 1
     */
    public static Action perItemsOn(LineMatcher matcher, Points rate, long step) {
        Objects.requireNonNull(matcher, "line matcher must not be null");
        Objects.requireNonNull(rate, "rate must not be null");
        positive(rate, "rate");
        if (step < 1) {
            throw new InvalidRuleException("items per step must be at least 1; got " + step);
        }
        return step == 1 ? perItem(matcher, rate) : new ActionNodes.PerMeasure(matcher, rate, BigDecimal.valueOf(step), "");
    }

    private static final Pattern UNIT = Pattern.compile("\\p{L}{1,16}");

    private static void positive(Points points, String what) {
        if (points.isZero()) {
            throw new InvalidRuleException(what + " must be positive; got " + points);
        }
    }
}
