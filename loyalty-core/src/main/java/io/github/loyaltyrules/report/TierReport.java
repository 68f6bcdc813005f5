package io.github.loyaltyrules.report;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tiers of a program over a period {@code [from, to)}: how many members show each tier at
 * {@code to} (the distribution, in ladder order from the base tier up, every tier present), and the
 * tier changes dated in the period (the movements, from each tier to each other).
 *
 * @param from the start of the period, inclusive
 * @param to the end of the period, exclusive; the instant the distribution is taken at
 * @param members members per tier name at {@code to}, in ladder order
 * @param movements the changes of the period per pair of tiers, in ladder order of {@code from}, then {@code to}
 *
 * @since 0.1.0
 */
public record TierReport(Instant from, Instant to, Map<String, Long> members, List<TierMovement> movements) {

    /**
     * Validates the report and copies the map (keeping its order) and the list.
     *
     * @param from the start, inclusive
     * @param to the end, exclusive; after {@code from}
     * @param members members per tier
     * @param movements the changes per pair of tiers
     * @throws NullPointerException if a component, tier, count or movement is null
     * @throws IllegalArgumentException if the period is empty or a count is negative
     */
    public TierReport {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a report period must end after it starts; got " + from + " to " + to);
        }
        Map<String, Long> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : members.entrySet()) {
            long n = Objects.requireNonNull(e.getValue(), "count must not be null");
            if (n < 0) {
                throw new IllegalArgumentException("members of tier " + e.getKey() + " must not be negative; got " + n);
            }
            copy.put(Objects.requireNonNull(e.getKey(), "tier must not be null"), n);
        }
        members = Collections.unmodifiableMap(copy);
        movements = List.copyOf(movements);
    }

    /**
     * Returns how many members the distribution counts.
     *
     * @return the sum over the tiers
     */
    public long totalMembers() {
        long n = 0;
        for (long m : members.values()) {
            n += m;
        }
        return n;
    }

    /**
     * Returns the changes of the period that went up the ladder.
     *
     * @return the sum of the upgrades' counts
     */
    public long upgrades() {
        return movements.stream().filter(TierMovement::upgrade).mapToLong(TierMovement::changes).sum();
    }

    /**
     * Returns the changes of the period that went down the ladder.
     *
     * @return the sum of the downgrades' counts
     */
    public long downgrades() {
        return movements.stream().filter(m -> !m.upgrade()).mapToLong(TierMovement::changes).sum();
    }
}
