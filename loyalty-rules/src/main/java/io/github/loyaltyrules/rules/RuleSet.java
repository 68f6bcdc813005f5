package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.RuleEngine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An immutable set of rules: the default {@link RuleEngine}.
 *
 * <p>Evaluation of one activity:
 * <ol>
 * <li>The index yields the rules that can match: those applying to the activity's event type
 * (a rule applies to the event types its condition requires, to purchases if it requires none)
 * and either keyed on a value the activity has (the purchase's store or channel, a line's SKU or
 * category, the member's tier or a member attribute's value, the day of the week, an event
 * attribute's value), or not keyed (and, if the rule can only match within a campaign window,
 * validity window or date range, within it). No other rule is looked at, whatever its condition.</li>
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
 *
 * @since 0.1.0
 */
public final class RuleSet implements RuleEngine {

    private final List<PointCurrency> currencies;
    private final Map<String, PointCurrency> byCode;
    private final MultiplierStacking stacking;
    private final Map<String, GroupSelection> groups;
    private final Map<String, Campaign> campaigns;
    private final Map<String, Long> budgets;
    private final Quotas quotas;
    private final CompiledRule[] rules;
    /** The rules by id. */
    private final Map<String, CompiledRule> byId;
    private final List<Rule> ruleList;
    private final Evaluator evaluator;
    private final Set<String> declaredTiers;
    private final Set<String> declaredAttributes;
    /** Whether any rule draws on a per-member cap or campaign budget. */
    private final boolean drawsQuotas;

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
        this.rules = new CompiledRule[sorted.size()];
        List<String> codes = new ArrayList<>(byCode.keySet());
        boolean simple = true;
        boolean quotaRules = false;
        Map<String, CompiledRule> ids = new HashMap<>();
        for (int i = 0; i < rules.length; i++) {
            Rule r = sorted.get(i);
            CompiledRule c = new CompiledRule(r, i, r.exclusiveGroup().map(groups::get).orElse(null),
                    r.campaign().map(campaigns::get).orElse(null), codes, stacking);
            rules[i] = c;
            simple &= c.group == null && !c.memberCaps && c.budgetCounters.length == 0;
            quotaRules |= c.memberCaps || c.budgetCounters.length > 0;
            ids.put(r.id(), c);
        }
        this.drawsQuotas = quotaRules;
        this.byId = ids;
        this.evaluator = new Evaluator(rules, currencies, byCode, stacking, groups, simple);
        this.declaredTiers = b.tiers == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(b.tiers));
        this.declaredAttributes = b.attributes == null ? null
                : Collections.unmodifiableSet(new LinkedHashSet<>(b.attributes));
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
     * Returns a builder that holds everything this rule set was built from: its currencies, declared
     * tiers and member attributes, multiplier stacking, exclusive groups, campaigns, rules and quotas.
     * Add to it and build to extend a rule set, e.g. a program read from text plus a rule written in
     * Java. The rule set it builds draws on the same {@link Quotas} as this one (set others with
     * {@link Builder#quotas}), so use one or the other, not both.
     *
     * @return a new builder; changing it does not change this rule set
     */
    public Builder toBuilder() {
        Builder b = new Builder(currencies.toArray(new PointCurrency[0]));
        if (declaredTiers != null) {
            b.tiers(declaredTiers.toArray(new String[0]));
        }
        if (declaredAttributes != null) {
            b.memberAttributes(declaredAttributes.toArray(new String[0]));
        }
        b.multipliers(stacking).quotas(quotas);
        groups.forEach(b::exclusiveGroup);
        campaigns.values().forEach(b::campaign);
        ruleList.forEach(b::add);
        return b;
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

    /**
     * {@inheritDoc} Renames the counters of this rule set's per-member caps that name the member
     * ({@code cap/<rule>/<currency>/<member>/<period start>}) to name the pseudonym, with what was
     * drawn on them; renaming again finds none. Rules that share counters with another version's
     * (the same rule id and currency) are moved once.
     *
     * @throws UnsupportedOperationException if the quotas cannot list or rename counters
     */
    @Override
    public void erased(io.github.loyaltyrules.ledger.MemberId member, io.github.loyaltyrules.ledger.MemberId pseudonym) {
        java.util.Objects.requireNonNull(member, "member must not be null");
        java.util.Objects.requireNonNull(pseudonym, "pseudonym must not be null");
        for (Rule r : ruleList) {
            for (String currency : r.capsPerMember().keySet()) {
                String prefix = "cap/" + r.id() + "/" + currency + "/" + member.value() + "/";
                for (String counter : quotas.counters(prefix)) {
                    String period = counter.substring(prefix.length());
                    if (period.indexOf('/') < 0) { // not the cap of another member whose id starts with this one's
                        quotas.rename(counter, "cap/" + r.id() + "/" + currency + "/" + pseudonym.value() + "/" + period);
                    }
                }
            }
        }
    }

    /**
     * Returns the counters of the per-member caps of this set's rules that name the member, each
     * with what is used of it, by counter name ({@code cap/<rule>/<currency>/<member>/<period start>}),
     * in name order: for an export of what the program holds about the member.
     *
     * @param member the member
     * @return the used amount per counter; empty if the member drew on no cap
     * @throws NullPointerException if {@code member} is null
     * @throws UnsupportedOperationException if a rule has a per-member cap and the quotas cannot list counters
     */
    @Override
    public java.util.Map<String, Long> memberCounters(io.github.loyaltyrules.ledger.MemberId member) {
        java.util.Objects.requireNonNull(member, "member must not be null");
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (Rule r : ruleList) {
            for (String currency : r.capsPerMember().keySet()) {
                String prefix = "cap/" + r.id() + "/" + currency + "/" + member.value() + "/";
                for (String counter : quotas.counters(prefix)) {
                    if (counter.indexOf('/', prefix.length()) < 0) { // not the cap of another member whose id starts with this one's
                        out.put(counter, quotas.used(counter));
                    }
                }
            }
        }
        return java.util.Collections.unmodifiableMap(out);
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
        return evaluator.candidates(Objects.requireNonNull(context, "context must not be null"));
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
            CompiledRule r = byId.get(known(a));
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
        return evaluate(context, draw, false);
    }

    /**
     * Evaluates; {@code naive} tests every rule of the activity's event type in order instead of the
     * index's candidates (with each condition's own test and multipliers in decimals), for tests that
     * the indexed evaluation agrees with it.
     */
    Evaluation evaluate(RuleContext context, boolean draw, boolean naive) {
        Objects.requireNonNull(context, "context must not be null");
        if (!draw || !drawsQuotas) {
            return evaluator.evaluate(context, null, naive);
        }
        Selection.Draws draws = new Selection.Draws(quotas);
        Evaluation e = evaluator.evaluate(context, draws, naive);
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
        return evaluator.evaluate(context, drawsQuotas ? new Selection.Draws(new QuotedQuotas(quotas)) : null, false);
    }

    /**
     * {@inheritDoc} Every rule applying to the activity's event type without an award in
     * {@code quoted} is a near miss, with each condition of it that failed (every failed part of an
     * all-of; for an any-of none of whose parts holds, why each failed), whether the index would have
     * looked at it or not: a basket threshold with the basket's total and the threshold, a spend
     * threshold with the spend on the rule's lines, a quantity with the units in the basket, the store,
     * channel, event type or tier needed with the activity's, a member attribute or event attribute by
     * name only (never a value), a birthday condition without the date, the day, time or dates, the
     * campaign window and the validity dates. A rule whose condition holds names what left it nothing:
     * its per-member cap reached, its campaign's budget spent, another rule of its exclusive group, or
     * nothing to earn on (a multiplier with no base). Rules applying to other event types are not
     * listed. Costs nothing on {@link #evaluate}: only a quote calls it.
     *
     * @throws NullPointerException if an argument is null
     */
    @Override
    public List<io.github.loyaltyrules.rule.NearMiss> nearMisses(RuleContext context, Evaluation quoted) {
        Objects.requireNonNull(context, "context must not be null");
        Objects.requireNonNull(quoted, "quoted evaluation must not be null");
        Evaluation unbounded = drawsQuotas ? evaluator.evaluate(context, null, false) : quoted;
        return new NearMisses(evaluator, quotas, budgets).explain(context, quoted, unbounded);
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
            RuleSetChecks.check(rules, currencies, tiers, attributes, groups, campaigns);
            List<Rule> sorted = new ArrayList<>(rules);
            sorted.sort((a, b) -> Integer.compare(b.priority(), a.priority()));
            return new RuleSet(this, sorted);
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
