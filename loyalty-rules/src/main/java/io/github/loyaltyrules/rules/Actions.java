package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.internal.LineShares;
import io.github.loyaltyrules.rules.internal.Basket;
import io.github.loyaltyrules.rules.internal.BasketAction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in actions.
 *
 * <p>Rounding: points per unit spent count whole units of the spend step, rounding down
 * ({@code floor(spend / step)}), on the sum of the lines the action applies to, not per line.
 * Allocation: an award computed on several lines is shared out among them pro rata by line
 * amount, by cumulative floor in basket order (the shares add up to the award exactly), so that a
 * returned line can claw back exactly its share.
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
        String code = points.currency().code();
        long amount = points.minorUnits();
        Explanation how = new Explanation("fixed " + points, "", "", "", "");
        return declared(code, (c, basket) -> new Grant(code, amount, basket == null ? Map.of() : basket.overAll(amount), how));
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
        String code = rate.currency().code();
        String rateText = rate + " per " + step;
        String rounding = "floor to whole " + step + " (";
        boolean all = matcher == LineMatcher.anyLine();
        long rateMinor = rate.minorUnits();
        long stepMinor = step.amount().movePointRight(step.amount().scale()).longValueExact();
        return declared(code, (c, basket) -> {
            if (basket == null || !basket.currency().equals(step.currency())) {
                return null;
            }
            int lines = 0;
            long spend = 0;
            boolean overflow = false;
            for (int i = 0; i < basket.size(); i++) {
                if (all || matcher.matches(basket.line(i))) {
                    lines++;
                    long sum = spend + basket.amount(i);
                    overflow |= sum < 0;
                    spend = sum;
                }
            }
            if (lines == 0) {
                return null;
            }
            long units;
            String spent;
            if (overflow) { // more than a long of minor units: add the amounts as decimals
                BigDecimal exact = BigDecimal.ZERO;
                for (int i = 0; i < basket.size(); i++) {
                    if (all || matcher.matches(basket.line(i))) {
                        exact = exact.add(basket.line(i).amount().amount());
                    }
                }
                units = exact.divide(step.amount(), 0, RoundingMode.FLOOR).longValueExact();
                spent = basket.money(exact);
            } else {
                units = Math.floorDiv(spend, stepMinor); // same currency, so the same scale
                spent = basket.money(spend);
            }
            long amount = Math.multiplyExact(units, rateMinor);
            String base = spent + " on " + lines + (all ? "" : " matching") + (lines == 1 ? " line" : " lines");
            Explanation how = new Explanation(base, rateText, "", rounding + units + ")", "");
            return new Grant(code, amount, all ? basket.overAll(amount) : basket.overMatching(amount, matcher), how);
        });
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
        String code = perItem.currency().code();
        long rate = perItem.minorUnits();
        String rateText = perItem + " per item";
        return declared(code, (c, basket) -> {
            if (basket == null) {
                return null;
            }
            long[] parts = null;
            long items = 0;
            long amount = 0;
            for (int i = 0; i < basket.size(); i++) {
                BasketLine line = basket.line(i);
                if (matcher.matches(line)) {
                    long part = Math.multiplyExact(line.quantity(), rate);
                    if (parts == null) {
                        parts = new long[basket.size()];
                    }
                    parts[i] = part;
                    items += line.quantity();
                    amount = Math.addExact(amount, part);
                }
            }
            if (items == 0) {
                return null;
            }
            Explanation how = new Explanation(items + (items == 1 ? " item" : " items"), rateText, "", "", "");
            return new Grant(code, amount, LineShares.of(basket.lines(), parts), how);
        });
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
        List<Action> list = List.of(actions);
        Set<String> codes = new LinkedHashSet<>();
        for (Action a : list) {
            codes.addAll(a.currencies());
        }
        Set<String> declared = Set.copyOf(codes);
        return new Action() {
            @Override
            public List<Grant> grants(RuleContext context) {
                List<Grant> out = new ArrayList<>();
                for (Action a : list) {
                    out.addAll(a.grants(context));
                }
                return out;
            }

            @Override
            public Set<String> currencies() {
                return declared;
            }
        };
    }

    private static void positive(Points points, String what) {
        if (points.isZero()) {
            throw new InvalidRuleException(what + " must be positive; got " + points);
        }
    }

    private static Action declared(String code, BasketAction body) {
        return new Declared(Set.of(code), body);
    }

    /** A built-in action: one grant at most, in its declared currency, computed from the evaluation's basket. */
    private static final class Declared implements Action, BasketAction {
        private final Set<String> codes;
        private final BasketAction body;

        Declared(Set<String> codes, BasketAction body) {
            this.codes = codes;
            this.body = body;
        }

        @Override
        public List<Grant> grants(RuleContext context) {
            Basket basket = context.activity() instanceof Purchase ? Basket.of((Purchase) context.activity()) : null;
            Grant g = body.grant(context, basket);
            return g == null ? List.of() : List.of(g);
        }

        @Override
        public Grant grant(RuleContext context, Basket basket) {
            return body.grant(context, basket);
        }

        @Override
        public Set<String> currencies() {
            return codes;
        }
    }
}
