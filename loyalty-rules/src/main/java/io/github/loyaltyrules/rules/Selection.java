package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.internal.Allocation;
import io.github.loyaltyrules.rules.internal.Basket;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The second pass of an evaluation whose rule set has exclusive groups, per-member caps or campaign
 * budgets: each group keeps one rule's outcome, then the selected rules draw on their caps and
 * budgets in priority order, keyed by the activity's idempotency key.
 */
final class Selection {

    private final Evaluator evaluator;
    private final List<PointCurrency> currencies;
    private final Map<String, GroupSelection> groups;
    private final MultiplierStacking stacking;

    Selection(Evaluator evaluator, List<PointCurrency> currencies, Map<String, GroupSelection> groups,
            MultiplierStacking stacking) {
        this.evaluator = evaluator;
        this.currencies = currencies;
        this.groups = groups;
        this.stacking = stacking;
    }

    /** What one rule computed for one activity. */
    static final class Outcome {
        final CompiledRule rule;
        final List<Grant> grants;

        Outcome(CompiledRule rule, List<Grant> grants) {
            this.rule = rule;
            this.grants = grants;
        }
    }

    /** What one evaluation draws: where from, and the running total it drew on each counter so far. */
    static final class Draws {
        final Quotas quotas;
        final Map<String, Long> totals = new HashMap<>();

        Draws(Quotas quotas) {
            this.quotas = quotas;
        }
    }

    /** Selects among the awarding rules' outcomes, draws, and adds the awards to the scratch. */
    void award(List<Outcome> awarding, RuleContext context, Draws draws, Scratch s) {
        List<Outcome> selected = selectGroups(awarding);
        for (int i = 0; i < selected.size(); i++) {
            Outcome o = selected.get(i);
            List<Grant> grants = draws != null ? drawBudget(o, context, draws) : o.grants;
            for (int j = 0; j < grants.size(); j++) {
                s.award(Evaluator.award(o.rule, grants.get(j)));
            }
        }
    }

    /**
     * Selects among the multiplier rules' additive bonuses; in compound mode computes the selected
     * ones' compound bonuses in order; draws, and adds the awards to the scratch.
     */
    void multiply(List<Outcome> bonuses, RuleContext context, Draws draws, Scratch s, Basket basket, boolean naive) {
        BigDecimal[][] products = new BigDecimal[currencies.size()][];
        for (Outcome o : selectGroups(bonuses)) {
            Outcome applied = o;
            if (stacking == MultiplierStacking.COMPOUND) {
                Grant g = evaluator.multiply(o.rule, s, products, basket, context, naive);
                applied = new Outcome(o.rule, g == null ? List.of() : List.of(g));
            }
            for (Grant g : draws != null ? drawBudget(applied, context, draws) : applied.grants) {
                s.award(Evaluator.award(o.rule, g));
            }
        }
    }

    private List<Outcome> selectGroups(List<Outcome> outcomes) {
        if (groups.isEmpty()) {
            return outcomes;
        }
        Map<String, Outcome> winners = new HashMap<>();
        for (Outcome o : outcomes) {
            String g = o.rule.group;
            if (g == null) {
                continue;
            }
            Outcome best = winners.get(g);
            if (best == null || (o.rule.selection == GroupSelection.BEST && compare(o, best) > 0)) {
                winners.put(g, o);
            }
        }
        if (winners.isEmpty()) {
            return outcomes;
        }
        List<Outcome> out = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            String g = o.rule.group;
            if (g == null || winners.get(g) == o) {
                out.add(o);
            }
        }
        return out;
    }

    private int compare(Outcome a, Outcome b) {
        for (PointCurrency c : currencies) {
            int cmp = Long.compare(total(a, c.code()), total(b, c.code()));
            if (cmp != 0) {
                return cmp;
            }
        }
        return 0;
    }

    private static long total(Outcome o, String currency) {
        long sum = 0;
        for (Grant g : o.grants) {
            if (g.currency().equals(currency)) {
                sum += g.amount();
            }
        }
        return sum;
    }

    /**
     * Draws a selected rule's grants on its per-member caps and campaign budget, keyed by the
     * activity's key; {@code draws} holds what this evaluation drew on each counter so far, so that a
     * counter drawn several times gets the running total.
     */
    private List<Grant> drawBudget(Outcome o, RuleContext context, Draws draws) {
        boolean memberCaps = o.rule.memberCaps;
        if (!memberCaps && (o.rule.campaign == null || o.rule.budgetCounters.length == 0)) {
            return o.grants;
        }
        String request = context.key().value();
        List<Grant> out = new ArrayList<>(o.grants.size());
        for (Grant g : o.grants) {
            String used = null;
            long usedBefore = 0;
            Rule.MemberCap cap = memberCaps ? o.rule.rule.capsPerMember().get(g.currency()) : null;
            if (cap != null) {
                used = RuleSet.capCounter(o.rule.rule.id(), g.currency(), cap, context);
                usedBefore = draws.totals.getOrDefault(used, 0L);
                long usedTaken = drawOn(request, used, usedBefore, g.amount(), cap.max(), draws);
                if (usedTaken == 0) {
                    continue;
                }
                if (usedTaken < g.amount()) {
                    String text = "capped at " + evaluator.points(g.currency(), cap.max()) + " per "
                            + cap.period().label() + " (was " + evaluator.points(g.currency(), g.amount()) + ")";
                    g = new Grant(g.currency(), usedTaken, Allocation.scale(g.lineShares(), usedTaken),
                            Evaluator.addCap(g.explanation(), text));
                }
            }
            int budget = o.rule.budget(g.currency());
            if (budget < 0) {
                out.add(g);
                continue;
            }
            String counter = o.rule.budgetCounters[budget];
            long taken = drawOn(request, counter, draws.totals.getOrDefault(counter, 0L), g.amount(),
                    o.rule.budgetLimits[budget], draws);
            if (used != null && taken < g.amount()) { // the cap keeps only what the budget let through
                draws.totals.put(used, draws.quotas.draw(request, used, usedBefore + taken, cap.max()));
            }
            if (taken == g.amount()) {
                out.add(g);
            } else if (taken > 0) {
                String text = "cut to " + evaluator.points(g.currency(), taken)
                        + " by the remaining budget of campaign '" + o.rule.campaign.name() + "'";
                out.add(new Grant(g.currency(), taken, Allocation.scale(g.lineShares(), taken),
                        Evaluator.addCap(g.explanation(), text)));
            }
        }
        return out;
    }

    /** Draws {@code amount} more on a counter for a request that drew {@code before} on it so far; returns how much. */
    private static long drawOn(String request, String counter, long before, long amount, long limit, Draws draws) {
        long total = draws.quotas.draw(request, counter, Math.addExact(before, amount), limit);
        draws.totals.put(counter, Math.max(total, before));
        return Math.max(0, total - before);
    }
}
