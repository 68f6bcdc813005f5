package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A program's ordered tiers and the rules for reaching and keeping them: the qualification window,
 * the program zone, the declared qualifying metrics, retention, grace period, soft landing and what
 * a return does.
 *
 * <p>Built with {@link #builder()} and validated when built, so that a ladder in hand is always
 * well formed. Semantics of the options:
 * <ul>
 *   <li><b>retention</b> (default on): at a window close a member keeps the tier the closed window's
 *       activity qualified for, so a tier reached in year Y holds through the end of Y+1. Off: at a
 *       close the member falls to what the new window's activity qualifies for (status resets).
 *   <li><b>grace period</b> (default none): a downgrade decided at a close takes effect this much
 *       later, and not at all if the member re-qualifies in the meantime.
 *   <li><b>soft landing</b> (default off): a member drops at most one tier per assessment.
 *   <li>{@link Tier#withNeverDowngrade() never-downgrade tiers}: once reached, the member never
 *       drops below that tier.
 *   <li>{@link ReturnRule}: whether a return that undoes the activity a tier rests on downgrades at once
 *       (default {@link ReturnRule#AT_WINDOW_CLOSE}).
 * </ul>
 * Instances are immutable.
 *
 * @since 0.1.0
 */
public final class TierLadder {

    private final List<Tier> tiers;
    private final Map<String, Integer> index;
    private final Set<Metric> metrics;
    private final Map<Metric, Integer> metricIndex = new HashMap<>();
    private final Map<String, Metric> metricByName = new HashMap<>();
    private final QualificationWindow window;
    private final ZoneId zone;
    private final boolean retention;
    private final Period grace;
    private final boolean softLanding;
    private final ReturnRule returnRule;

    private TierLadder(Builder b, Map<String, Integer> index) {
        this.tiers = Collections.unmodifiableList(new ArrayList<>(b.tiers));
        this.index = index;
        this.metrics = Collections.unmodifiableSet(new LinkedHashSet<>(b.metrics));
        for (Metric m : metrics) {
            metricIndex.put(m, metricIndex.size());
            metricByName.put(m.toString(), m);
        }
        this.window = b.window;
        this.zone = b.zone;
        this.retention = b.retention;
        this.grace = b.grace;
        this.softLanding = b.softLanding;
        this.returnRule = b.returnRule;
    }

    /**
     * Returns a new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the tiers, base tier first.
     *
     * @return an unmodifiable list
     */
    public List<Tier> tiers() {
        return tiers;
    }

    /**
     * Returns the base tier every member starts in.
     *
     * @return the base tier
     */
    public Tier base() {
        return tiers.get(0);
    }

    /**
     * Returns the tier with a name.
     *
     * @param name the name
     * @return the tier
     * @throws NullPointerException if {@code name} is null
     * @throws UnknownTierException if no tier has that name
     */
    public Tier tier(String name) {
        return tiers.get(indexOf(name));
    }

    int indexOf(String name) {
        Objects.requireNonNull(name, "tier name must not be null");
        Integer i = index.get(name);
        if (i == null) {
            throw new UnknownTierException("tier '" + Inputs.shown(name) + "' is not on the ladder; tiers are "
                    + index.keySet());
        }
        return i;
    }

    /**
     * Returns the declared qualifying metrics.
     *
     * @return an unmodifiable set
     */
    public Set<Metric> metrics() {
        return metrics;
    }

    /** The position of a declared metric in {@link #metrics()}, or -1 if the ladder does not declare it. */
    int metricIndex(Metric metric) {
        Integer i = metricIndex.get(metric);
        return i == null ? -1 : i;
    }

    /** The declared metric whose text form ({@link Metric#toString()}) is {@code name}, or null. */
    Metric metricNamed(String name) {
        return metricByName.get(name);
    }

    /**
     * Returns the qualification window.
     *
     * @return the window
     */
    public QualificationWindow window() {
        return window;
    }

    /**
     * Returns the program zone in which window boundaries are computed.
     *
     * @return the zone
     */
    public ZoneId zone() {
        return zone;
    }

    /**
     * Tells whether retention is on.
     *
     * @return true if a tier reached in a window holds through the next one
     */
    public boolean retention() {
        return retention;
    }

    /**
     * Returns the grace period after a window close before a downgrade takes effect.
     *
     * @return the period; zero for none
     */
    public Period gracePeriod() {
        return grace;
    }

    /**
     * Tells whether soft landing is on.
     *
     * @return true if members drop at most one tier per assessment
     */
    public boolean softLanding() {
        return softLanding;
    }

    /**
     * Returns what a return that undoes qualifying activity does.
     *
     * @return the rule
     */
    public ReturnRule returnRule() {
        return returnRule;
    }

    /** Builds a {@link TierLadder}; not thread-safe. */
    public static final class Builder {
        private final List<Tier> tiers = new ArrayList<>();
        private final Set<Metric> metrics = new LinkedHashSet<>();
        private QualificationWindow window = QualificationWindow.calendarYear();
        private ZoneId zone;
        private boolean retention = true;
        private Period grace = Period.ZERO;
        private boolean softLanding;
        private ReturnRule returnRule = ReturnRule.AT_WINDOW_CLOSE;

        private Builder() {
        }

        /**
         * Sets the program zone (required).
         *
         * @param zone the zone
         * @return this builder
         * @throws NullPointerException if {@code zone} is null
         */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "program zone must not be null");
            return this;
        }

        /**
         * Sets the qualification window; the default is the calendar year.
         *
         * @param window the window
         * @return this builder
         * @throws NullPointerException if {@code window} is null
         */
        public Builder window(QualificationWindow window) {
            this.window = Objects.requireNonNull(window, "qualification window must not be null");
            return this;
        }

        /**
         * Declares qualifying metrics; thresholds and recorded activity may only use declared metrics.
         *
         * @param declared the metrics
         * @return this builder
         * @throws NullPointerException if an argument is null
         */
        public Builder metrics(Metric... declared) {
            for (Metric m : Objects.requireNonNull(declared, "metrics must not be null")) {
                metrics.add(Objects.requireNonNull(m, "metric must not be null"));
            }
            return this;
        }

        /**
         * Adds the next tier up; the first tier added is the base tier and has no thresholds.
         *
         * @param tier the tier
         * @return this builder
         * @throws NullPointerException if {@code tier} is null
         */
        public Builder tier(Tier tier) {
            tiers.add(Objects.requireNonNull(tier, "tier must not be null"));
            return this;
        }

        /**
         * Turns retention on or off (default on).
         *
         * @param on true to keep a tier reached in a window through the next window
         * @return this builder
         */
        public Builder retention(boolean on) {
            this.retention = on;
            return this;
        }

        /**
         * Sets the grace period after a window close (default none).
         *
         * @param period the period; not negative, at most 1200 years
         * @return this builder
         * @throws NullPointerException if {@code period} is null
         * @throws InvalidLadderException if the period has a negative unit or is longer than 1200 years
         */
        public Builder gracePeriod(Period period) {
            Objects.requireNonNull(period, "grace period must not be null");
            if (period.isNegative() || Inputs.tooLong(period)) {
                throw new InvalidLadderException("grace period must not be negative nor longer than "
                        + Inputs.MAX_PERIOD_YEARS + " years; got " + period);
            }
            this.grace = period;
            return this;
        }

        /**
         * Turns soft landing on or off (default off).
         *
         * @param on true to drop at most one tier per assessment
         * @return this builder
         */
        public Builder softLanding(boolean on) {
            this.softLanding = on;
            return this;
        }

        /**
         * Sets what a return does (default {@link ReturnRule#AT_WINDOW_CLOSE}).
         *
         * @param rule the rule
         * @return this builder
         * @throws NullPointerException if {@code rule} is null
         */
        public Builder returnRule(ReturnRule rule) {
            this.returnRule = Objects.requireNonNull(rule, "return rule must not be null");
            return this;
        }

        /**
         * Validates and builds the ladder.
         *
         * @return the ladder
         * @throws InvalidLadderException if no zone is set, there are no tiers, the first tier has a
         *         threshold, another tier has none, a name is used twice, a threshold does not
         *         increase over the tier below on the same metric, or the grace period is negative
         *         or not shorter than the window
         * @throws UnknownMetricException if a tier uses a metric that is not declared
         */
        public TierLadder build() {
            if (zone == null) {
                throw new InvalidLadderException("tier ladder needs a program zone; call zone(...)");
            }
            if (tiers.isEmpty()) {
                throw new InvalidLadderException("tier ladder needs at least a base tier");
            }
            Tier first = tiers.get(0);
            if (!first.thresholds().isEmpty()) {
                throw new InvalidLadderException("tier ladder must start with a base tier without entry thresholds; "
                        + "first tier '" + first.name() + "' has " + first.thresholds());
            }
            if (grace.isNegative()) {
                throw new InvalidLadderException("grace period must not be negative; got " + grace);
            }
            LocalDate ref = LocalDate.of(2001, 1, 31);
            if (window.kind() != QualificationWindow.Kind.LIFETIME
                    && !ref.plus(grace).isBefore(ref.plusMonths(window.months()))) {
                throw new InvalidLadderException("grace period must be shorter than the " + window + " window; got "
                        + grace);
            }
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < tiers.size(); i++) {
                Tier t = tiers.get(i);
                if (index.putIfAbsent(t.name(), i) != null) {
                    throw new InvalidLadderException("tier name '" + t.name() + "' is used twice; tier names must be "
                            + "unique");
                }
                if (i > 0 && t.thresholds().isEmpty()) {
                    throw new InvalidLadderException("tier '" + t.name() + "' has no entry threshold; only the base "
                            + "tier '" + first.name() + "' (first) may have none");
                }
                for (Threshold th : t.thresholds()) {
                    if (!metrics.contains(th.metric())) {
                        throw new UnknownMetricException("tier '" + t.name() + "' has threshold " + th
                                + " on a metric the ladder does not declare; declared metrics: " + metrics);
                    }
                }
                if (i > 0) {
                    reachableBelow(i);
                }
            }
            return new TierLadder(this, Collections.unmodifiableMap(index));
        }

        /**
         * Refuses a tier below tier {@code i} with a way in that also reaches tier {@code i}: that way in
         * would never give the lower tier. For single thresholds: a threshold must be greater than the
         * one on the same metric of the tiers below.
         */
        private void reachableBelow(int i) {
            Tier t = tiers.get(i);
            for (Requirement up : Requirements.alternatives(t.entry())) {
                for (int j = i - 1; j > 0; j--) {
                    Tier lower = tiers.get(j);
                    for (Requirement down : Requirements.alternatives(lower.entry())) {
                        if (!Requirements.implies(down, up)) {
                            continue;
                        }
                        if (up instanceof Threshold th && down instanceof Threshold below) {
                            throw new InvalidLadderException("threshold " + th + " of tier '" + t.name()
                                    + "' must be greater than the threshold " + below + " of tier '" + lower.name()
                                    + "' below it");
                        }
                        throw new InvalidLadderException("tier '" + lower.name() + "' is reached by " + down
                                + ", which also meets " + up + " of tier '" + t.name() + "' above it; a lower tier"
                                + " must be easier to reach");
                    }
                }
            }
        }
    }
}
