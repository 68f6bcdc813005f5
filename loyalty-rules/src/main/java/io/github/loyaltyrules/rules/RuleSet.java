package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.rule.internal.LineShares;
import io.github.loyaltyrules.rules.internal.Allocation;
import io.github.loyaltyrules.rules.internal.Basket;
import io.github.loyaltyrules.rules.internal.BasketAction;
import io.github.loyaltyrules.rules.internal.Keys;
import io.github.loyaltyrules.rules.internal.Nodes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * An immutable set of rules: the default {@link RuleEngine}.
 *
 * <p>Evaluation of one activity:
 * <ol>
 * <li>The index yields the rules that can match: those applying to the activity's event type
 * (a rule applies to the event types its condition requires, to purchases if it requires none)
 * and either keyed on the purchase's store, channel, or a line's SKU or category, or not keyed.
 * No other rule is looked at.</li>
 * <li>In priority order (higher first, then the order added), each candidate within its validity
 * window and campaign window whose condition holds computes its grants; each rule's per-transaction
 * cap cuts them.</li>
 * <li>Each exclusive group keeps one awarding rule ({@link GroupSelection}); per-member caps and
 * campaign budgets are then drawn, in priority order.</li>
 * <li>Multiplier rules then multiply what the awarding rules earned, combined as the rule set's
 * {@link MultiplierStacking} states, rounded down per line; groups, caps and budgets apply to them
 * the same way.</li>
 * </ol>
 * Every award carries an {@link Explanation} naming the base, rate, multiplier, rounding and any
 * cap or budget that cut it, and line shares that add up to it exactly.
 *
 * <p>Thread-safe. Evaluation is deterministic for a given context, except that campaign budgets
 * and per-member caps are state kept in the rule set's {@link Quotas}: they are drawn atomically, so
 * that they are never exceeded under concurrent evaluation, and what they have left depends on
 * earlier evaluations. Draws are keyed by the activity's idempotency key ({@link RuleContext#key()}):
 * evaluating the same key again (a retry after a crash or a lost reply) finds what the first
 * evaluation drew instead of drawing twice, and releases what an earlier evaluation of the key drew
 * and this one does not. {@link #abandoned} releases the draws of an activity that will not be
 * posted; {@link #returned} gives back what a return clawed back, once per return key.
 */
public final class RuleSet implements RuleEngine {

    private final List<PointCurrency> currencies;
    private final Map<String, PointCurrency> byCode;
    private final MultiplierStacking stacking;
    private final Map<String, GroupSelection> groups;
    private final Map<String, Campaign> campaigns;
    private final Map<String, Long> budgets;
    private final Quotas quotas;
    private final Compiled[] rules;
    /** The rules by id. */
    private final Map<String, Compiled> byId;
    private final List<Rule> ruleList;
    private final Map<String, TypeIndex> index;
    private final Set<String> declaredTiers;
    private final Set<String> declaredAttributes;
    /** No rule is in an exclusive group, has a per-member cap or a campaign budget: awards need no second pass. */
    private final boolean plain;
    /** Whether any rule draws on a per-member cap or campaign budget. */
    private final boolean drawsQuotas;

    /** A rule with what evaluation needs precomputed. */
    private static final class Compiled {
        final Rule rule;
        final int ordinal;
        final Multiplier multiplier;
        final String group;
        final LocalDate first;
        final LocalDate last;
        final GroupSelection selection;
        final Campaign campaign;
        final String[] budgetCounters;
        final long[] budgetLimits;
        final String[] budgetCurrencies;

        Compiled(Rule rule, int ordinal, GroupSelection selection, Campaign campaign) {
            this.rule = rule;
            this.ordinal = ordinal;
            this.multiplier = rule.multiplier().orElse(null);
            this.group = rule.exclusiveGroup().orElse(null);
            this.first = rule.validFrom().orElse(null);
            this.last = rule.validUntil().orElse(null);
            this.selection = selection;
            this.campaign = campaign;
            if (campaign == null) {
                budgetCurrencies = new String[0];
                budgetCounters = new String[0];
                budgetLimits = new long[0];
            } else {
                budgetCurrencies = campaign.budgets().keySet().toArray(new String[0]);
                budgetCounters = new String[budgetCurrencies.length];
                budgetLimits = new long[budgetCurrencies.length];
                for (int i = 0; i < budgetCurrencies.length; i++) {
                    budgetCounters[i] = budgetCounter(campaign.id(), budgetCurrencies[i]);
                    budgetLimits[i] = campaign.budgets().get(budgetCurrencies[i]);
                }
            }
        }

        boolean activeAt(RuleContext c) {
            if (campaign != null && !campaign.runsAt(c.at().toInstant())) {
                return false;
            }
            if (first != null) {
                LocalDate d = c.at().toLocalDate();
                return !d.isBefore(first) && !d.isAfter(last);
            }
            return true;
        }

        /** The index of the campaign's budget in a currency, or -1 if it has none. */
        int budget(String currency) {
            for (int i = 0; i < budgetCurrencies.length; i++) {
                if (budgetCurrencies[i].equals(currency)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * The rules applying to one event type, by index key. Keyed rules are held in one map per kind
     * of key (store, channel, SKU, category), so that a lookup takes the purchase's own strings and
     * builds no key.
     */
    private static final class TypeIndex {
        private static final int STORE = 0;
        private static final int CHANNEL = 1;
        private static final int SKU = 2;
        private static final int CATEGORY = 3;
        private static final String[] KINDS = {Keys.store(""), Keys.channel(""), Keys.sku(""), Keys.category("")};

        final List<Integer> alwaysList = new ArrayList<>();
        final List<Map<String, List<Integer>>> keyedLists = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>(),
                new HashMap<>());
        int[] always;
        List<Map<String, int[]>> keyed;
        boolean anyKeyed;

        /** Files rule {@code ordinal} under an index key made by {@link Keys}. */
        void addKeyed(String key, int ordinal) {
            for (int kind = 0; kind < KINDS.length; kind++) {
                if (key.startsWith(KINDS[kind])) {
                    keyedLists.get(kind).computeIfAbsent(key.substring(KINDS[kind].length()), x -> new ArrayList<>())
                            .add(ordinal);
                    return;
                }
            }
            throw new IllegalStateException("index key of an unknown kind: " + key.replace('\u0000', '/'));
        }

        void freeze() {
            always = toArray(alwaysList);
            List<Map<String, int[]>> maps = new ArrayList<>();
            for (Map<String, List<Integer>> lists : keyedLists) {
                Map<String, int[]> m = new HashMap<>();
                for (Map.Entry<String, List<Integer>> e : lists.entrySet()) {
                    m.put(e.getKey(), toArray(e.getValue()));
                }
                anyKeyed |= !m.isEmpty();
                maps.add(m);
            }
            keyed = List.copyOf(maps);
        }

        int[] store(String store) {
            return keyed.get(STORE).get(store);
        }

        int[] channel(String channel) {
            return keyed.get(CHANNEL).get(channel);
        }

        int[] sku(String sku) {
            return keyed.get(SKU).get(sku);
        }

        int[] category(String category) {
            return keyed.get(CATEGORY).get(category);
        }

        private static int[] toArray(List<Integer> list) {
            int[] a = new int[list.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = list.get(i);
            }
            return a;
        }
    }

    /** What one rule computed for one activity. */
    private static final class Outcome {
        final Compiled rule;
        final List<Grant> grants;

        Outcome(Compiled rule, List<Grant> grants) {
            this.rule = rule;
            this.grants = grants;
        }
    }

    private RuleSet(Builder b, List<Rule> sorted) {
        this.currencies = List.copyOf(b.currencies.values());
        this.byCode = Collections.unmodifiableMap(new LinkedHashMap<>(b.currencies));
        this.stacking = b.stacking;
        this.groups = Collections.unmodifiableMap(new LinkedHashMap<>(b.groups));
        this.campaigns = Collections.unmodifiableMap(new LinkedHashMap<>(b.campaigns));
        Map<String, Long> limits = new HashMap<>();
        for (Campaign c : campaigns.values()) {
            for (Map.Entry<String, Long> budget : c.budgets().entrySet()) {
                limits.put(budgetCounter(c.id(), budget.getKey()), budget.getValue());
            }
        }
        this.budgets = limits;
        this.quotas = b.quotas;
        this.ruleList = List.copyOf(sorted);
        this.rules = new Compiled[sorted.size()];
        this.index = new HashMap<>();
        for (int i = 0; i < rules.length; i++) {
            Rule r = sorted.get(i);
            rules[i] = new Compiled(r, i, r.exclusiveGroup().map(groups::get).orElse(null),
                    r.campaign().map(campaigns::get).orElse(null));
            Set<String> types = Keys.eventTypes(r.condition());
            if (types == null) {
                types = Set.of(Purchase.TYPE);
            }
            Set<String> keys = Keys.indexKeys(r.condition());
            for (String type : types) {
                TypeIndex ti = index.computeIfAbsent(type, t -> new TypeIndex());
                if (keys == null || !type.equals(Purchase.TYPE)) {
                    if (keys == null) {
                        ti.alwaysList.add(i);
                    }
                } else {
                    for (String k : keys) {
                        ti.addKeyed(k, i);
                    }
                }
            }
        }
        for (TypeIndex ti : index.values()) {
            ti.freeze();
        }
        this.declaredTiers = b.tiers == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(b.tiers));
        this.declaredAttributes = b.attributes == null ? null
                : Collections.unmodifiableSet(new LinkedHashSet<>(b.attributes));
        boolean simple = true;
        Map<String, Compiled> ids = new HashMap<>();
        for (Compiled c : rules) {
            simple &= c.group == null && c.rule.capsPerMember().isEmpty() && c.budgetCounters.length == 0;
            ids.put(c.rule.id(), c);
        }
        this.plain = simple;
        boolean quotaRules = false;
        for (Compiled c : rules) {
            quotaRules |= !c.rule.capsPerMember().isEmpty() || c.budgetCounters.length > 0;
        }
        this.drawsQuotas = quotaRules;
        this.byId = ids;
    }

    /**
     * Returns a builder for a rule set awarding the given currencies.
     *
     * @param currencies the program's point currencies; at least one. The first is the one
     *        {@link GroupSelection#BEST} compares first.
     * @return the builder
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if none is given or two share a code
     */
    public static Builder builder(PointCurrency... currencies) {
        return new Builder(currencies);
    }

    /**
     * Returns the rules in evaluation order: priority, highest first, then the order added.
     *
     * @return the rules
     */
    public List<Rule> rules() {
        return ruleList;
    }

    /**
     * Returns the point currencies the rule set may award.
     *
     * @return the currencies, in the order given
     */
    public List<PointCurrency> currencies() {
        return currencies;
    }

    /**
     * Returns how multipliers combine.
     *
     * @return the stacking mode
     */
    public MultiplierStacking multiplierStacking() {
        return stacking;
    }

    /**
     * Returns what is left of a campaign's budget in a currency.
     *
     * @param campaignId the campaign id
     * @param currency the currency code
     * @return the remaining budget in minor units
     * @throws NullPointerException if an argument is null
     * @throws UnknownRuleReferenceException if the campaign has no budget in that currency
     */
    public long budgetRemaining(String campaignId, String currency) {
        String counter = budgetCounter(Objects.requireNonNull(campaignId, "campaign id must not be null"),
                Objects.requireNonNull(currency, "currency must not be null"));
        Long limit = budgets.get(counter);
        if (limit == null) {
            throw new UnknownRuleReferenceException("campaign '" + Inputs.shown(campaignId) + "' has no budget in "
                    + currency
                    + "; campaigns are " + campaigns.keySet());
        }
        return limit - quotas.used(counter);
    }

    /** The name of a campaign budget's counter in the {@link Quotas}. */
    static String budgetCounter(String campaignId, String currency) {
        return "budget/" + campaignId + "/" + currency;
    }

    /** The name of the counter of a rule's per-member cap in the {@link Quotas}, for the period holding {@code at}. */
    static String capCounter(String ruleId, String currency, Rule.MemberCap cap, RuleContext at) {
        return "cap/" + ruleId + "/" + currency + "/" + at.member().id().value() + "/"
                + cap.period().startOf(at.at().toLocalDate());
    }

    /**
     * Returns the rules the index selects for an activity: those that cannot match are left out.
     * The condition of each is still to be tested.
     *
     * @param context the context
     * @return the candidate rules in evaluation order
     * @throws NullPointerException if {@code context} is null
     */
    public List<Rule> candidates(RuleContext context) {
        int[] c = candidateOrdinals(Objects.requireNonNull(context, "context must not be null"));
        List<Rule> out = new ArrayList<>(c.length);
        for (int i : c) {
            if (i < 0) {
                break;
            }
            out.add(rules[i].rule);
        }
        return out;
    }

    /** The ordinals of the candidate rules, ascending; the array may end with -1s, which are not rules. */
    private int[] candidateOrdinals(RuleContext context) {
        TypeIndex ti = index.get(context.activity().type());
        if (ti == null) {
            return NONE;
        }
        if (!(context.activity() instanceof Purchase) || !ti.anyKeyed) {
            return ti.always;
        }
        Purchase p = (Purchase) context.activity();
        List<BasketLine> lines = p.lines();
        // the first four hit lists are kept in locals; only a purchase hitting more looks the index up again
        int n = 0;
        int hits = 0;
        int[] h0 = null;
        int[] h1 = null;
        int[] h2 = null;
        int[] h3 = null;
        int keys = 2 * lines.size();
        for (int k = -3; k < keys; k++) {
            int[] list = hit(ti, p, k);
            if (list != null && list.length > 0) {
                n += list.length;
                if (hits == 0) {
                    h0 = list;
                } else if (hits == 1) {
                    h1 = list;
                } else if (hits == 2) {
                    h2 = list;
                } else if (hits == 3) {
                    h3 = list;
                }
                hits++;
            }
        }
        if (hits <= 1) {
            return hits == 0 ? NONE : h0; // one list holds every hit: already sorted and distinct
        }
        int[] buf = new int[n];
        if (hits <= 4) {
            append(buf, append(buf, append(buf, append(buf, 0, h0), h1), h2), h3);
        } else {
            int at = 0;
            for (int k = -3; k < keys; k++) {
                at = append(buf, at, hit(ti, p, k));
            }
        }
        // cost grows with the matching index entries, not with the number of rules
        Arrays.sort(buf);
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || buf[distinct - 1] != buf[i]) {
                buf[distinct++] = buf[i];
            }
        }
        Arrays.fill(buf, distinct, n, -1); // the list ends at the first -1: no copy to trim it
        return buf;
    }

    private static final int[] NONE = new int[0];

    private static int append(int[] buf, int at, int[] list) {
        if (list == null) {
            return at;
        }
        System.arraycopy(list, 0, buf, at, list.length);
        return at + list.length;
    }

    /**
     * The index entry for hit {@code k} of a purchase: -3 the unkeyed rules, -2 its store, -1 its
     * channel, then per line {@code i} its SKU ({@code 2i}) and category ({@code 2i + 1}); null if none.
     */
    private static int[] hit(TypeIndex ti, Purchase p, int k) {
        if (k < 0) {
            return k == -3 ? ti.always : k == -2 ? ti.store(p.store()) : ti.channel(p.channel());
        }
        BasketLine line = p.lines().get(k / 2);
        return k % 2 == 0 ? ti.sku(line.sku()) : ti.category(line.category());
    }

    /**
     * Evaluates the rules for one activity.
     *
     * @param context the member, activity, time and key
     * @return the awards in the order applied: awarding rules, then multipliers
     * @throws NullPointerException if {@code context} is null
     * @throws UnknownCurrencyException if a hand-written action grants a currency the rule set does not have
     * @throws AmountOverflowException if a line amount, a rule's award or the awards in a currency together
     *         would exceed a {@code long} of minor units
     */
    @Override
    public Evaluation evaluate(RuleContext context) {
        return evaluate(context, true);
    }

    /**
     * Evaluates the rules as {@link #evaluate(RuleContext)} does, but without drawing on per-member
     * caps or campaign budgets (nothing this rule set keeps changes): what the activity earns before
     * caps and budgets that depend on earlier activity. The program uses it to re-evaluate the basket
     * left after a return.
     *
     * @param context the member, activity, time and key
     * @return the awards, each with its explanation; per-transaction caps still apply
     * @throws NullPointerException if {@code context} is null
     * @throws UnknownCurrencyException if a hand-written action grants a currency the rule set does not have
     * @throws AmountOverflowException if a line amount, a rule's award or the awards in a currency together
     *         would exceed a {@code long} of minor units
     */
    @Override
    public Evaluation reevaluate(RuleContext context) {
        return evaluate(context, false);
    }

    /**
     * Gives back to per-member caps and campaign budgets what a return clawed back. For each award of
     * {@code clawedBack}, its amount goes back to the counters the purchase drew on for the award's rule
     * and currency: the member's cap counter of the period holding the purchase's business time
     * ({@code original.at()}, not the return's), and the campaign's budget. An award's amount is exactly
     * what its purchase drew from each of those counters (after any cap or budget cut it), so a counter
     * never goes below zero. Each counter is given back at most once per return key, so a retried return
     * gives nothing twice. Rules without a member cap or a budget in the currency release nothing.
     * {@link io.github.loyaltyrules.program.LoyaltyProgram} calls this for each return, and again when
     * the return is retried.
     *
     * @param original the context the purchase was evaluated with
     * @param returnKey the idempotency key of the return; not the key of an activity
     * @param clawedBack what the return clawed back, by rule and currency
     * @throws NullPointerException if an argument is null
     * @throws UnknownRuleReferenceException if an award names a rule this rule set does not have; nothing is
     *     given back
     */
    @Override
    public void returned(RuleContext original, IdempotencyKey returnKey, Evaluation clawedBack) {
        Objects.requireNonNull(original, "original context must not be null");
        Objects.requireNonNull(returnKey, "return key must not be null");
        Objects.requireNonNull(clawedBack, "clawed-back awards must not be null");
        Map<String, Long> back = new LinkedHashMap<>(); // counter -> amount, each counter given back once
        for (Award a : clawedBack.awards()) {
            Compiled r = byId.get(known(a));
            if (a.amount() == 0) {
                continue;
            }
            Rule.MemberCap cap = r.rule.capsPerMember().get(a.currency());
            if (cap != null) {
                back.merge(capCounter(r.rule.id(), a.currency(), cap, original), a.amount(), Math::addExact);
            }
            int budget = r.budget(a.currency());
            if (budget >= 0) {
                back.merge(r.budgetCounters[budget], a.amount(), Math::addExact);
            }
        }
        for (Map.Entry<String, Long> b : back.entrySet()) {
            quotas.giveBack(returnKey.value(), b.getKey(), b.getValue());
        }
    }

    /**
     * Releases every per-member cap and campaign budget drawn by the evaluation of an activity that
     * will not be posted. Calling it again changes nothing.
     *
     * @param key the idempotency key of the activity
     * @throws NullPointerException if {@code key} is null
     */
    @Override
    public void abandoned(IdempotencyKey key) {
        Objects.requireNonNull(key, "key must not be null");
        if (drawsQuotas) {
            quotas.settle(key.value(), Set.of());
        }
    }

    /** The award's rule id, checked to be a rule of this rule set. */
    private String known(Award a) {
        if (!byId.containsKey(a.ruleId())) {
            throw new UnknownRuleReferenceException("an award names rule '" + Inputs.shown(a.ruleId())
                    + "', which this rule set"
                    + " does not have; a return is released by the rule set that evaluated the purchase");
        }
        return a.ruleId();
    }

    private Evaluation evaluate(RuleContext context, boolean draw) {
        Objects.requireNonNull(context, "context must not be null");
        if (!draw || !drawsQuotas) {
            return evaluate(context, (Draws) null);
        }
        Draws draws = new Draws(quotas);
        Evaluation e = evaluate(context, draws);
        quotas.settle(context.key().value(), draws.totals.keySet()); // releases what an earlier attempt drew and this did not
        return e;
    }

    /**
     * Evaluates an activity exactly as {@link #evaluate} would now, with the per-member caps and
     * campaign budgets as they stand (what other activities drew, and what an earlier evaluation of
     * this key drew counted as its own), but draws nothing: the awards a purchase made now under the
     * same key would get, cuts by caps and budgets included. Nothing changes.
     *
     * @param context the member, activity, time and key
     * @return the awards, each with its explanation
     * @throws NullPointerException if {@code context} is null
     */
    @Override
    public Evaluation quote(RuleContext context) {
        Objects.requireNonNull(context, "context must not be null");
        return evaluate(context, drawsQuotas ? new Draws(new QuotedQuotas(quotas)) : null);
    }

    /** What one evaluation draws: where from, and the running total it drew on each counter so far. */
    private static final class Draws {
        final Quotas quotas;
        final Map<String, Long> totals = new HashMap<>();

        Draws(Quotas quotas) {
            this.quotas = quotas;
        }
    }

    /** Evaluates; with {@code draws}, draws caps and budgets there, keeping what each counter gave. */
    private Evaluation evaluate(RuleContext context, Draws draws) {
        boolean draw = draws != null;
        int[] candidates = candidateOrdinals(context);
        if (candidates.length == 0) {
            return Evaluation.NOTHING;
        }
        Purchase purchase = context.activity() instanceof Purchase ? (Purchase) context.activity() : null;
        Basket basket = purchase == null ? null : Basket.of(purchase);
        List<Outcome> awarding = null;
        List<Award> awards = null;
        List<Compiled> multiplying = null;
        for (int o : candidates) {
            if (o < 0) {
                break;
            }
            Compiled r = rules[o];
            if (!r.activeAt(context) || !r.rule.condition().test(context)) {
                continue;
            }
            if (r.multiplier != null) {
                if (multiplying == null) {
                    multiplying = new ArrayList<>();
                }
                multiplying.add(r);
            } else if (plain) { // no group to choose in, nothing to draw: award straight away
                if (awards == null) {
                    awards = new ArrayList<>(Math.min(candidates.length, 10));
                }
                grant(r, context, basket, awards);
            } else {
                Outcome out = grant(r, context, basket, null);
                if (out != null) {
                    if (awarding == null) {
                        awarding = new ArrayList<>(Math.min(candidates.length, 10));
                    }
                    awarding.add(out);
                }
            }
        }
        if (awarding != null) {
            List<Outcome> selected = selectGroups(awarding);
            awards = new ArrayList<>(selected.size() + (multiplying == null ? 0 : multiplying.size()));
            for (int i = 0; i < selected.size(); i++) {
                Outcome o = selected.get(i);
                List<Grant> grants = draw ? drawBudget(o, context, draws) : o.grants;
                for (int j = 0; j < grants.size(); j++) {
                    awards.add(award(o.rule, grants.get(j)));
                }
            }
        }
        if (awards == null || awards.isEmpty()) {
            return Evaluation.NOTHING; // nothing earned, so nothing for multipliers to multiply
        }
        if (multiplying == null) {
            return new Evaluation(awards);
        }
        int slots = purchase == null ? 1 : purchase.lines().size();
        Map<String, long[]> base = new HashMap<>();
        for (Award a : awards) {
            long[] b = base.computeIfAbsent(a.currency(), x -> new long[slots]);
            try {
                addToSlots(b, a.amount(), a.lineShares(), basket);
            } catch (ArithmeticException e) {
                throw new AmountOverflowException("awards in " + a.currency() + " add up to more than the exact range"
                        + " of a long (" + Long.MAX_VALUE + " minor units) at the award of rule '"
                        + Inputs.shown(a.ruleId()) + "'");
            }
        }
        List<Outcome> bonuses = new ArrayList<>();
        for (Compiled r : multiplying) {
            Outcome out = multiply(r, base, null, basket, context);
            if (!out.grants.isEmpty()) {
                bonuses.add(out);
            }
        }
        Map<String, BigDecimal[]> products = new HashMap<>();
        for (Outcome o : selectGroups(bonuses)) {
            Outcome applied = stacking == MultiplierStacking.COMPOUND
                    ? multiply(o.rule, base, products, basket, context) : o;
            for (Grant g : draw ? drawBudget(applied, context, draws) : applied.grants) {
                awards.add(award(o.rule, g));
            }
        }
        return new Evaluation(awards);
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

    /**
     * Runs a rule's actions: what they grant after its per-transaction caps, or null if nothing.
     * With {@code direct} given, the grants are added to it as awards instead, and null returned.
     */
    private Outcome grant(Compiled r, RuleContext context, Basket basket, List<Award> direct) {
        List<Action> actions = r.rule.actions();
        Map<String, Long> capLeft = r.rule.capsPerTransaction().isEmpty() ? null
                : new HashMap<>(r.rule.capsPerTransaction());
        Grant first = null;
        List<Grant> more = null;
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a instanceof BasketAction) { // a built-in: at most one grant, no list
                Grant g;
                try {
                    g = ((BasketAction) a).grant(context, basket);
                    g = g == null ? null : admit(r, g, basket, capLeft);
                } catch (AmountOverflowException e) {
                    throw overflow(r, e.getMessage());
                }
                if (g != null && direct != null) {
                    direct.add(award(r, g));
                } else if (g != null) {
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
                if (g != null && direct != null) {
                    direct.add(award(r, g));
                } else if (g != null) {
                    if (first == null) {
                        first = g;
                    } else {
                        more = add(more, first, g);
                    }
                }
            }
        }
        return first == null ? null : new Outcome(r, more == null ? List.of(first) : more);
    }

    /** An amount beyond a long while evaluating rule {@code r}: the rule, then what overflowed. */
    private static AmountOverflowException overflow(Compiled r, String what) {
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
    private Grant admit(Compiled r, Grant g, Basket basket, Map<String, Long> capLeft) {
        if (!byCode.containsKey(g.currency())) {
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
        return cap(r, shared, capLeft);
    }

    private Grant cap(Compiled r, Grant g, Map<String, Long> capLeft) {
        if (capLeft == null || !capLeft.containsKey(g.currency())) {
            return g;
        }
        long left = capLeft.get(g.currency());
        if (left == 0) {
            return null;
        }
        if (g.amount() <= left) {
            capLeft.put(g.currency(), left - g.amount());
            return g;
        }
        capLeft.put(g.currency(), 0L);
        long cap = r.rule.capsPerTransaction().get(g.currency());
        String text = "capped at " + points(g.currency(), cap) + " per transaction (was " + points(g.currency(), g.amount())
                + ")";
        return new Grant(g.currency(), left, Allocation.scale(g.lineShares(), left), addCap(g.explanation(), text));
    }

    /**
     * Draws a selected rule's grants on its per-member caps and campaign budget, keyed by the
     * activity's key; {@code draws} holds what this evaluation drew on each counter so far, so that a
     * counter drawn several times gets the running total.
     */
    private List<Grant> drawBudget(Outcome o, RuleContext context, Draws draws) {
        boolean memberCaps = !o.rule.rule.capsPerMember().isEmpty();
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
                used = capCounter(o.rule.rule.id(), g.currency(), cap, context);
                usedBefore = draws.totals.getOrDefault(used, 0L);
                long usedTaken = drawOn(request, used, usedBefore, g.amount(), cap.max(), draws);
                if (usedTaken == 0) {
                    continue;
                }
                if (usedTaken < g.amount()) {
                    String text = "capped at " + points(g.currency(), cap.max()) + " per " + cap.period().label()
                            + " (was " + points(g.currency(), g.amount()) + ")";
                    g = new Grant(g.currency(), usedTaken, Allocation.scale(g.lineShares(), usedTaken),
                            addCap(g.explanation(), text));
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
                String text = "cut to " + points(g.currency(), taken) + " by the remaining budget of campaign '"
                        + o.rule.campaign.name() + "'";
                out.add(new Grant(g.currency(), taken, Allocation.scale(g.lineShares(), taken),
                        addCap(g.explanation(), text)));
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

    private static Explanation addCap(Explanation e, String text) {
        return e.withCap(e.cap().isEmpty() ? text : e.cap() + "; " + text);
    }

    private String points(String currency, long minorUnits) {
        return Points.of(byCode.get(currency), minorUnits).toString();
    }

    /**
     * Computes a multiplier rule's bonus. With {@code products == null} it is the additive bonus;
     * otherwise the compound bonus on top of the products so far, which it then updates.
     */
    private Outcome multiply(Compiled r, Map<String, long[]> base, Map<String, BigDecimal[]> products,
            Basket basket, RuleContext context) {
        Purchase purchase = basket == null ? null : basket.purchase();
        Multiplier m = r.multiplier;
        long[] b = base.get(m.currency());
        BigDecimal factor = m.fromTier() ? context.member().tierMultiplier() : m.factor();
        if (b == null || factor.compareTo(BigDecimal.ONE) <= 0) {
            return new Outcome(r, List.of());
        }
        if (purchase == null && m.lines() != Nodes.ANY_LINE) {
            return new Outcome(r, List.of());
        }
        BigDecimal[] p = null;
        if (products != null) {
            p = products.computeIfAbsent(m.currency(), x -> {
                BigDecimal[] ones = new BigDecimal[b.length];
                Arrays.fill(ones, BigDecimal.ONE);
                return ones;
            });
        }
        BigDecimal extra = factor.subtract(BigDecimal.ONE);
        long[] shares = purchase == null ? null : new long[b.length];
        long amount = 0;
        long baseSum = 0;
        int lines = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0 || (purchase != null && !m.lines().matches(purchase.lines().get(i)))) {
                continue;
            }
            BigDecimal bi = BigDecimal.valueOf(b[i]);
            long bonus;
            try {
                if (p == null) {
                    bonus = bi.multiply(extra).setScale(0, RoundingMode.FLOOR).longValueExact();
                } else {
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
            if (bonus > 0 && shares != null) {
                shares[i] = bonus;
            }
        }
        if (amount == 0) {
            return new Outcome(r, List.of());
        }
        String on = purchase == null ? "" : " on " + lines + (lines == 1 ? " line" : " lines");
        Explanation how = new Explanation(points(m.currency(), baseSum) + " earned" + on, "",
                factor.stripTrailingZeros().toPlainString() + "x ("
                        + (m.fromTier() ? "tier " + context.member().tier() + ", " : "")
                        + (stacking == MultiplierStacking.ADDITIVE ? "additive" : "compound") + ")",
                "floor per line", "");
        Map<String, Long> capLeft = r.rule.capsPerTransaction().isEmpty() ? null
                : new HashMap<>(r.rule.capsPerTransaction());
        Grant g = cap(r, new Grant(m.currency(), amount, shares == null ? Map.of() : LineShares.of(basket.lines(), shares),
                how), capLeft);
        return new Outcome(r, g == null ? List.of() : List.of(g));
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

    private static Award award(Compiled r, Grant g) {
        return new Award(r.rule.id(), r.rule.name(), g.currency(), g.amount(), g.lineShares(), g.explanation());
    }

    /** Builds a {@link RuleSet}, checking every reference when {@link #build()} is called. Not thread-safe. */
    public static final class Builder {
        private final Map<String, PointCurrency> currencies = new LinkedHashMap<>();
        private Set<String> tiers;
        private Set<String> attributes;
        private MultiplierStacking stacking = MultiplierStacking.ADDITIVE;
        private final Map<String, GroupSelection> groups = new LinkedHashMap<>();
        private final Map<String, Campaign> campaigns = new LinkedHashMap<>();
        private final List<Rule> rules = new ArrayList<>();
        private Quotas quotas = Quotas.inMemory();

        private Builder(PointCurrency... given) {
            Objects.requireNonNull(given, "currencies must not be null");
            if (given.length == 0) {
                throw new InvalidRuleException("a rule set needs at least one point currency to award");
            }
            for (PointCurrency c : given) {
                Objects.requireNonNull(c, "currency must not be null");
                if (currencies.put(c.code(), c) != null) {
                    throw new InvalidRuleException("currency " + c.code() + " is given twice; currency codes must be unique");
                }
            }
        }

        /**
         * Declares the program's tier names, so that tier conditions naming another tier are
         * rejected. Without it tier names are not checked.
         *
         * @param names the tier names
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder tiers(String... names) {
            Objects.requireNonNull(names, "tier names must not be null");
            Set<String> set = new LinkedHashSet<>();
            for (String n : names) {
                set.add(Objects.requireNonNull(n, "tier name must not be null"));
            }
            this.tiers = set;
            return this;
        }

        /**
         * Declares the member attribute names the program keeps, so that attribute conditions
         * naming another attribute are rejected. Without it attribute names are not checked.
         *
         * @param names the attribute names
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder memberAttributes(String... names) {
            Objects.requireNonNull(names, "attribute names must not be null");
            Set<String> set = new LinkedHashSet<>();
            for (String n : names) {
                set.add(Objects.requireNonNull(n, "attribute name must not be null"));
            }
            this.attributes = set;
            return this;
        }

        /**
         * States how multipliers combine; the default is {@link MultiplierStacking#ADDITIVE}.
         *
         * @param mode the stacking mode
         * @return this builder
         * @throws NullPointerException if {@code mode} is null
         */
        public Builder multipliers(MultiplierStacking mode) {
            this.stacking = Objects.requireNonNull(mode, "stacking mode must not be null");
            return this;
        }

        /**
         * Sets where campaign budgets and per-member caps are counted. The default,
         * {@link Quotas#inMemory()}, is right for one process; servers that share members share
         * their counters too (e.g. loyalty-jdbc's {@code JdbcQuotas}), so that no budget or cap is
         * exceeded across them.
         *
         * <p>A purchase draws on its rules' counters what they award it (after any cap or budget cut
         * them). When it is returned, {@link RuleSet#returned} gives back what the returned part no
         * longer earns to the same counters: the campaign budget, and the member's cap counter of the
         * purchase's period (not the return's). So a counter holds what the kept parts of purchases
         * were awarded: never more than its limit, never negative, and a fully returned purchase
         * counts for nothing. {@code LoyaltyProgram} does this once per posted return (a replayed
         * return key gives back nothing again).
         *
         * @param quotas the counters
         * @return this builder
         * @throws NullPointerException if {@code quotas} is null
         */
        public Builder quotas(Quotas quotas) {
            this.quotas = Objects.requireNonNull(quotas, "quotas must not be null");
            return this;
        }

        /**
         * Declares an exclusive group: of its matching rules only one applies.
         *
         * @param name the group name
         * @param selection which rule applies
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder exclusiveGroup(String name, GroupSelection selection) {
            groups.put(Objects.requireNonNull(name, "group name must not be null"),
                    Objects.requireNonNull(selection, "group selection must not be null"));
            return this;
        }

        /**
         * Adds a campaign that rules can belong to.
         *
         * @param campaign the campaign
         * @return this builder
         * @throws NullPointerException if {@code campaign} is null
         * @throws InvalidRuleException if a campaign with that id was already added
         */
        public Builder campaign(Campaign campaign) {
            Objects.requireNonNull(campaign, "campaign must not be null");
            if (campaigns.putIfAbsent(campaign.id(), campaign) != null) {
                throw new InvalidRuleException("campaign id '" + Inputs.shown(campaign.id())
                        + "' is added twice; campaign ids must be"
                        + " unique");
            }
            return this;
        }

        /**
         * Adds a rule.
         *
         * @param rule the rule
         * @return this builder
         * @throws NullPointerException if {@code rule} is null
         */
        public Builder add(Rule rule) {
            rules.add(Objects.requireNonNull(rule, "rule must not be null"));
            return this;
        }

        /**
         * Adds a rule described by {@code spec}, e.g.
         * {@code .rule("base", r -> r.name("2 stars per 1.00").award(Actions.perUnitSpent(...)))}.
         *
         * @param id the rule id; not blank
         * @param spec sets the rule's parts
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws RuleDefinitionException if the rule is malformed
         */
        public Builder rule(String id, Consumer<Rule.Builder> spec) {
            Rule.Builder b = Rule.builder(id);
            Objects.requireNonNull(spec, "rule spec must not be null").accept(b);
            return add(b.build());
        }

        /**
         * Checks every rule and builds the rule set.
         *
         * @return the rule set
         * @throws DuplicateRuleIdException if two rules share an id
         * @throws UnknownRuleReferenceException if a rule names a currency, tier, member attribute,
         *         group or campaign that was not declared
         * @throws InvalidRuleException if an exclusive group mixes awarding and multiplier rules
         */
        public RuleSet build() {
            Set<String> ids = new LinkedHashSet<>();
            Map<String, Boolean> groupKinds = new HashMap<>();
            for (Campaign c : campaigns.values()) {
                for (String code : c.budgets().keySet()) {
                    checkCurrency("campaign '" + Inputs.shown(c.id()) + "'", code);
                }
            }
            for (Rule r : rules) {
                if (!ids.add(r.id())) {
                    throw new DuplicateRuleIdException("rule id '" + Inputs.shown(r.id())
                            + "' appears twice in the rule set; rule ids"
                            + " must be unique");
                }
                String who = "rule '" + Inputs.shown(r.id()) + "'";
                for (Action a : r.actions()) {
                    for (String code : a.currencies()) {
                        checkCurrency(who, code);
                    }
                }
                if (r.multiplier().isPresent()) {
                    checkCurrency(who, r.multiplier().get().currency());
                }
                for (String code : r.capsPerTransaction().keySet()) {
                    checkCurrency(who + " (cap)", code);
                }
                for (String code : r.capsPerMember().keySet()) {
                    checkCurrency(who + " (cap)", code);
                }
                if (tiers != null) {
                    Set<String> named = new TreeSet<>();
                    Nodes.tiers(r.condition(), named);
                    named.removeAll(tiers);
                    if (!named.isEmpty()) {
                        throw new UnknownRuleReferenceException(who + " names tier " + named
                                + ", which the program does not have; tiers are " + tiers);
                    }
                }
                if (attributes != null) {
                    Set<String> named = new TreeSet<>();
                    Nodes.attributes(r.condition(), named);
                    named.removeAll(attributes);
                    if (!named.isEmpty()) {
                        throw new UnknownRuleReferenceException(who + " names member attribute " + named
                                + ", which the program does not keep; attributes are " + attributes);
                    }
                }
                if (r.exclusiveGroup().isPresent()) {
                    String g = r.exclusiveGroup().get();
                    if (!groups.containsKey(g)) {
                        throw new UnknownRuleReferenceException(who + " names exclusive group '" + Inputs.shown(g)
                                + "', which is not declared; declared groups are " + groups.keySet());
                    }
                    Boolean kind = groupKinds.putIfAbsent(g, r.multiplier().isPresent());
                    if (kind != null && kind != r.multiplier().isPresent()) {
                        throw new InvalidRuleException(who + " is a " + (kind ? "awarding" : "multiplier")
                                + " rule in exclusive group '" + Inputs.shown(g) + "', whose other rules are "
                                + (kind ? "multiplier" : "awarding") + " rules; a group holds one kind");
                    }
                }
                if (r.campaign().isPresent() && !campaigns.containsKey(r.campaign().get())) {
                    throw new UnknownRuleReferenceException(who + " names campaign '" + Inputs.shown(r.campaign().get())
                            + "', which was not added; campaigns are " + campaigns.keySet());
                }
            }
            List<Rule> sorted = new ArrayList<>(rules);
            sorted.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
            return new RuleSet(this, sorted);
        }

        private void checkCurrency(String who, String code) {
            if (!currencies.containsKey(code)) {
                throw new UnknownRuleReferenceException(who + " awards currency " + code
                        + ", which the program does not have; currencies are " + currencies.keySet());
            }
        }
    }

    /**
     * Returns the declared exclusive groups and how each selects its rule.
     *
     * @return the groups by name, in the order declared; unmodifiable
     */
    public Map<String, GroupSelection> exclusiveGroups() {
        return groups;
    }

    /**
     * Returns the campaigns added to the rule set, as stated (their budgets in full, not what is left).
     *
     * @return the campaigns in the order added; unmodifiable
     */
    public List<Campaign> campaigns() {
        return List.copyOf(campaigns.values());
    }

    /**
     * Returns the tier names declared with {@link Builder#tiers(String...)}, which tier conditions
     * are checked against.
     *
     * @return the tier names in the order declared, or empty if none were declared
     */
    public java.util.Optional<Set<String>> declaredTiers() {
        return java.util.Optional.ofNullable(declaredTiers);
    }

    /**
     * Returns the member attribute names declared with {@link Builder#memberAttributes(String...)}.
     *
     * @return the attribute names in the order declared, or empty if none were declared
     */
    public java.util.Optional<Set<String>> declaredMemberAttributes() {
        return java.util.Optional.ofNullable(declaredAttributes);
    }
}
