package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.NearMiss;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.Shortfall;
import io.github.loyaltyrules.rule.Shortfall.Kind;
import io.github.loyaltyrules.rules.internal.ActionNodes;
import io.github.loyaltyrules.rules.internal.Nodes;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why the rules that did not fire for a quoted activity did not: the quote path of a {@link RuleSet}
 * only. It reads the rules' condition trees (Java builder and text programs compile to the same
 * nodes) and tests each part with the condition's own test, so it costs the evaluation of activities
 * nothing. Texts name attributes, never a member's values.
 */
final class NearMisses {

    private final Evaluator evaluator;
    private final Quotas quotas;
    private final Map<String, Long> budgets;

    NearMisses(Evaluator evaluator, Quotas quotas, Map<String, Long> budgets) {
        this.evaluator = evaluator;
        this.quotas = quotas;
        this.budgets = budgets;
    }

    /**
     * The rules applying to the activity's type without an award in {@code quoted}, each with why, closest first.
     *
     * @param unbounded the activity evaluated without caps and budgets drawn: tells a cap or budget from the rest
     */
    List<NearMiss> explain(RuleContext context, Evaluation quoted, Evaluation unbounded) {
        Set<String> fired = ruleIds(quoted);
        Set<String> firedUnbounded = unbounded == quoted ? fired : ruleIds(unbounded);
        List<NearMiss> out = new ArrayList<>();
        for (int ordinal : evaluator.ofType(context)) {
            CompiledRule r = evaluator.rules[ordinal];
            if (fired.contains(r.rule.id())) {
                continue;
            }
            List<Shortfall> why = new ArrayList<>();
            window(r, context, why);
            condition(r.rule.condition(), context, why);
            if (why.isEmpty()) {
                why.add(withoutAward(r, context, firedUnbounded));
            }
            out.add(new NearMiss(r.rule.id(), r.rule.name(), why));
        }
        return NearMiss.closestFirst(out);
    }

    private static Set<String> ruleIds(Evaluation e) {
        Set<String> ids = new HashSet<>();
        for (Award a : e.awards()) {
            ids.add(a.ruleId());
        }
        return ids;
    }

    /** The campaign window and validity dates, if the activity is outside them. */
    private static void window(CompiledRule r, RuleContext context, List<Shortfall> why) {
        if (r.activeAt(context)) {
            return;
        }
        if (r.campaign != null && !r.campaign.runsAt(context.at().toInstant())) {
            why.add(Shortfall.of(Kind.CAMPAIGN_WINDOW, "outside the window of campaign '" + r.campaign.name() + "' ("
                    + r.campaign.from() + " to " + r.campaign.until() + ")"));
        }
        if (r.dated) {
            LocalDate d = context.at().toLocalDate();
            if (d.toEpochDay() < r.firstDay || d.toEpochDay() > r.lastDay) {
                why.add(Shortfall.of(Kind.VALIDITY, "outside the rule's validity dates ("
                        + r.rule.validFrom().map(Object::toString).orElse("") + " to "
                        + r.rule.validUntil().map(Object::toString).orElse("open") + ")"));
            }
        }
    }

    /** Why a rule whose condition holds within its windows earns nothing: a cap, a budget, a group, or nothing to earn on. */
    private Shortfall withoutAward(CompiledRule r, RuleContext context, Set<String> firedUnbounded) {
        if (firedUnbounded.contains(r.rule.id())) { // it earns without caps and budgets: did its own leave nothing?
            for (Map.Entry<String, Rule.MemberCap> cap : r.rule.capsPerMember().entrySet()) {
                Rule.MemberCap c = cap.getValue();
                if (quotas.used(RuleSet.capCounter(r.rule.id(), cap.getKey(), c, context)) >= c.max()) {
                    return Shortfall.of(Kind.CAP_REACHED, "cap of " + evaluator.points(cap.getKey(), c.max())
                            + " per " + c.period().label() + " reached");
                }
            }
            for (int i = 0; i < r.budgetCounters.length; i++) {
                if (budgets.get(r.budgetCounters[i]) - quotas.used(r.budgetCounters[i]) <= 0) {
                    return Shortfall.of(Kind.BUDGET_SPENT, "budget of campaign '" + r.campaign.name() + "' spent");
                }
            }
            // not its own: other rules' caps or budgets left a multiplier nothing to multiply, or another winner
        }
        if (r.group != null) {
            for (CompiledRule other : evaluator.rules) {
                if (other != r && r.group.equals(other.group) && firedUnbounded.contains(other.rule.id())) {
                    return Shortfall.of(Kind.GROUP, "'" + other.rule.name() + "' applies instead (one of group '"
                            + r.group + "')");
                }
            }
        }
        return Shortfall.of(Kind.NOTHING_EARNED, r.multiplier != null ? "nothing earned for it to multiply"
                : "earns nothing on this " + (context.activity() instanceof Purchase ? "basket" : "activity"));
    }

