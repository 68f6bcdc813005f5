package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.internal.LineShares;
import io.github.loyaltyrules.rules.internal.ActionNodes;
import io.github.loyaltyrules.rules.internal.Allocation;
import io.github.loyaltyrules.rules.internal.Basket;
import io.github.loyaltyrules.rules.internal.BasketAction;
import io.github.loyaltyrules.rules.internal.Earned;
import io.github.loyaltyrules.rules.internal.Nodes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Evaluates activities against a rule set's compiled rules (see {@link RuleSet} for what evaluation
 * does). Per activity it reads the candidates from the {@link RuleIndex}, works in the thread's
 * {@link Scratch} and allocates what it returns: the awards, their explanations and line shares.
 * Rule sets with exclusive groups, per-member caps or campaign budgets take a second pass through
 * {@link Selection}.
 */
final class Evaluator {

    final CompiledRule[] rules;
    private final RuleIndex index;
    private final String[] codes;
    private final PointCurrency[] currencies;
    private final Map<String, PointCurrency> byCode;
    private final MultiplierStacking stacking;
    /** No rule is in an exclusive group, has a per-member cap or a campaign budget: awards need no second pass. */
    private final boolean plain;
    private final Selection selection;

    Evaluator(CompiledRule[] rules, List<PointCurrency> currencies, Map<String, PointCurrency> byCode,
            MultiplierStacking stacking, Map<String, GroupSelection> groups, boolean plain) {
        this.rules = rules;
        this.index = new RuleIndex(rules);
        this.currencies = currencies.toArray(new PointCurrency[0]);
        this.codes = new String[this.currencies.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = this.currencies[i].code();
        }
        this.byCode = byCode;
        this.stacking = stacking;
        this.plain = plain;
        this.selection = new Selection(this, currencies, groups, stacking);
    }

    /** The ordinals of every rule applying to the activity's event type, in evaluation order; not to be changed. */
    int[] ofType(RuleContext context) {
        return index.ofType(context.activity().type());
    }

