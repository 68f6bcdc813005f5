package io.github.loyaltyrules.rules.internal;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.internal.LineShares;
import io.github.loyaltyrules.rules.Action;
import io.github.loyaltyrules.rules.Grant;
import io.github.loyaltyrules.rules.LineMatcher;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The built-in actions of {@link io.github.loyaltyrules.rules.Actions}. They are values whose parts
 * can be read back (the printer writes them as text) and compared; two built with the same
 * arguments are equal. Arguments are validated by {@code Actions}.
 *
 * @since 0.1.0
 */
public final class ActionNodes {

    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** {@code "1 item"}, {@code "2 items"}, ...: the base of a per-item award, written once. */
    private static final String[] ITEMS = new String[65];

    static {
        for (int i = 1; i < ITEMS.length; i++) {
            ITEMS[i] = i + (i == 1 ? " item" : " items");
        }
    }

    private ActionNodes() {
    }

    /** A fixed amount, shared out among a purchase's lines by line amount. */
    public static final class Fixed implements Action, BasketAction {
        private final Points points;
        private final Set<String> codes;
        private final Explanation how;

        /**
         * Creates the action.
         *
         * @param points the amount; positive
         */
        public Fixed(Points points) {
            this.points = points;
            this.codes = Set.of(points.currency().code());
            this.how = new Explanation("fixed " + points, "", "", "", "");
        }

        /**
         * Returns the amount.
         *
         * @return the amount
         */
        public Points points() {
            return points;
        }

        @Override
        public List<Grant> grants(RuleContext c) {
            return List.of(grant(c, Basket.of(c)));
        }

        @Override
        public boolean earn(RuleContext c, Basket basket, Earned out) {
            long amount = points.minorUnits();
            return out.set(points.currency().code(), amount, basket == null ? Map.of() : basket.overAll(amount), how);
        }

        @Override
        public Set<String> currencies() {
            return codes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fixed && ((Fixed) o).points.equals(points);
        }

        @Override
        public int hashCode() {
            return points.hashCode();
        }

        @Override
        public String toString() {
            return "Actions.fixed(" + points + ")";
        }
    }

    /** {@code rate} per whole {@code step} spent on the selected lines, counted on an earning base. */
    public static final class PerUnitSpent implements Action, BasketAction {
        private final LineMatcher matcher;
        private final Points rate;
        private final Money step;
        private final EarningBase base;
        private final Set<String> codes;
        private final String rateText;
        private final boolean all;
        private final String rounding;
        /** The rounding part for 0 to 127 whole steps, e.g. {@code "floor to whole 1.00 EUR (45)"}, built when first needed. */
        private final String[] roundings = new String[128];
        private final long stepMinor;

        /**
         * Creates the action.
         *
         * @param matcher the lines the spend is counted on
         * @param rate the points per step; positive
         * @param step the spend step; positive
         */
        public PerUnitSpent(LineMatcher matcher, Points rate, Money step) {
            this(matcher, rate, step, EarningBase.GROSS);
        }

        /**
         * Creates the action on an earning base.
         *
         * @param matcher the lines the spend is counted on
         * @param rate the points per step; positive
         * @param step the spend step; positive
         * @param base the amounts counted
         */
        public PerUnitSpent(LineMatcher matcher, Points rate, Money step, EarningBase base) {
            this.base = base;
            this.matcher = matcher;
            this.rate = rate;
            this.step = step;
            this.codes = Set.of(rate.currency().code());
            this.rateText = rate + " per " + step;
            this.all = matcher == LineMatcher.anyLine();
            this.rounding = "floor to whole " + step + " (";
            this.stepMinor = minorUnitsOrZero(step);
        }

        /**
         * Returns the lines the spend is counted on.
         *
         * @return the matcher
         */
        public LineMatcher lines() {
            return matcher;
        }

        /**
         * Returns the points per step.
         *
         * @return the rate
         */
        public Points rate() {
            return rate;
        }

        /**
         * Returns the spend step.
         *
         * @return the step
         */
        public Money step() {
            return step;
        }

        /**
         * Returns the amounts counted.
         *
         * @return the earning base
         */
        public EarningBase base() {
            return base;
        }

        /** A step in whole minor units; 0 (a step is positive) for one beyond a long, counted in decimals. */
        private static long minorUnitsOrZero(Money step) {
            try {
                return step.amount().movePointRight(step.amount().scale()).longValueExact();
            } catch (ArithmeticException beyondALong) {
                return 0;
            }
        }

        @Override
        public List<Grant> grants(RuleContext c) {
            return Basket.grants(this, c);
        }

