package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.internal.Basket;
import io.github.loyaltyrules.rules.internal.Nodes;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * A rule's condition as evaluation runs it: the same tree, tested in the same order with the same
 * short cuts, except that basket and spend thresholds compare whole minor units of the evaluation's
 * shared {@link Basket} instead of adding up {@code Money} per test. Where a sum does not fit in a
 * {@code long}, the condition's own test decides, so the result is always the condition's.
 */
abstract class CompiledCondition {

    /**
     * Tests the condition.
     *
     * @param context the activity's context
     * @param basket the purchase as read once for this evaluation, or null if the activity is not a purchase
     * @return whether it holds
     */
    abstract boolean test(RuleContext context, Basket basket);

    /** Compiles a condition. */
    static CompiledCondition of(Condition c) {
        if (c instanceof Nodes.AllOf) {
            return new All(parts(((Nodes.AllOf) c).parts()));
        }
        if (c instanceof Nodes.AnyOf) {
            return new Any(parts(((Nodes.AnyOf) c).parts()));
        }
        if (c instanceof Nodes.Not) {
            return new Not(of(((Nodes.Not) c).part()));
        }
        if (c instanceof Nodes.BasketAtLeast) {
            return new AtLeast((Nodes.BasketAtLeast) c);
        }
        if (c instanceof Nodes.LinesSpend) {
            return new Spend((Nodes.LinesSpend) c);
        }
        if (c instanceof Nodes.Always) {
            return ALWAYS;
        }
        return new Leaf(c);
    }

    private static CompiledCondition[] parts(List<Condition> parts) {
        CompiledCondition[] out = new CompiledCondition[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(parts.get(i));
        }
        return out;
    }

    /** A threshold in minor units at its currency's scale, or -1 if that does not fit in a long. */
    static long minorUnits(Money m) {
        BigDecimal a = m.amount();
        try {
            return a.movePointRight(a.scale()).longValueExact();
        } catch (ArithmeticException beyondALong) {
            return -1;
        }
    }

    private static final CompiledCondition ALWAYS = new CompiledCondition() {
        @Override
        boolean test(RuleContext context, Basket basket) {
            return true;
        }
    };

    /** Any condition: its own test. */
    private static final class Leaf extends CompiledCondition {
        private final Condition condition;

        Leaf(Condition condition) {
            this.condition = condition;
        }

        @Override
        boolean test(RuleContext context, Basket basket) {
            Condition c = condition; // the usual leaves called by their own (final) types: no interface call
            if (c instanceof Nodes.StoreIn) {
                return ((Nodes.StoreIn) c).test(context);
            }
            if (c instanceof Nodes.TierIn) {
                return ((Nodes.TierIn) c).test(context);
            }
            if (c instanceof Nodes.LinesMatch) {
                return ((Nodes.LinesMatch) c).test(context);
            }
            if (c instanceof Nodes.DaysOfWeek) {
                return ((Nodes.DaysOfWeek) c).test(context);
            }
            return c.test(context);
        }
    }

    private static final class All extends CompiledCondition {
        private final CompiledCondition[] parts;

        All(CompiledCondition[] parts) {
            this.parts = parts;
        }

        @Override
        boolean test(RuleContext context, Basket basket) {
            for (CompiledCondition part : parts) {
                if (!part.test(context, basket)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Any extends CompiledCondition {
        private final CompiledCondition[] parts;

        Any(CompiledCondition[] parts) {
            this.parts = parts;
        }

        @Override
        boolean test(RuleContext context, Basket basket) {
            for (CompiledCondition part : parts) {
                if (part.test(context, basket)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Not extends CompiledCondition {
        private final CompiledCondition part;

        Not(CompiledCondition part) {
            this.part = part;
        }

        @Override
        boolean test(RuleContext context, Basket basket) {
            return !part.test(context, basket);
        }
    }

    /** The basket total at least a threshold, in minor units of the basket's currency. */
    private static final class AtLeast extends CompiledCondition {
        private final Nodes.BasketAtLeast node;
        private final Currency currency;
        private final long threshold;

        AtLeast(Nodes.BasketAtLeast node) {
            this.node = node;
            this.currency = node.threshold().currency();
            this.threshold = minorUnits(node.threshold());
        }

        @Override
        boolean test(RuleContext context, Basket basket) {
            if (basket == null) {
                return false; // not a purchase
            }
            long total = threshold < 0 ? -1 : basket.totalOrMinusOne(node.base());
            if (total < 0) {
                return node.test(context);
            }
            return basket.currency().equals(currency) && total >= threshold;
        }
    }

    /** The spend on some lines at least a threshold, in minor units of the basket's currency. */
    private static final class Spend extends CompiledCondition {
        private final Nodes.LinesSpend node;
        private final Currency currency;
        private final long threshold;

        Spend(Nodes.LinesSpend node) {
            this.node = node;
            this.currency = node.threshold().currency();
            this.threshold = minorUnits(node.threshold());
        }

        @Override
        boolean test(RuleContext context, Basket basket) {
            if (basket == null) {
                return false; // not a purchase
            }
            if (!basket.currency().equals(currency)) {
                return false; // every line is in the basket's currency: a matching line's differs, or none matches
            }
            long spend = threshold < 0 ? -1 : basket.spendOrNegative(node.matcher(), node.base());
            if (spend == -1) {
                return node.test(context);
            }
            return spend >= 0 && spend >= threshold;
        }
    }
}