    /** Adds why {@code c} fails to {@code why}: each failed part of an all-of, nothing if it holds. */
    static void condition(Condition c, RuleContext context, List<Shortfall> why) {
        if (c instanceof Nodes.AllOf all) {
            for (Condition part : all.parts()) {
                condition(part, context, why);
            }
            return;
        }
        if (c.test(context)) {
            return;
        }
        if (c instanceof Nodes.AnyOf any) {
            List<Shortfall> alternatives = new ArrayList<>();
            for (Condition part : any.parts()) {
                List<Shortfall> each = new ArrayList<>();
                condition(part, context, each);
                alternatives.add(each.size() == 1 ? each.get(0) : Shortfall.of(Kind.CONDITION, joined(each)));
            }
            why.add(Shortfall.anyOf(alternatives));
            return;
        }
        why.add(leaf(c, context));
    }

    private static String joined(List<Shortfall> parts) {
        StringBuilder sb = new StringBuilder();
        for (Shortfall s : parts) {
            sb.append(sb.length() == 0 ? "" : " and ").append(s.text());
        }
        return sb.toString();
    }

    /** Why a condition that is not an all-of or any-of fails. */
    private static Shortfall leaf(Condition c, RuleContext context) {
        Purchase purchase = context.activity() instanceof Purchase p ? p : null;
        boolean needsPurchase = c instanceof Nodes.BasketAtLeast || c instanceof Nodes.LinesSpend
                || c instanceof Nodes.LinesMatch || c instanceof Nodes.StoreIn || c instanceof Nodes.ChannelIn
                || c instanceof Nodes.FirstPurchase || c instanceof Nodes.CodeIn || c instanceof Nodes.PaidWith;
        if (needsPurchase && purchase == null) {
            return Shortfall.ofValues(Kind.EVENT_TYPE, "only on a purchase", Set.of(Purchase.TYPE),
                    context.activity().type());
        }
        if (c instanceof Nodes.BasketAtLeast b) {
            return amounts(Kind.BASKET_TOTAL, "basket" + base(b.base()), b.threshold(), purchase.total(b.base()));
        }
        if (c instanceof Nodes.LinesSpend s) {
            return amounts(Kind.SPEND, "spend on " + lines(s.matcher()) + base(s.base()), s.threshold(),
                    spend(purchase, s.matcher(), s.base()));
        }
        if (c instanceof Nodes.CodeIn k) {
            return Shortfall.of(Kind.CONDITION, "needs code " + or(k.codes()));
        }
        if (c instanceof Nodes.PaidWith w) {
            return Shortfall.of(Kind.CONDITION, "needs payment with " + or(w.methods()));
        }
        if (c instanceof Nodes.LinesMatch m) {
            long units = 0;
            for (BasketLine line : purchase.lines()) {
                if (m.matcher().matches(line)) {
                    units = saturatedSum(units, line.quantity());
                }
            }
            return Shortfall.ofUnits(Kind.QUANTITY, "needs " + m.minQuantity() + " of " + lines(m.matcher())
                    + ", basket has " + units, m.minQuantity(), units);
        }
        if (c instanceof Nodes.StoreIn s) {
            return Shortfall.ofValues(Kind.STORE, "needs store " + or(s.stores()), s.stores(), purchase.store());
        }
        if (c instanceof Nodes.ChannelIn ch) {
            return Shortfall.ofValues(Kind.CHANNEL, "needs channel " + or(ch.channels()), ch.channels(),
                    purchase.channel());
        }
        if (c instanceof Nodes.EventTypeIn e) {
            return Shortfall.ofValues(Kind.EVENT_TYPE, "needs event type " + or(e.types()), e.types(),
                    context.activity().type());
        }
        if (c instanceof Nodes.TierIn t) {
            String tier = context.member().tier();
            return Shortfall.ofValues(Kind.TIER, "needs tier " + or(t.tiers()) + ", member is "
                    + (tier == null ? "in no tier" : tier), t.tiers(), tier);
        }
        if (c instanceof Nodes.AttributeIs a) {
            return Shortfall.of(Kind.MEMBER_ATTRIBUTE, "needs member attribute '" + a.key() + "' to match");
        }
        if (c instanceof Nodes.EventAttributeIs a) {
            return Shortfall.of(Kind.EVENT_ATTRIBUTE, "needs event attribute '" + a.key() + "' to match");
        }
        if (c instanceof Nodes.HasBadge b) {
            return Shortfall.ofValues(Kind.MEMBER_BADGE, "needs badge '" + b.badge() + "'", Set.of(b.badge()), null);
        }
        if (c instanceof Nodes.HasTag t) {
            return Shortfall.ofValues(Kind.MEMBER_TAG, "needs member tag '" + t.tag() + "'", Set.of(t.tag()), null);
        }
        if (c instanceof Nodes.DaysOfWeek d) {
            Set<String> days = days(d);
            String today = context.at().getDayOfWeek().name();
            return Shortfall.ofValues(Kind.DAY_OF_WEEK, "only on " + or(days) + ", today is " + today, days, today);
        }
        if (c instanceof Nodes.TimeOfDay t) {
            LocalTime now = context.at().toLocalTime().withNano(0);
            return Shortfall.of(Kind.TIME_OF_DAY, "only from " + t.from() + " until " + t.until() + ", now "
                    + now);
        }
        if (c instanceof Nodes.Dates d) {
            return Shortfall.of(Kind.DATES, "only from " + d.first() + " to " + d.last());
        }
        if (c instanceof Nodes.BirthdayToday) {
            return Shortfall.of(Kind.BIRTHDAY, "only on the member's birthday");
        }
        if (c instanceof Nodes.BirthdayWithin w) {
            return Shortfall.of(Kind.BIRTHDAY, "only within " + w.days() + " days of the member's birthday");
        }
        if (c instanceof Nodes.BirthdayMonth) {
            return Shortfall.of(Kind.BIRTHDAY, "only in the member's birthday month");
        }
        if (c instanceof Nodes.FirstPurchase) {
            return Shortfall.of(Kind.FIRST_PURCHASE, "only on a member's first purchase");
        }
        if (c instanceof Nodes.PurchasesSoFar p) {
            long n = context.member().purchasesSoFar();
            return Shortfall.ofUnits(Kind.PURCHASE_COUNT, (p.atLeast() ? "needs at least " : "only up to ") + p.count()
                    + " earlier purchases, member has " + n, p.count(), n);
        }
        if (c instanceof Nodes.Not n) {
            return Shortfall.of(Kind.EXCLUDED, "excluded: " + describe(n.part()));
        }
        return Shortfall.of(Kind.CONDITION, "the rule's own condition does not hold");
    }