        @Override
        public boolean earn(RuleContext c, Basket basket, Earned out) {
            if (basket == null || !basket.currency().equals(step.currency())) {
                return false;
            }
            int lines = 0;
            long spend = 0;
            boolean overflow = false;
            for (int i = 0; i < basket.size(); i++) {
                if (all || Nodes.matches(matcher, basket.line(i))) {
                    lines++;
                    long sum = spend + basket.amount(i, base);
                    overflow |= sum < 0;
                    spend = sum;
                }
            }
            if (lines == 0) {
                return false;
            }
            long units;
            String spent;
            if (overflow || stepMinor == 0) { // more than a long of minor units: add the amounts as decimals
                BigDecimal exact = BigDecimal.ZERO;
                for (int i = 0; i < basket.size(); i++) {
                    if (all || Nodes.matches(matcher, basket.line(i))) {
                        exact = exact.add(base == EarningBase.GROSS ? basket.line(i).amount().amount()
                                : basket.purchase().baseAmounts(base).get(i).amount());
                    }
                }
                BigDecimal whole = exact.divide(step.amount(), 0, RoundingMode.FLOOR);
                spent = basket.money(exact);
                if (whole.compareTo(LONG_MAX) > 0) {
                    throw overflow(Inputs.shown(whole), exact);
                }
                units = whole.longValue();
            } else {
                units = Math.floorDiv(spend, stepMinor); // same currency, so the same scale
                spent = null; // written with the rest of the base below, in one string
            }
            long amount;
            try {
                amount = Math.multiplyExact(units, rate.minorUnits());
            } catch (ArithmeticException e) {
                throw overflow(String.valueOf(units), null);
            }
            String kind = all ? (lines == 1 ? " line" : " lines") : (lines == 1 ? " matching line" : " matching lines");
            String counted = spent != null ? spent + " on " + lines + kind + baseText(base)
                    : base == EarningBase.GROSS ? basket.moneyOn(spend, lines, kind) // one string, not one more for ""
                    : basket.moneyOn(spend, lines, kind) + baseText(base);
            Explanation how = new Explanation(counted, rateText, "", rounding(units), "");
            return out.set(rate.currency().code(), amount, base != EarningBase.GROSS
                    ? basket.over(amount, all ? null : matcher, base)
                    : all ? basket.overAll(amount) : basket.overMatching(amount, matcher), how);
        }

        /**
         * The rounding part of the explanation for so many whole steps; for up to 127 built once and kept
         * (a race builds an equal string, and strings are safely published through their final fields).
         */
        private String rounding(long units) {
            if (units < 0 || units >= roundings.length) {
                return rounding + units + ")";
            }
            String text = roundings[(int) units];
            if (text == null) {
                text = rounding + units + ")";
                roundings[(int) units] = text;
            }
            return text;
        }

        /**
         * Returns how a base other than the gross one reads after an amount, e.g. {@code " net of discounts"};
         * {@code ""} for the gross base.
         *
         * @param base the earning base
         * @return the words, with a leading space
         */
        public static String baseText(EarningBase base) {
            switch (base) {
                case NET:
                    return " net of discounts";
                case GROSS_EXCLUDING_TAX:
                    return " excluding tax";
                case NET_EXCLUDING_TAX:
                    return " net of discounts, excluding tax";
                default:
                    return "";
            }
        }

        /** Points for so many steps beyond a long; {@code spent} is the spend when it was added in decimals. */
        private AmountOverflowException overflow(String units, BigDecimal spent) {
            String code = " " + step.currency().getCurrencyCode();
            String per = Inputs.shown(step.amount()) + code;
            return new AmountOverflowException("earning " + rate + " per " + per + " on " + units + " steps of " + per
                    + (spent == null ? "" : " (" + Inputs.shown(spent) + code + " spent)")
                    + " does not fit the exact range of a long in minor units");
        }

        @Override
        public Set<String> currencies() {
            return codes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PerUnitSpent && ((PerUnitSpent) o).matcher.equals(matcher)
                    && ((PerUnitSpent) o).rate.equals(rate) && ((PerUnitSpent) o).step.equals(step)
                    && ((PerUnitSpent) o).base == base;
        }

        @Override
        public int hashCode() {
            return Objects.hash(matcher, rate, step, base);
        }

        @Override
        public String toString() {
            return "Actions.perUnitSpentOn(" + matcher + ", " + rateText
                    + (base == EarningBase.GROSS ? "" : ", " + base) + ")";
        }
    }

    /** {@code perItem} for every unit on the selected lines. */
    public static final class PerItem implements Action, BasketAction {
        private final LineMatcher matcher;
        private final Points perItem;
        private final Set<String> codes;
        private final String rateText;
        /** The explanations of awards on 1 to 64 items, built when first needed. */
        private final Explanation[] explained = new Explanation[ITEMS.length];

