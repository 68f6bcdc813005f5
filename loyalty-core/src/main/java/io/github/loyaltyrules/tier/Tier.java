package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One level of a tier ladder: its name, entry requirement (one threshold, or thresholds combined
 * with all of and any of), earning multiplier, named perks, and whether it is never taken away once
 * reached (lifetime status).
 *
 * <p>Instances are immutable; {@code withX} methods return changed copies. The base tier of a
 * ladder has no thresholds.
 *
 * @since 0.1.0
 */
public final class Tier {

    private final String name;
    private final Requirement requirement;
    private final List<Threshold> thresholds;
    private final BigDecimal multiplier;
    private final Set<String> perks;
    private final boolean neverDowngrade;

    private Tier(String name, Requirement requirement, BigDecimal multiplier, Set<String> perks,
            boolean neverDowngrade) {
        this.name = name;
        this.requirement = requirement;
        this.thresholds = requirement == null ? List.of() : requirement.thresholds();
        this.multiplier = multiplier;
        this.perks = perks;
        this.neverDowngrade = neverDowngrade;
    }

    /**
     * Returns a tier with no thresholds, multiplier 1 and no perks.
     *
     * @param name 1 to 64 characters, no control, bidi control or unpaired surrogate characters
     * @return the tier
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidLadderException if the name is blank, too long or has control, bidi control or unpaired
     *         surrogate characters
     */
    public static Tier of(String name) {
        Objects.requireNonNull(name, "tier name must not be null");
        String unsafe = name.length() > 64 ? null : Inputs.unsafeCharacter(name);
        if (name.isBlank() || name.length() > 64 || unsafe != null) {
            throw new InvalidLadderException("tier name must be 1 to 64 characters without control, bidi control or"
                    + " unpaired surrogate characters; got '" + Inputs.shown(name) + "'"
                    + (unsafe == null ? "" : ", with a " + unsafe));
        }
        return new Tier(name, null, BigDecimal.ONE, Set.of(), false);
    }

    /**
     * Returns a copy with one more way in: the tier is reached by any of the thresholds added this way
     * (its requirement becomes any of them, or any of its requirement and the new threshold).
     *
     * @param metric the metric
     * @param minorUnits the amount to reach, in the metric's minor units; positive
     * @return the changed copy
     * @throws NullPointerException if {@code metric} is null
     * @throws InvalidLadderException if the amount is not positive or the tier already has a threshold on the
     *         metric among its alternatives
     */
    public Tier withThreshold(Metric metric, long minorUnits) {
        Objects.requireNonNull(metric, "threshold metric must not be null");
        if (minorUnits <= 0) {
            throw new InvalidLadderException("threshold of tier '" + name + "' on " + metric
                    + " must be positive; got " + minorUnits);
        }
        List<Requirement> alternatives = new ArrayList<>();
        if (requirement instanceof Requirement.AnyOf any) {
            alternatives.addAll(any.parts());
        } else if (requirement != null) {
            alternatives.add(requirement);
        }
        for (Requirement r : alternatives) {
            if (r instanceof Threshold t && t.metric().equals(metric)) {
                throw new InvalidLadderException("tier '" + name + "' already has a threshold on " + metric
                        + " (" + t.amount().toPlainString() + "); one threshold per metric and tier");
            }
        }
        alternatives.add(Threshold.of(metric, minorUnits));
        return withRequirement(Requirement.anyOf(alternatives.toArray(new Requirement[0])));
    }

    /**
     * Returns a copy whose entry requirement is {@code requirement}, replacing any thresholds before:
     * {@code withRequirement(Requirement.allOf(Threshold.of(points, 650), Threshold.of(qp, 325)))}
     * for "from 650 points and 325 qualifying points".
     *
     * @param requirement the requirement
     * @return the changed copy
     * @throws NullPointerException if {@code requirement} is null
     */
    public Tier withRequirement(Requirement requirement) {
        Objects.requireNonNull(requirement, "requirement must not be null");
        return new Tier(name, requirement, multiplier, perks, neverDowngrade);
    }

