package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.internal.Allocation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
        return declared(code, c -> {
            Map<String, Long> shares = c.activity() instanceof Purchase
                    ? Allocation.overLines(amount, ((Purchase) c.activity()).lines()) : Map.of();
            return List.of(new Grant(code, amount, shares, how));
        });
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
        boolean all = matcher == LineMatcher.anyLine();
        return declared(code, c -> {
            if (!(c.activity() instanceof Purchase)) {
                return List.of();
            }
            Purchase p = (Purchase) c.activity();
            if (!p.lines().get(0).unitPrice().currency().equals(step.currency())) {
                return List.of();
            }
            List<BasketLine> lines = new ArrayList<>();
            BigDecimal spend = BigDecimal.ZERO;
            for (BasketLine line : p.lines()) {
                if (matcher.matches(line)) {
                    lines.add(line);
                    spend = spend.add(line.amount().amount());
                }
            }
            if (lines.isEmpty()) {
                return List.of();
            }
            BigDecimal units = spend.divide(step.amount(), 0, RoundingMode.FLOOR);
            long amount = units.multiply(BigDecimal.valueOf(rate.minorUnits())).longValueExact();
            Money spent = Money.of(spend, step.currency());
            String base = spent + " on " + lines.size() + (all ? "" : " matching") + (lines.size() == 1 ? " line" : " lines");
            Explanation how = new Explanation(base, rateText, "",
                    "floor to whole " + step + " (" + units.toPlainString() + ")", "");
            return List.of(new Grant(code, amount, Allocation.overLines(amount, lines), how));
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
        return declared(code, c -> {
            if (!(c.activity() instanceof Purchase)) {
                return List.of();
            }
            Map<String, Long> shares = new LinkedHashMap<>();
            long items = 0;
            long amount = 0;
            for (BasketLine line : ((Purchase) c.activity()).lines()) {
                if (matcher.matches(line)) {
                    long part = Math.multiplyExact(line.quantity(), rate);
                    shares.put(line.lineId(), part);
                    items += line.quantity();
                    amount = Math.addExact(amount, part);
                }
            }
            if (items == 0) {
                return List.of();
            }
            Explanation how = new Explanation(items + (items == 1 ? " item" : " items"), rateText, "", "", "");
            return List.of(new Grant(code, amount, shares, how));
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

    private static Action declared(String code, Action body) {
        Set<String> codes = Set.of(code);
        return new Action() {
            @Override
            public List<Grant> grants(RuleContext context) {
                return body.grants(context);
            }

            @Override
            public Set<String> currencies() {
                return codes;
            }
        };
    }
}
