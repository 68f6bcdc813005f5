package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule: an id and name, a priority, a condition, and either actions that award points or a
 * {@link Multiplier} that multiplies what the awarding rules earned; optionally an exclusive
 * group, a campaign, a validity window and per-transaction caps. Build one with
 * {@link #builder(String)} or {@link RuleSet.Builder#rule(String, java.util.function.Consumer)}.
 *
 * <p>Instances are immutable. References to currencies, tiers, groups and campaigns are checked
 * when the rule is added to a {@link RuleSet}.
 *
 * @since 0.1.0
 */
public final class Rule {

    private final String id;
    private final String name;
    private final int priority;
    private final Condition condition;
    private final List<Action> actions;
    private final Multiplier multiplier;
    private final String group;
    private final String campaign;
    private final LocalDate first;
    private final LocalDate last;
    private final Map<String, Long> caps;
    private final Map<String, MemberCap> memberCaps;

    /**
     * A cap on what one member earns from a rule in one currency per period.
     *
     * @param max the cap in minor units; positive
     * @param period the period
     */
    public record MemberCap(long max, CapPeriod period) {

        /**
         * Validates the cap.
         *
         * @param max the cap in minor units
         * @param period the period
         * @throws NullPointerException if {@code period} is null
         * @throws InvalidCapException if {@code max} is not positive
         */
        public MemberCap {
            java.util.Objects.requireNonNull(period, "cap period must not be null");
            if (max <= 0) {
                throw new InvalidCapException("a per-member cap must be a positive number of minor units; got " + max);
            }
        }
    }

    private Rule(Builder b) {
        this.id = b.id;
        this.name = b.name == null ? b.id : b.name;
        this.priority = b.priority;
        this.condition = b.condition;
        this.actions = List.copyOf(b.actions);
        this.multiplier = b.multiplier;
        this.group = b.group;
        this.campaign = b.campaign;
        this.first = b.first;
        this.last = b.last;
        this.caps = Collections.unmodifiableMap(new LinkedHashMap<>(b.caps));
        this.memberCaps = Collections.unmodifiableMap(new LinkedHashMap<>(b.memberCaps));
    }

    /**
     * Returns a builder for a rule.
     *
     * @param id the rule id; not blank, unique in its rule set
     * @return the builder
     * @throws NullPointerException if {@code id} is null
     * @throws InvalidRuleException if {@code id} is blank
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * Returns the id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the name shown to members; the id if none was given.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the priority: higher runs first, and wins {@link GroupSelection#FIRST} groups.
     *
     * @return the priority
     */
    public int priority() {
        return priority;
    }

    /**
     * Returns the condition.
     *
     * @return the condition; {@link Conditions#always()} if none was given
     */
    public Condition condition() {
        return condition;
    }

    /**
     * Returns the awarding actions; empty for a multiplier rule.
     *
     * @return the actions
     */
    public List<Action> actions() {
        return actions;
    }

    /**
     * Returns the multiplier of a multiplier rule.
     *
     * @return the multiplier, or empty for an awarding rule
     */
    public Optional<Multiplier> multiplier() {
        return Optional.ofNullable(multiplier);
    }

    /**
     * Returns the exclusive group.
     *
     * @return the group name, or empty
     */
    public Optional<String> exclusiveGroup() {
        return Optional.ofNullable(group);
    }

    /**
     * Returns the campaign the rule belongs to.
     *
     * @return the campaign id, or empty
     */
    public Optional<String> campaign() {
        return Optional.ofNullable(campaign);
    }

    /**
     * Returns the first day the rule applies (program zone), if limited.
     *
     * @return the first day, or empty
     */
    public Optional<LocalDate> validFrom() {
        return Optional.ofNullable(first);
    }

    /**
     * Returns the last day the rule applies (program zone, inclusive), if limited.
     *
     * @return the last day, or empty
     */
    public Optional<LocalDate> validUntil() {
        return Optional.ofNullable(last);
    }

    /**
     * Returns the per-transaction caps, in minor units by currency code.
     *
     * @return the caps
     */
    public Map<String, Long> capsPerTransaction() {
        return caps;
    }

    /**
     * Returns the per-member caps by currency code.
     *
     * @return the caps
     */
    public Map<String, MemberCap> capsPerMember() {
        return memberCaps;
    }

    @Override
    public String toString() {
        return "Rule[" + id + " '" + name + "' priority " + priority + "]";
    }

    /** Builds a {@link Rule}. Not thread-safe. */
    public static final class Builder {
        private final String id;
        private String name;
        private int priority;
        private Condition condition = Conditions.always();
        private final List<Action> actions = new ArrayList<>();
        private Multiplier multiplier;
        private String group;
        private String campaign;
        private LocalDate first;
        private LocalDate last;
        private final Map<String, Long> caps = new LinkedHashMap<>();
        private final Map<String, MemberCap> memberCaps = new LinkedHashMap<>();

        private Builder(String id) {
            Objects.requireNonNull(id, "rule id must not be null");
            if (id.isBlank()) {
                throw new InvalidRuleException("rule id must not be blank");
            }
            this.id = id;
        }

        /**
         * Sets the name shown to members.
         *
         * @param name the name; not blank
         * @return this builder
         * @throws NullPointerException if {@code name} is null
         * @throws InvalidRuleException if {@code name} is blank
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "rule name must not be null");
            if (name.isBlank()) {
                throw new InvalidRuleException("name of rule '" + Inputs.shown(id) + "' must not be blank");
            }
            this.name = name;
            return this;
        }

        /**
         * Sets the priority; higher runs first. The default is 0; equal priorities run in the
         * order the rules were added.
         *
         * @param priority the priority
         * @return this builder
         */
        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        /**
         * Sets the condition.
         *
         * @param condition the condition
         * @return this builder
         * @throws NullPointerException if {@code condition} is null
         */
        public Builder when(Condition condition) {
            this.condition = Objects.requireNonNull(condition, "condition of rule '" + id + "' must not be null");
            return this;
        }

        /**
         * Adds awarding actions.
         *
         * @param more the actions
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder award(Action... more) {
            for (Action a : Objects.requireNonNull(more, "actions must not be null")) {
                actions.add(Objects.requireNonNull(a, "action of rule '" + id + "' must not be null"));
            }
            return this;
        }

        /**
         * Makes this a multiplier rule.
         *
         * @param multiplier the multiplier
         * @return this builder
         * @throws NullPointerException if {@code multiplier} is null
         */
        public Builder multiply(Multiplier multiplier) {
            this.multiplier = Objects.requireNonNull(multiplier, "multiplier of rule '" + id + "' must not be null");
            return this;
        }

        /**
         * Puts the rule in an exclusive group declared on the rule set.
         *
         * @param group the group name
         * @return this builder
         * @throws NullPointerException if {@code group} is null
         */
        public Builder exclusiveGroup(String group) {
            this.group = Objects.requireNonNull(group, "group of rule '" + id + "' must not be null");
            return this;
        }

        /**
         * Puts the rule in a campaign added to the rule set: it applies only while the campaign
         * runs, and its awards draw on the campaign's budgets.
         *
         * @param campaign the campaign id
         * @return this builder
         * @throws NullPointerException if {@code campaign} is null
         */
        public Builder campaign(String campaign) {
            this.campaign = Objects.requireNonNull(campaign, "campaign of rule '" + id + "' must not be null");
            return this;
        }

        /**
         * Limits the rule to the days {@code first} to {@code last}, inclusive, in the program zone.
         *
         * @param first the first day
         * @param last the last day; not before {@code first}
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws InvalidWindowException if {@code last} is before {@code first}
         */
        public Builder validBetween(LocalDate first, LocalDate last) {
            Objects.requireNonNull(first, "first day must not be null");
            Objects.requireNonNull(last, "last day must not be null");
            if (last.isBefore(first)) {
                throw new InvalidWindowException("validity of rule '" + Inputs.shown(id) + "' ends on " + last
                        + ", before it starts on "
                        + first + "; the last day must be on or after the first");
            }
            this.first = first;
            this.last = last;
            return this;
        }

        /**
         * Caps what the rule awards in one currency per transaction.
         *
         * @param currency the currency code
         * @param maxMinorUnits the cap in minor units; positive
         * @return this builder
         * @throws NullPointerException if {@code currency} is null
         * @throws InvalidCapException if the cap is not positive
         */
        public Builder capPerTransaction(String currency, long maxMinorUnits) {
            Objects.requireNonNull(currency, "currency must not be null");
            if (maxMinorUnits <= 0) {
                throw new InvalidCapException("cap of rule '" + Inputs.shown(id) + "' in " + currency
                        + " must be a positive number of minor units per transaction; got " + maxMinorUnits);
            }
            caps.put(currency, maxMinorUnits);
            return this;
        }

        /**
         * Caps what one member earns from the rule in one currency per period (program zone),
         * e.g. at most 100 stars per day. The rule set counts it in its {@link io.github.loyaltyrules.rule.Quotas}
         * (see {@link RuleSet.Builder#quotas}), atomically, so that it is never exceeded under
         * concurrent evaluation. When a purchase is returned, what the returned part earned from the
         * rule is given back to the cap of the period the purchase was made in (not the period of the
         * return), and never more than the purchase took: a purchase the cap cut gives back only what it
         * was awarded.
         *
         * @param currency the currency code
         * @param maxMinorUnits the cap in minor units; positive
         * @param period the period
         * @return this builder
         * @throws NullPointerException if an argument is null
         * @throws InvalidCapException if the cap is not positive
         */
        public Builder capPerMember(String currency, long maxMinorUnits, CapPeriod period) {
            Objects.requireNonNull(currency, "currency must not be null");
            Objects.requireNonNull(period, "cap period must not be null");
            if (maxMinorUnits <= 0) {
                throw new InvalidCapException("cap of rule '" + Inputs.shown(id) + "' in " + currency
                        + " must be a positive number of"
                        + " minor units per member per " + period.label() + "; got " + maxMinorUnits);
            }
            memberCaps.put(currency, new MemberCap(maxMinorUnits, period));
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws InvalidRuleException if the rule has no action and no multiplier, or both
         */
        public Rule build() {
            if (actions.isEmpty() == (multiplier == null)) {
                throw new InvalidRuleException("rule '" + Inputs.shown(id)
                        + "' must have either actions (award) or a multiplier"
                        + " (multiply), not " + (actions.isEmpty() ? "neither" : "both"));
            }
            return new Rule(this);
        }
    }
}