    /**
     * Returns a copy with one more entry threshold stated as a decimal amount, e.g. {@code 350} EUR.
     *
     * @param metric the metric
     * @param amount the amount to reach; positive, at most the metric's decimal places
     * @return the changed copy
     * @throws NullPointerException if an argument is null
     * @throws InvalidLadderException if the amount is not positive, has too many decimal places, or
     *         the tier already has a threshold on the metric
     */
    public Tier withThreshold(Metric metric, BigDecimal amount) {
        Objects.requireNonNull(metric, "threshold metric must not be null");
        long minor;
        try {
            minor = metric.minorUnits(amount);
        } catch (InvalidTierRequestException e) {
            throw new InvalidLadderException("threshold of tier '" + name + "': " + e.getMessage());
        }
        return withThreshold(metric, minor);
    }

    /**
     * Returns a copy with the given earning multiplier, which rules apply to points earned in this tier.
     *
     * @param multiplier the multiplier, e.g. {@code 1.25}; positive and below 10^18
     * @return the changed copy
     * @throws NullPointerException if {@code multiplier} is null
     * @throws InvalidLadderException if the multiplier is not positive, or is 10^18 or more
     */
    public Tier withMultiplier(BigDecimal multiplier) {
        Objects.requireNonNull(multiplier, "multiplier must not be null");
        if (multiplier.signum() <= 0) {
            throw new InvalidLadderException("earning multiplier of tier '" + name + "' must be positive; got "
                    + Inputs.shown(multiplier));
        }
        if (Inputs.tooLargeFactor(multiplier)) {
            throw new InvalidLadderException("earning multiplier of tier '" + name + "' must be below 10^"
                    + Inputs.FACTOR_DIGITS + "; got " + Inputs.shown(multiplier));
        }
        return new Tier(name, requirement, multiplier, perks, neverDowngrade);
    }

    /**
     * Returns a copy with the given named perks (replacing any before).
     *
     * @param perks perk names such as {@code "free-shipping"}, {@code "lounge-access"}; not blank
     * @return the changed copy
     * @throws NullPointerException if {@code perks} or an element is null
     * @throws InvalidLadderException if a perk name is blank
     */
    public Tier withPerks(String... perks) {
        Objects.requireNonNull(perks, "perks must not be null");
        Set<String> set = new LinkedHashSet<>();
        for (String p : perks) {
            Objects.requireNonNull(p, "perk must not be null");
            if (p.isBlank()) {
                throw new InvalidLadderException("perk names of tier '" + name + "' must not be blank");
            }
            set.add(p);
        }
        return new Tier(name, requirement, multiplier, Collections.unmodifiableSet(set), neverDowngrade);
    }

    /**
     * Returns a copy that, once reached through qualifying activity, is never taken away (lifetime status).
     *
     * @return the changed copy
     */
    public Tier withNeverDowngrade() {
        return new Tier(name, requirement, multiplier, perks, true);
    }

    /**
     * Returns the name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns every threshold the entry requirement names, in the order written; empty for a base
     * tier. For a tier built with {@link #withThreshold} only, any one of them qualifies; how they
     * combine in general is {@link #requirement()}.
     *
     * @return an unmodifiable list
     */
    public List<Threshold> thresholds() {
        return thresholds;
    }

    /**
     * Returns the entry requirement: what a member's activity in a window must meet to reach the tier.
     *
     * @return the requirement, or empty for a base tier
     */
    public Optional<Requirement> requirement() {
        return Optional.ofNullable(requirement);
    }

    /** The entry requirement, or null for a base tier; no Optional on the engine's paths. */
    Requirement entry() {
        return requirement;
    }

    /**
     * Returns the earning multiplier.
     *
     * @return the multiplier; 1 unless set
     */
    public BigDecimal multiplier() {
        return multiplier;
    }

    /**
     * Returns the named perks.
     *
     * @return an unmodifiable set in the order given
     */
    public Set<String> perks() {
        return perks;
    }

    /**
     * Tells whether this tier has a perk.
     *
     * @param perk the perk name
     * @return true if the tier has it
     */
    public boolean hasPerk(String perk) {
        return perks.contains(perk);
    }

    /**
     * Tells whether this tier is kept for good once reached.
     *
     * @return true for lifetime status
     */
    public boolean isNeverDowngrade() {
        return neverDowngrade;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tier t && t.name.equals(name) && Objects.equals(t.requirement, requirement)
                && t.multiplier.compareTo(multiplier) == 0 && t.perks.equals(perks)
                && t.neverDowngrade == neverDowngrade;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, requirement, multiplier.stripTrailingZeros(), perks, neverDowngrade);
    }

    /**
     * Returns the name.
     *
     * @return the name
     */
    @Override
    public String toString() {
        return name;
    }
}
