package io.github.loyaltyrules.report;

import java.util.Objects;

/**
 * How many times members moved from one tier to another over a period ({@link TierReport}).
 *
 * @param from the tier before
 * @param to the tier after
 * @param upgrade true if {@code to} is above {@code from} on the ladder
 * @param changes how many changes from {@code from} to {@code to} the period had
 *
 * @since 0.1.0
 */
public record TierMovement(String from, String to, boolean upgrade, long changes) {

    /**
     * Validates the movement.
     *
     * @param from the tier before
     * @param to the tier after; another tier
     * @param upgrade whether it goes up
     * @param changes how many; positive
     * @throws NullPointerException if a tier is null
     * @throws IllegalArgumentException if the tiers are the same or {@code changes} is not positive
     */
    public TierMovement {
        Objects.requireNonNull(from, "from tier must not be null");
        Objects.requireNonNull(to, "to tier must not be null");
        if (from.equals(to) || changes <= 0) {
            throw new IllegalArgumentException("a tier movement goes to another tier at least once; got " + from
                    + " to " + to + ", " + changes + " times");
        }
    }
}