        /**
         * Creates the action.
         *
         * @param matcher the lines counted
         * @param perItem the points per unit; positive
         */
        public PerItem(LineMatcher matcher, Points perItem) {
            this.matcher = matcher;
            this.perItem = perItem;
            this.codes = Set.of(perItem.currency().code());
            this.rateText = perItem + " per item";
        }

        /**
         * Returns the lines counted.
         *
         * @return the matcher
         */
        public LineMatcher lines() {
            return matcher;
        }

        /**
         * Returns the points per unit.
         *
         * @return the rate
         */
        public Points perItem() {
            return perItem;
        }

        @Override
        public List<Grant> grants(RuleContext c) {
            return Basket.grants(this, c);
        }

        @Override
        public boolean earn(RuleContext c, Basket basket, Earned out) {
            if (basket == null) {
                return false;
            }
            long rate = perItem.minorUnits();
            long[] parts = null;
            long items = 0;
            long amount = 0;
            for (int i = 0; i < basket.size(); i++) {
                BasketLine line = basket.line(i);
                if (Nodes.matches(matcher, line)) {
                    long part;
                    try {
                        part = Math.multiplyExact(line.quantity(), rate);
                    } catch (ArithmeticException e) {
                        throw new AmountOverflowException("earning " + rateText + " on " + line.quantity()
                                + " items of line '" + Inputs.shown(line.lineId()) + "' does not fit the exact range"
                                + " of a long in minor units");
                    }
                    if (parts == null) {
                        parts = new long[basket.size()];
                    }
                    parts[i] = part;
                    items += line.quantity(); // at most the amount: the rate is positive
                    try {
                        amount = Math.addExact(amount, part);
                    } catch (ArithmeticException e) {
                        throw new AmountOverflowException("earning " + rateText + " on the items of the matching"
                                + " lines up to line '" + Inputs.shown(line.lineId()) + "' adds up to more than the"
                                + " exact range of a long in minor units");
                    }
                }
            }
            if (items == 0) {
                return false;
            }
            Explanation how = explained(items);
            return out.set(perItem.currency().code(), amount, LineShares.of(basket.lines(), parts), how);
        }

        @Override
        public Set<String> currencies() {
            return codes;
        }

        /**
         * The explanation of an award on so many items; for up to 64 items built once and kept (the
         * array is filled as counts are first seen: a race builds an equal one, and records are
         * safely published through their final fields).
         */
        private Explanation explained(long items) {
            if (items >= ITEMS.length) {
                return new Explanation(items + " items", rateText, "", "", "");
            }
            Explanation how = explained[(int) items];
            if (how == null) {
                how = new Explanation(ITEMS[(int) items], rateText, "", "", "");
                explained[(int) items] = how;
            }
            return how;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PerItem && ((PerItem) o).matcher.equals(matcher) && ((PerItem) o).perItem.equals(perItem);
        }

        @Override
        public int hashCode() {
            return Objects.hash(matcher, perItem);
        }

        @Override
        public String toString() {
            return "Actions.perItem(" + matcher + ", " + perItem + ")";
        }
    }

    /**
     * {@code rate} per whole {@code step} of a unit measured on the selected lines, e.g. 1 point per 2
     * litres: the measures of the selected lines in that unit are added exactly, divided by the step and
     * rounded down. With the unit {@code ""}, the units of the selected lines instead, e.g. 1
     * point per 3 items. The award is shared out over those lines pro rata by their measures or units.
     */
    public static final class PerMeasure implements Action, BasketAction {
        private final LineMatcher matcher;
        private final Points rate;
        private final BigDecimal step;
        private final String unit;
        private final Set<String> codes;
        private final String rateText;

        /**
         * Creates the action.
         *
         * @param matcher the lines counted
         * @param rate the points per step; positive
         * @param step the step of the measure; positive, stripped of trailing zeros
         * @param unit the unit, e.g. {@code "L"}, or {@code ""} for counted items
         */
        public PerMeasure(LineMatcher matcher, Points rate, BigDecimal step, String unit) {
            this.matcher = matcher;
            this.rate = rate;
            this.step = step;
            this.unit = unit;
            this.codes = Set.of(rate.currency().code());
            this.rateText = rate + " per " + step.toPlainString() + " " + unitText();
        }

        /** The unit as written after a number: {@code "items"} for counted units. */
        private String unitText() {
            return unit.isEmpty() ? "items" : unit;
        }

        /** What a line counts: its measure in the unit, its units for counted items, or null if it counts nothing. */
        private BigDecimal counted(BasketLine line) {
            if (!matcher.matches(line)) {
                return null;
            }
            if (unit.isEmpty()) {
                return BigDecimal.valueOf(line.quantity()); // a measured line is one item, as for perItem
            }
            return unit.equals(line.unit()) ? line.measure() : null;
        }

        /**
         * Returns the lines counted.
         *
         * @return the matcher
         */
        public LineMatcher lines() {
            return matcher;
        }

