package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A reward in the catalogue: what it costs, when it can be had, by which tiers, how often.
 *
 * @param id the reward id; not blank, no control, bidi control or unpaired surrogate characters
 * @param name the name shown to members
 * @param cost the price in points; positive
 * @param availableFrom the first instant it can be redeemed (inclusive)
 * @param availableUntil the instant it stops being available (exclusive); after {@code availableFrom}
 * @param tiers the tier names allowed to redeem it; empty for everyone
 * @param perMemberLimit how many times one member may redeem it; positive
 * @param usageLimits the other limits counted in uses: per member per period, and overall (all members
 *        together), with or without a period; at most one of each scope, period and anchor; kept in one
 *        order (per member before overall, without a period first, then by period and anchor), so that
 *        rewards with the same limits are equal
 * @param maxQuantity the most units one redemption may take (cost and uses scale with it); 1 by default
 *
 * @since 0.1.0
 */
public record Reward(String id, String name, Points cost, Instant availableFrom, Instant availableUntil,
        Set<String> tiers, int perMemberLimit, List<UsageLimit> usageLimits, int maxQuantity) {

    /** The longest id of a reward with an overall limit: its counters are named after it. */
    static final int MAX_COUNTED_ID = 300;

    /**
     * Validates the reward.
     *
     * @param id the reward id; not blank, no control, bidi control or unpaired surrogate characters
     * @param name the name shown to members
     * @param cost the price in points; positive
     * @param availableFrom the first instant it can be redeemed (inclusive)
     * @param availableUntil the instant it stops being available (exclusive); after {@code availableFrom}
     * @param tiers the tier names allowed to redeem it; empty for everyone
     * @param perMemberLimit how many times one member may redeem it; positive
     * @param usageLimits the other limits counted in uses
     * @param maxQuantity the most units one redemption may take, each costing {@code cost} and counting as a use; positive
     * @throws NullPointerException if a component or a usage limit is null
     * @throws InvalidRequestException if the id or name is blank, the id has control, bidi control or unpaired
     *         surrogate characters, the window is empty, the limit not positive, a usage limit is per member
     *         without a period (that is {@code perMemberLimit}), two usage limits count the same uses, or the
     *         reward has an overall limit and an id longer than 300 characters
     * @throws InvalidAmountException if the cost is zero
     */
    public Reward {
        Objects.requireNonNull(id, "reward id must not be null");
        Objects.requireNonNull(name, "reward name must not be null");
        Objects.requireNonNull(cost, "reward cost must not be null");
        Objects.requireNonNull(availableFrom, "availableFrom must not be null");
        Objects.requireNonNull(availableUntil, "availableUntil must not be null");
        tiers = Set.copyOf(tiers);
        if (id.isBlank() || name.isBlank()) {
            throw new InvalidRequestException("reward id and name must not be blank; got id '" + Inputs.shown(id)
                    + "'");
        }
        String unsafe = Inputs.unsafeCharacter(id);
        if (unsafe != null) {
            throw new InvalidRequestException("reward id must not contain control, bidi control or unpaired surrogate"
                    + " characters; got " + unsafe);
        }
        if (cost.isZero()) {
            throw new InvalidAmountException("cost of reward " + Inputs.shown(id) + " must be positive; got " + cost);
        }
        if (!availableUntil.isAfter(availableFrom)) {
            throw new InvalidRequestException("reward " + Inputs.shown(id)
                    + " must become unavailable after it becomes available;"
                    + " got " + availableFrom + " to " + availableUntil);
        }
        if (maxQuantity <= 0) {
            throw new InvalidRequestException("most units of reward " + Inputs.shown(id)
                    + " per redemption must be positive; got " + maxQuantity);
        }
        if (perMemberLimit <= 0) {
            throw new InvalidRequestException("per-member limit of reward " + Inputs.shown(id)
                    + " must be positive; got "
                    + perMemberLimit);
        }
        List<UsageLimit> sorted = new ArrayList<>(usageLimits);
        sorted.sort(UsageLimit.ORDER);
        usageLimits = List.copyOf(sorted);
        for (int i = 0; i < usageLimits.size(); i++) {
            UsageLimit l = usageLimits.get(i);
            if (l.scope() == UsageLimit.Scope.PER_MEMBER && l.period() == null) {
                throw new InvalidRequestException("reward " + Inputs.shown(id) + " has usage limit " + l
                        + " for as long as it exists; that is its per-member limit");
            }
            if (l.scope() == UsageLimit.Scope.OVERALL && id.length() > MAX_COUNTED_ID) {
                throw new InvalidRequestException("reward id of " + id.length() + " characters is too long for an"
                        + " overall usage limit; at most " + MAX_COUNTED_ID);
            }
            for (int j = 0; j < i; j++) {
                if (usageLimits.get(j).sameCountAs(l)) {
                    throw new InvalidRequestException("reward " + Inputs.shown(id) + " has usage limits "
                            + usageLimits.get(j) + " and " + l + "; give each count one limit");
                }
            }
        }
    }

    /**
     * Creates a reward without usage limits besides the per-member one.
     *
     * @param id the reward id; not blank, no control, bidi control or unpaired surrogate characters
     * @param name the name shown to members
     * @param cost the price in points; positive
     * @param availableFrom the first instant it can be redeemed (inclusive)
     * @param availableUntil the instant it stops being available (exclusive); after {@code availableFrom}
     * @param tiers the tier names allowed to redeem it; empty for everyone
     * @param perMemberLimit how many times one member may redeem it; positive
     * @throws NullPointerException if a component is null
     * @throws InvalidRequestException if the id or name is blank, the id has control, bidi control or unpaired
     *         surrogate characters, the window is empty or the limit not positive
     * @throws InvalidAmountException if the cost is zero
     */
    public Reward(String id, String name, Points cost, Instant availableFrom, Instant availableUntil,
            Set<String> tiers, int perMemberLimit) {
        this(id, name, cost, availableFrom, availableUntil, tiers, perMemberLimit, List.of(), 1);
    }

    /**
     * Creates a reward redeemed one unit at a time.
     *
     * @param id the reward id; not blank, no control, bidi control or unpaired surrogate characters
     * @param name the name shown to members
     * @param cost the price in points; positive
     * @param availableFrom the first instant it can be redeemed (inclusive)
     * @param availableUntil the instant it stops being available (exclusive); after {@code availableFrom}
     * @param tiers the tier names allowed to redeem it; empty for everyone
     * @param perMemberLimit how many times one member may redeem it; positive
     * @param usageLimits the other limits counted in uses
     * @throws NullPointerException if a component or a usage limit is null
     * @throws InvalidRequestException as the canonical constructor does
     * @throws InvalidAmountException if the cost is zero
     */
    public Reward(String id, String name, Points cost, Instant availableFrom, Instant availableUntil,
            Set<String> tiers, int perMemberLimit, List<UsageLimit> usageLimits) {
        this(id, name, cost, availableFrom, availableUntil, tiers, perMemberLimit, usageLimits, 1);
    }

    /**
     * Returns a reward available always, to every tier, without a per-member limit.
     *
     * @param id the id
     * @param name the name
     * @param cost the cost; positive
     * @return the reward
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the id or name is blank, or the id has control, bidi control or unpaired
     *         surrogate characters
     * @throws InvalidAmountException if the cost is zero
     */
    public static Reward of(String id, String name, Points cost) {
        return new Reward(id, name, cost, Instant.MIN, Instant.MAX, Set.of(), Integer.MAX_VALUE);
    }

    /**
     * Returns a copy available only in {@code [from, until)}.
     *
     * @param from the first instant
     * @param until the end, exclusive
     * @return the copy
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the window is empty
     */
    public Reward availableBetween(Instant from, Instant until) {
        return new Reward(id, name, cost, from, until, tiers, perMemberLimit, usageLimits, maxQuantity);
    }

    /**
     * Returns a copy that only members of the given tiers may redeem.
     *
     * @param allowed tier names
     * @return the copy
     * @throws NullPointerException if {@code allowed} is null
     */
    public Reward forTiers(Set<String> allowed) {
        return new Reward(id, name, cost, availableFrom, availableUntil, allowed, perMemberLimit, usageLimits,
                maxQuantity);
    }

    /**
     * Returns a copy that one member may redeem at most {@code limit} times.
     *
     * @param limit the limit; positive
     * @return the copy
     * @throws InvalidRequestException if the limit is not positive
     */
    public Reward limitPerMember(int limit) {
        return new Reward(id, name, cost, availableFrom, availableUntil, tiers, limit, usageLimits, maxQuantity);
    }

    /**
     * Returns a copy with another limit counted in uses, replacing the limit that counts the same uses
     * (same scope, period and anchor): {@code withLimit(UsageLimit.perMember(n))} is
     * {@link #limitPerMember(int) limitPerMember(n)}.
     *
     * @param limit the limit
     * @return the copy
     * @throws NullPointerException if {@code limit} is null
     * @throws InvalidRequestException if the limit is overall and the id longer than 300 characters
     */
    public Reward withLimit(UsageLimit limit) {
        Objects.requireNonNull(limit, "usage limit must not be null");
        if (limit.scope() == UsageLimit.Scope.PER_MEMBER && limit.period() == null) {
            return limitPerMember(limit.uses());
        }
        List<UsageLimit> all = new ArrayList<>();
        for (UsageLimit l : usageLimits) {
            if (!l.sameCountAs(limit)) {
                all.add(l);
            }
        }
        all.add(limit);
        return new Reward(id, name, cost, availableFrom, availableUntil, tiers, perMemberLimit, all, maxQuantity);
    }

    /**
     * Returns a copy that one redemption may take up to {@code max} units of, e.g. "a free coffee for
     * 100 points each, up to 5 at a time": the cost scales with the quantity
     * ({@link LoyaltyProgram#redeemReward(io.github.loyaltyrules.ledger.MemberId, String, long, Instant,
     * io.github.loyaltyrules.ledger.IdempotencyKey)}) and each unit counts as a use against the limits.
     *
     * @param max the most units per redemption; positive (1: one at a time, the default)
     * @return the copy
     * @throws InvalidRequestException if {@code max} is not positive
     */
    public Reward upTo(int max) {
        return new Reward(id, name, cost, availableFrom, availableUntil, tiers, perMemberLimit, usageLimits, max);
    }

    /**
     * Returns what some units of the reward cost: {@code quantity} times the cost, exactly.
     *
     * @param quantity the units; from 1 to {@link #maxQuantity()}
     * @return the points
     * @throws InvalidAmountException if the quantity is not positive, above the most per redemption, or the
     *         cost would overflow
     */
    public Points costOf(long quantity) {
        if (quantity <= 0 || quantity > maxQuantity) {
            throw new InvalidAmountException("a redemption of reward " + Inputs.shown(id) + " takes 1 to "
                    + maxQuantity + " units; got " + quantity);
        }
        long units;
        try {
            units = Math.multiplyExact(cost.minorUnits(), quantity);
        } catch (ArithmeticException e) {
            throw new InvalidAmountException(quantity + " units of reward " + Inputs.shown(id) + " at " + cost
                    + " each cost more than " + Long.MAX_VALUE + " minor units");
        }
        return Points.of(cost.currency(), units);
    }

    /**
     * Returns every limit counted in uses: the per-member limit (unless there is none) first, then the
     * {@link #usageLimits()}.
     *
     * @return the limits
     */
    public List<UsageLimit> limits() {
        if (perMemberLimit == Integer.MAX_VALUE) {
            return usageLimits;
        }
        List<UsageLimit> all = new ArrayList<>();
        all.add(UsageLimit.perMember(perMemberLimit));
        all.addAll(usageLimits);
        return List.copyOf(all);
    }
}
