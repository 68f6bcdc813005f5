package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.time.Instant;
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
 */
public record Reward(String id, String name, Points cost, Instant availableFrom, Instant availableUntil,
        Set<String> tiers, int perMemberLimit) {

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
     * @throws NullPointerException if a component is null
     * @throws InvalidRequestException if the id or name is blank, the id has control, bidi control or unpaired
     *         surrogate characters, the window is empty or the limit not positive
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
        if (perMemberLimit <= 0) {
            throw new InvalidRequestException("per-member limit of reward " + Inputs.shown(id)
                    + " must be positive; got "
                    + perMemberLimit);
        }
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
        return new Reward(id, name, cost, from, until, tiers, perMemberLimit);
    }

    /**
     * Returns a copy that only members of the given tiers may redeem.
     *
     * @param allowed tier names
     * @return the copy
     * @throws NullPointerException if {@code allowed} is null
     */
    public Reward forTiers(Set<String> allowed) {
        return new Reward(id, name, cost, availableFrom, availableUntil, allowed, perMemberLimit);
    }

    /**
     * Returns a copy that one member may redeem at most {@code limit} times.
     *
     * @param limit the limit; positive
     * @return the copy
     * @throws InvalidRequestException if the limit is not positive
     */
    public Reward limitPerMember(int limit) {
        return new Reward(id, name, cost, availableFrom, availableUntil, tiers, limit);
    }
}