    /** The candidate rules of an activity, in evaluation order. */
    List<Rule> candidates(RuleContext context) {
        Scratch s = Scratch.acquire();
        try {
            int n = index.candidates(context, s);
            List<Rule> out = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                out.add(rules[s.list[k]].rule);
            }
            return out;
        } finally {
            s.release();
        }
    }

    /**
     * Evaluates; with {@code draws}, draws caps and budgets there. {@code naive} tests every rule of the
     * activity's event type in order, with each condition's own test and multipliers in decimals: the
     * reference that the index, the compiled conditions and the arithmetic in longs must agree with.
     */
    Evaluation evaluate(RuleContext context, Selection.Draws draws, boolean naive) {
        Scratch s = Scratch.acquire();
        try {
            return evaluate(context, draws, naive, s);
        } finally {
            s.release();
        }
    }

    private Evaluation evaluate(RuleContext context, Selection.Draws draws, boolean naive, Scratch s) {
        int n = naive ? index.everyRule(context, s) : index.candidates(context, s);
        if (n == 0) {
            return Evaluation.NOTHING;
        }
        int[] candidates = s.list;
        Purchase purchase = context.activity() instanceof Purchase ? (Purchase) context.activity() : null;
        Basket basket = purchase == null ? null : s.basket.reset(purchase);
        int slots = purchase == null ? 1 : purchase.lines().size();
        s.size(codes.length, slots);
        List<Selection.Outcome> awarding = null;
        for (int k = 0; k < n; k++) {
            CompiledRule r = rules[candidates[k]];
            if (!r.activeAt(context)
                    || !(naive ? r.rule.condition().test(context) : r.condition.test(context, basket))) {
                continue;
            }
            if (r.multiplier != null) {
                s.multiplying(r.ordinal);
            } else if (plain) { // no group to choose in, nothing to draw: award straight away
                grant(r, context, basket, s, true);
            } else {
                Selection.Outcome out = grant(r, context, basket, s, false);
                if (out != null) {
                    if (awarding == null) {
                        awarding = new ArrayList<>(Math.min(n, 10));
                    }
                    awarding.add(out);
                }
            }
        }
        if (awarding != null) {
            selection.award(awarding, context, draws, s);
        }
        if (s.awardCount == 0) {
            return Evaluation.NOTHING; // nothing earned, so nothing for multipliers to multiply
        }
        if (s.multiplyingCount == 0) {
            return new Evaluation(list(s.awards, s.awardCount));
        }
        for (int i = 0; i < s.awardCount; i++) {
            Award a = s.awards[i];
            int c = currency(a.currency());
            s.based[c] = true;
            try {
                addToSlots(s.base[c], a.amount(), a.lineShares(), basket);
            } catch (ArithmeticException e) {
                throw new AmountOverflowException("awards in " + a.currency() + " add up to more than the exact range"
                        + " of a long (" + Long.MAX_VALUE + " minor units) at the award of rule '"
                        + Inputs.shown(a.ruleId()) + "'");
            }
        }
        if (plain && stacking == MultiplierStacking.ADDITIVE) { // each bonus as it is: no group, no draw, no product
            for (int j = 0; j < s.multiplyingCount; j++) {
                CompiledRule r = rules[s.multiplying[j]];
                if (multiply(r, s, null, basket, context, naive, s.earned)) {
                    s.award(award(r, s.earned));
                }
            }
            return new Evaluation(list(s.awards, s.awardCount));
        }
        List<Selection.Outcome> bonuses = new ArrayList<>();
        for (int j = 0; j < s.multiplyingCount; j++) {
            CompiledRule r = rules[s.multiplying[j]];
            Grant g = multiply(r, s, null, basket, context, naive);
            if (g != null) {
                bonuses.add(new Selection.Outcome(r, List.of(g)));
            }
        }
        selection.multiply(bonuses, context, draws, s, basket, naive);
        return new Evaluation(list(s.awards, s.awardCount));
    }

    /** An immutable list of the first {@code n} awards, copied once. */
    private static List<Award> list(Award[] a, int n) {
        switch (n) {
            case 1: return List.of(a[0]);
            case 2: return List.of(a[0], a[1]);
            case 3: return List.of(a[0], a[1], a[2]);
            case 4: return List.of(a[0], a[1], a[2], a[3]);
            case 5: return List.of(a[0], a[1], a[2], a[3], a[4]);
            case 6: return List.of(a[0], a[1], a[2], a[3], a[4], a[5]);
            case 7: return List.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
            case 8: return List.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
            default: return List.of(Arrays.copyOf(a, n));
        }
    }

    /** The position of a currency code in the rule set's currencies, or -1. */
    int currency(String code) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == code || codes[i].equals(code)) {
                return i;
            }
        }
        return -1;
    }

    private static void addToSlots(long[] slots, long amount, Map<String, Long> shares, Basket basket) {
        if (basket == null) {
            slots[0] = Math.addExact(slots[0], amount);
            return;
        }
        List<BasketLine> lines = basket.lines();
        if (shares instanceof LineShares && ((LineShares) shares).over(lines)) {
            LineShares s = (LineShares) shares;
            for (int i = 0; i < slots.length; i++) {
                slots[i] = Math.addExact(slots[i], s.part(i));
            }
            return;
        }
        for (int i = 0; i < slots.length; i++) {
            Long share = shares.get(lines.get(i).lineId());
            if (share != null) {
                slots[i] = Math.addExact(slots[i], share);
            }
        }
    }

    /** The rule's per-transaction caps left, fresh for one call: {@code s.capLeft}, or null if it has none. */
    private static long[] caps(CompiledRule r, Scratch s) {
        if (r.caps == null) {
            return null;
        }
        System.arraycopy(r.caps, 0, s.capLeft, 0, r.caps.length);
        return s.capLeft;
    }

    /**
     * Runs a rule's actions: what they grant after its per-transaction caps, or null if nothing.
     * With {@code direct}, the grants are added to the scratch's awards instead, and null returned.
     */
    Selection.Outcome grant(CompiledRule r, RuleContext context, Basket basket, Scratch s, boolean direct) {
        List<Action> actions = r.actions;
        long[] capLeft = caps(r, s);
        Grant first = null;
        List<Grant> more = null;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a instanceof BasketAction) { // a built-in: at most one grant, no list
                Earned e = s.earned;
                boolean earned;
                try {
                    earned = earn((BasketAction) a, context, basket, e) && admit(r, e, basket, capLeft);
                } catch (AmountOverflowException x) {
                    throw overflow(r, x.getMessage());
                }
                if (!earned) {
                    continue;
                }
                if (direct) { // straight to the award: no grant on the way
                    s.award(award(r, e));
                } else {
                    Grant g = e.grant();
                    if (first == null) {
                        first = g;
                    } else {
                        more = add(more, first, g);
                    }
                }
                continue;
            }
            for (Grant g : a.grants(context)) {
                try {
                    g = admit(r, g, basket, capLeft);
                } catch (AmountOverflowException e) {
                    throw overflow(r, e.getMessage());
                }
                if (g != null && direct) {
                    s.award(award(r, g));
                } else if (g != null) {
                    if (first == null) {
                        first = g;
                    } else {
                        more = add(more, first, g);
                    }
                }
            }
        }
        return first == null ? null : new Selection.Outcome(r, more == null ? List.of(first) : more);
    }

    /** {@code a.earn(...)}, calling the usual built-ins by their own (final) types: no interface call. */
    private static boolean earn(BasketAction a, RuleContext context, Basket basket, Earned out) {
        if (a instanceof ActionNodes.PerUnitSpent) {
            return ((ActionNodes.PerUnitSpent) a).earn(context, basket, out);
        }
        if (a instanceof ActionNodes.Fixed) {
            return ((ActionNodes.Fixed) a).earn(context, basket, out);
        }
        if (a instanceof ActionNodes.PerItem) {
            return ((ActionNodes.PerItem) a).earn(context, basket, out);
        }
        return a.earn(context, basket, out);
    }

    /** An amount beyond a long while evaluating rule {@code r}: the rule, then what overflowed. */
    static AmountOverflowException overflow(CompiledRule r, String what) {
        return new AmountOverflowException("rule '" + Inputs.shown(r.rule.id()) + "': " + what);
    }

    private static List<Grant> add(List<Grant> more, Grant first, Grant g) {
        List<Grant> out = more;
        if (out == null) {
            out = new ArrayList<>();
            out.add(first);
        }
        out.add(g);
        return out;
    }

    /**
     * Checks a grant's currency, drops it if zero, shares a purchase grant without line shares out
     * by line amount, and applies the rule's per-transaction cap; null if nothing is left.
     */
    private Grant admit(CompiledRule r, Grant g, Basket basket, long[] capLeft) {
        int c = currency(g.currency());
        if (c < 0) {
            throw new UnknownCurrencyException("rule '" + Inputs.shown(r.rule.id()) + "' granted " + g.currency()
                    + ", which is not a currency of this rule set; currencies are " + byCode.keySet());
        }
        if (g.amount() == 0) {
            return null;
        }
        Grant shared = g;
        if (basket != null && g.lineShares().isEmpty()) {
            shared = new Grant(g.currency(), g.amount(), basket.overAll(g.amount()), g.explanation());
        }
        return cap(r, shared, c, capLeft);
    }

    /** {@link #admit(CompiledRule, Grant, Basket, long[])} in place: false if nothing is left. */
    private boolean admit(CompiledRule r, Earned e, Basket basket, long[] capLeft) {
        if (e.amount < 0) {
            e.grant(); // refused as the grant would be
        }
        int c = currency(e.currency);
        if (c < 0) {
            throw new UnknownCurrencyException("rule '" + Inputs.shown(r.rule.id()) + "' granted " + e.currency
                    + ", which is not a currency of this rule set; currencies are " + byCode.keySet());
        }
        if (e.amount == 0) {
            return false;
        }
        if (basket != null && e.shares.isEmpty()) {
            e.shares = basket.overAll(e.amount);
        }
        return cap(r, e, c, capLeft);
    }

    /** {@link #cap(CompiledRule, Grant, int, long[])} in place: false if nothing is left. */
    private boolean cap(CompiledRule r, Earned e, int c, long[] capLeft) {
        if (capLeft == null || capLeft[c] < 0) {
            return true;
        }
        long left = capLeft[c];
        if (left == 0) {
            return false;
        }
        if (e.amount <= left) {
            capLeft[c] = left - e.amount;
            return true;
        }
        capLeft[c] = 0;
        String text = "capped at " + points(e.currency, r.caps[c]) + " per transaction (was "
                + points(e.currency, e.amount) + ")";
        e.shares = Allocation.scale(e.shares, left);
        e.how = addCap(e.how, text);
        e.amount = left;
        return true;
    }

    private Grant cap(CompiledRule r, Grant g, int c, long[] capLeft) {
        if (capLeft == null || capLeft[c] < 0) {
            return g;
        }
        long left = capLeft[c];
        if (left == 0) {
            return null;
        }
        if (g.amount() <= left) {
            capLeft[c] = left - g.amount();
            return g;
        }
        capLeft[c] = 0;
        String text = "capped at " + points(g.currency(), r.caps[c]) + " per transaction (was "
                + points(g.currency(), g.amount()) + ")";
        return new Grant(g.currency(), left, Allocation.scale(g.lineShares(), left), addCap(g.explanation(), text));
    }

    static Explanation addCap(Explanation e, String text) {
        return e.withCap(e.cap().isEmpty() ? text : e.cap() + "; " + text);
    }

    String points(String currency, long minorUnits) {
        return Points.of(byCode.get(currency), minorUnits).toString();
    }

    static Award award(CompiledRule r, Grant g) {
        return new Award(r.rule.id(), r.rule.name(), g.currency(), g.amount(), g.lineShares(), g.explanation());
    }

    static Award award(CompiledRule r, Earned e) {
        return new Award(r.rule.id(), r.rule.name(), e.currency, e.amount, e.shares, e.how);
    }

    /** The multiplier part of a multiplier's explanation, e.g. {@code "1.5x (tier Gold, additive)"}. */
    static String multiplierText(BigDecimal factor, boolean fromTier, String tier, MultiplierStacking stacking) {
        return factor.stripTrailingZeros().toPlainString() + "x (" + (fromTier ? "tier " + tier + ", " : "")
                + (stacking == MultiplierStacking.ADDITIVE ? "additive" : "compound") + ")";
    }

    /**
     * Computes a multiplier rule's bonus, or null if none. With {@code products == null} it is the
     * additive bonus; otherwise the compound bonus on top of the products so far, which it then updates.
     */
    Grant multiply(CompiledRule r, Scratch s, BigDecimal[][] products, Basket basket, RuleContext context,
            boolean naive) {
        return multiply(r, s, products, basket, context, naive, s.earned) ? s.earned.grant() : null;
    }

    /**
     * Computes a multiplier rule's bonus into {@code out}, as {@link #multiply(CompiledRule, Scratch,
     * BigDecimal[][], Basket, RuleContext, boolean)} does; false if none.
     */
    private boolean multiply(CompiledRule r, Scratch s, BigDecimal[][] products, Basket basket, RuleContext context,
            boolean naive, Earned out) {
        Purchase purchase = basket == null ? null : basket.purchase();
        Multiplier m = r.multiplier;
        int c = r.multiplierCurrency;
        long[] b = s.based[c] ? s.base[c] : null;
        BigDecimal factor = m.fromTier() ? context.member().tierMultiplier() : m.factor();
        if (b == null || (m.fromTier() ? factor.compareTo(BigDecimal.ONE) <= 0 : !r.multiplies)) {
            return false;
        }
        if (purchase == null && m.lines() != Nodes.ANY_LINE) {
            return false;
        }
        BigDecimal[] p = null;
        if (products != null) {
            p = products[c];
            if (p == null) {
                p = new BigDecimal[b.length];
                Arrays.fill(p, BigDecimal.ONE);
                products[c] = p;
            }
        }
        long num = 0;
        long den = 0; // 0: multiply in decimals
        if (p == null && !naive) {
            if (!m.fromTier()) {
                num = r.extraNumerator;
                den = r.extraDenominator;
            } else {
                if (s.tierFactor != factor) {
                    tierFraction(s, factor);
                }
                num = s.tierNumerator;
                den = s.tierDenominator;
            }
        }
        BigDecimal extra = null;
        long[] shares = null;
        long amount = 0;
        long baseSum = 0;
        int lines = 0;
        LineMatcher on = purchase == null || m.lines() == Nodes.ANY_LINE ? null : m.lines(); // null: every line
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0 || (on != null && !Nodes.matches(on, purchase.lines().get(i)))) {
                continue;
            }
            long bonus;
            try {
                long high = den == 0 ? 1 : Math.multiplyHigh(b[i], num);
                long low = b[i] * num;
                if (high == 0 && low >= 0) { // b * (factor - 1) fits: floor of the fraction, both positive
                    // in lowest terms: x2 divides by 1, x1.5 by 2 (a shift), x1.25 by 4
                    bonus = den == 1 ? low : (den & (den - 1)) == 0 ? low >>> Long.numberOfTrailingZeros(den)
                            : low / den;
                } else if (p == null) {
                    extra = extra == null ? factor.subtract(BigDecimal.ONE) : extra;
                    bonus = BigDecimal.valueOf(b[i]).multiply(extra).setScale(0, RoundingMode.FLOOR).longValueExact();
                } else {
                    BigDecimal bi = BigDecimal.valueOf(b[i]);
                    BigDecimal next = p[i].multiply(factor);
                    bonus = bi.multiply(next).setScale(0, RoundingMode.FLOOR).longValueExact()
                            - bi.multiply(p[i]).setScale(0, RoundingMode.FLOOR).longValueExact();
                    p[i] = next;
                }
                baseSum = Math.addExact(baseSum, b[i]);
                amount = Math.addExact(amount, Math.max(bonus, 0));
            } catch (ArithmeticException e) {
                throw overflow(r, "multiplying " + points(m.currency(), b[i]) + (purchase == null ? "" : " on line '"
                        + Inputs.shown(purchase.lines().get(i).lineId()) + "'") + " by " + Inputs.shown(factor)
                        + " does not fit the exact range of a long in minor units");
            }
            lines++;
            if (bonus > 0 && purchase != null) {
                if (shares == null) {
                    shares = new long[b.length];
                }
                shares[i] = bonus;
            }
        }
        if (amount == 0) {
            return false;
        }
        String text = r.multiplierText != null ? r.multiplierText
                : multiplierText(factor, m.fromTier(), context.member().tier(), stacking);
        Explanation how = new Explanation(earned(c, baseSum, purchase == null ? -1 : lines), "", text,
                "floor per line", "");
        long[] capLeft = caps(r, s);
        out.set(m.currency(), amount, purchase == null ? Map.of() : LineShares.of(basket.lines(), shares), how);
        return cap(r, out, c, capLeft);
    }

    /** {@code "115 PTS earned on 5 lines"}: the base of a multiplier's bonus; {@code lines} -1 for an event. */
    private String earned(int c, long baseSum, int lines) {
        if (currencies[c].decimalPlaces() != 0) {
            String on = lines < 0 ? "" : " on " + lines + (lines == 1 ? " line" : " lines");
            return points(codes[c], baseSum) + " earned" + on;
        }
        return lines < 0 ? baseSum + " " + codes[c] + " earned"
                : baseSum + " " + codes[c] + " earned on " + lines + (lines == 1 ? " line" : " lines");
    }

    /** The greatest common divisor of two positive numbers. */
    static long gcd(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }

    /** Remembers a tier factor less one as a fraction of longs, denominator 0 if it does not fit. */
    private static void tierFraction(Scratch s, BigDecimal factor) {
        BigDecimal extra = factor.subtract(BigDecimal.ONE);
        if (extra.scale() < 0) {
            extra = extra.setScale(0);
        }
        BigInteger unscaled = extra.unscaledValue();
        s.tierFactor = factor;
        s.tierNumerator = 0;
        s.tierDenominator = 0;
        if (extra.signum() > 0 && extra.scale() <= 18 && unscaled.bitLength() < 63) {
            long num = unscaled.longValueExact();
            long den = BigInteger.TEN.pow(extra.scale()).longValueExact();
            long g = gcd(num, den);
            s.tierNumerator = num / g;
            s.tierDenominator = den / g;
        }
    }
}