        /**
         * Returns the points per step.
         *
         * @return the rate
         */
        public Points rate() {
            return rate;
        }

        /**
         * Returns the step of the measure.
         *
         * @return the step
         */
        public BigDecimal step() {
            return step;
        }

        /**
         * Returns the unit.
         *
         * @return the unit
         */
        public String unit() {
            return unit;
        }

        @Override
        public List<Grant> grants(RuleContext c) {
            return Basket.grants(this, c);
        }

        @Override
        public boolean earn(RuleContext c, Basket basket, Earned out) {
            if (basket == null) {
                return false;
            }
            BigDecimal measured = BigDecimal.ZERO;
            int lines = 0;
            for (int i = 0; i < basket.size(); i++) {
                BigDecimal m = counted(basket.line(i));
                if (m != null) {
                    measured = measured.add(m);
                    lines++;
                }
            }
            if (lines == 0) {
                return false;
            }
            BigDecimal whole = measured.divide(step, 0, RoundingMode.FLOOR);
            String base = measured.toPlainString() + " " + unitText() + " on " + lines + (lines == 1 ? " line" : " lines");
            long amount;
            try {
                amount = Math.multiplyExact(whole.longValueExact(), rate.minorUnits());
            } catch (ArithmeticException e) {
                throw new AmountOverflowException("earning " + rateText + " on " + Inputs.shown(measured) + " " + unitText()
                        + " does not fit the exact range of a long in minor units");
            }
            Explanation how = new Explanation(base, rateText, "", "floor to whole " + step.toPlainString() + " "
                    + unitText() + " (" + whole.toPlainString() + ")", "");
            return out.set(rate.currency().code(), amount, LineShares.of(basket.lines(),
                    byMeasure(basket, amount)), how);
        }

        /** {@code amount} shared over the counted lines by measure, exactly: largest remainders, first on a tie. */
        private long[] byMeasure(Basket basket, long amount) {
            int n = basket.size();
            java.math.BigInteger[] w = new java.math.BigInteger[n];
            java.math.BigInteger total = java.math.BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                BigDecimal m = counted(basket.line(i));
                w[i] = m != null ? m.movePointRight(BasketLine.MAX_MEASURE_SCALE).toBigIntegerExact()
                        : java.math.BigInteger.ZERO;
                total = total.add(w[i]);
            }
            long[] parts = new long[n];
            java.math.BigInteger[] rest = new java.math.BigInteger[n];
            java.math.BigInteger a = java.math.BigInteger.valueOf(amount);
            long left = amount;
            for (int i = 0; i < n; i++) {
                java.math.BigInteger[] qr = a.multiply(w[i]).divideAndRemainder(total);
                parts[i] = qr[0].longValueExact();
                rest[i] = qr[1];
                left -= parts[i];
            }
            while (left > 0) {
                int best = -1;
                for (int i = 0; i < n; i++) {
                    if (rest[i].signum() > 0 && (best < 0 || rest[i].compareTo(rest[best]) > 0)) {
                        best = i;
                    }
                }
                parts[best]++;
                rest[best] = java.math.BigInteger.ZERO;
                left--;
            }
            return parts;
        }

        @Override
        public Set<String> currencies() {
            return codes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PerMeasure && ((PerMeasure) o).matcher.equals(matcher)
                    && ((PerMeasure) o).rate.equals(rate) && ((PerMeasure) o).step.equals(step)
                    && ((PerMeasure) o).unit.equals(unit);
        }

        @Override
        public int hashCode() {
            return Objects.hash(matcher, rate, step, unit);
        }

        @Override
        public String toString() {
            return "Actions.perMeasure(" + matcher + ", " + rateText + ")";
        }
    }

    /** All of several actions, their grants in order. */
    public static final class All implements Action {
        private final List<Action> parts;
        private final Set<String> codes;

        /**
         * Creates the action.
         *
         * @param parts the actions; at least one
         */
        public All(List<Action> parts) {
            this.parts = List.copyOf(parts);
            Set<String> c = new LinkedHashSet<>();
            for (Action a : this.parts) {
                c.addAll(a.currencies());
            }
            this.codes = Set.copyOf(c);
        }

        /**
         * Returns the actions.
         *
         * @return the actions, in order
         */
        public List<Action> parts() {
            return parts;
        }

        @Override
        public List<Grant> grants(RuleContext context) {
            List<Grant> out = new ArrayList<>();
            for (Action a : parts) {
                out.addAll(a.grants(context));
            }
            return out;
        }

        @Override
        public Set<String> currencies() {
            return codes;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof All && ((All) o).parts.equals(parts);
        }

        @Override
        public int hashCode() {
            return parts.hashCode();
        }

        @Override
        public String toString() {
            return "Actions.all" + parts;
        }
    }
}