    /** The days of a condition, Monday first. */
    private static Set<String> days(Nodes.DaysOfWeek d) {
        Set<String> days = new LinkedHashSet<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            if (d.days().contains(day)) {
                days.add(day.name());
            }
        }
        return days;
    }

    private static Shortfall amounts(Kind kind, String what, Money needed, Money actual) {
        if (!needed.currency().equals(actual.currency())) {
            return Shortfall.ofAmounts(kind, what + " is in " + actual.currency().getCurrencyCode() + ", needs "
                    + needed, needed, actual);
        }
        return Shortfall.ofAmounts(kind, what + " " + actual.amount().toPlainString() + " of " + needed + " needed",
                needed, actual);
    }

    /** What the matching lines cost, in the basket's money currency. */
    private static Money spend(Purchase purchase, LineMatcher matcher, EarningBase base) {
        Money sum = Money.zero(purchase.lines().get(0).unitPrice().currency());
        List<Money> amounts = base == EarningBase.GROSS ? null : purchase.baseAmounts(base);
        for (int i = 0; i < purchase.lines().size(); i++) {
            BasketLine line = purchase.lines().get(i);
            if (matcher.matches(line) && line.unitPrice().currency().equals(sum.currency())) {
                sum = sum.plus(amounts == null ? line.amount() : amounts.get(i));
            }
        }
        return sum;
    }

    /** An earning base other than the gross one in words, after the amount it qualifies. */
    private static String base(EarningBase base) {
        return base == EarningBase.GROSS ? "" : ActionNodes.PerUnitSpent.baseText(base);
    }

    /** A condition in words, for an exclusion; names attributes, never values. */
    private static String describe(Condition c) {
        if (c instanceof Nodes.AllOf all) {
            return describeAll(all.parts(), " and ");
        }
        if (c instanceof Nodes.AnyOf any) {
            return describeAll(any.parts(), " or ");
        }
        if (c instanceof Nodes.Not n) {
            return "not " + describe(n.part());
        }
        if (c instanceof Nodes.BasketAtLeast b) {
            return "basket of at least " + b.threshold() + base(b.base());
        }
        if (c instanceof Nodes.LinesSpend s) {
            return "spend of at least " + s.threshold() + base(s.base()) + " on " + lines(s.matcher());
        }
        if (c instanceof Nodes.CodeIn k) {
            return "code " + or(k.codes());
        }
        if (c instanceof Nodes.PaidWith w) {
            return "payment with " + or(w.methods());
        }
        if (c instanceof Nodes.LinesMatch m) {
            return m.minQuantity() + " of " + lines(m.matcher());
        }
        if (c instanceof Nodes.StoreIn s) {
            return "store " + or(s.stores());
        }
        if (c instanceof Nodes.ChannelIn ch) {
            return "channel " + or(ch.channels());
        }
        if (c instanceof Nodes.EventTypeIn e) {
            return "event type " + or(e.types());
        }
        if (c instanceof Nodes.TierIn t) {
            return "tier " + or(t.tiers());
        }
        if (c instanceof Nodes.AttributeIs a) {
            return "member attribute '" + a.key() + "'";
        }
        if (c instanceof Nodes.EventAttributeIs a) {
            return "event attribute '" + a.key() + "'";
        }
        if (c instanceof Nodes.HasTag t) {
            return "member tag '" + t.tag() + "'";
        }
        if (c instanceof Nodes.HasBadge b) {
            return "badge '" + b.badge() + "'";
        }
        if (c instanceof Nodes.DaysOfWeek d) {
            return "on " + or(days(d));
        }
        if (c instanceof Nodes.TimeOfDay t) {
            return "from " + t.from() + " until " + t.until();
        }
        if (c instanceof Nodes.Dates d) {
            return "from " + d.first() + " to " + d.last();
        }
        if (c instanceof Nodes.BirthdayToday || c instanceof Nodes.BirthdayWithin || c instanceof Nodes.BirthdayMonth) {
            return "the member's birthday";
        }
        if (c instanceof Nodes.FirstPurchase || c instanceof Nodes.PurchasesSoFar) {
            return "the member's count of purchases";
        }
        return "the rule's own condition";
    }

    private static String describeAll(List<Condition> parts, String joint) {
        StringBuilder sb = new StringBuilder();
        for (Condition p : parts) {
            sb.append(sb.length() == 0 ? "" : joint).append(describe(p));
        }
        return sb.toString();
    }

    /** The lines a matcher selects, in words: {@code "SKU X or Y"}, {@code "category coffee"}. */
    private static String lines(LineMatcher m) {
        if (m instanceof Nodes.AnyLine) {
            return "any item";
        }
        if (m instanceof Nodes.SkuIn s) {
            return "SKU " + or(s.skus());
        }
        if (m instanceof Nodes.CategoryIn c) {
            return "category " + or(c.categories());
        }
        if (m instanceof Nodes.EitherLine e) {
            return lines(e.a()) + " or " + lines(e.b());
        }
        if (m instanceof Nodes.BothLine b) {
            return lines(b.a()) + " and " + lines(b.b());
        }
        return "the rule's items";
    }

    private static String or(Set<String> names) {
        return String.join(" or ", names);
    }

    private static long saturatedSum(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }
}
