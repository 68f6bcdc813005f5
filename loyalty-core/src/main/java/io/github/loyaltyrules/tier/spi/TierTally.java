package io.github.loyaltyrules.tier.spi;

import io.github.loyaltyrules.ledger.MemberId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a store counted of a tier report by itself ({@link TierStore#tally}), for instance in SQL,
 * without handing members' states to the engine: the members it could place, per tier, the tier
 * changes of those members, per pair of tiers, and the members it could not place, whom the
 * engine reads and counts itself. Every member the store knows is in exactly one of {@code members}
 * (counted), {@code forecast} or {@code untallied}.
 *
 * @param members how many members show each tier at the report's end, per tier name (no zero counts needed)
 * @param moves the tier changes dated in the report's period of every member not in {@code untallied}
 * @param forecast members whose tier at the report's end the engine must work out from their state
 *     (a window may close for them before it); their changes are in {@code moves}
 * @param untallied members the store knows nothing of but their state (written before the store kept
 *     what it counts by): the engine counts both their tier and their changes
 *
 * @since 0.1.0
 */
public record TierTally(Map<String, Long> members, List<Move> moves, List<MemberId> forecast,
        List<MemberId> untallied) {

    /**
     * Validates the tally and copies its collections.
     *
     * @param members the counted members per tier
     * @param moves the changes per pair of tiers
     * @param forecast the members the engine places
     * @param untallied the members the engine counts entirely
     * @throws NullPointerException if an argument or an element is null
     * @throws IllegalArgumentException if a count is negative
     */
    public TierTally {
        members = Map.copyOf(members);
        for (Map.Entry<String, Long> e : members.entrySet()) {
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("member count of tier " + e.getKey() + " must not be negative; got "
                        + e.getValue());
            }
        }
        moves = List.copyOf(moves);
        forecast = List.copyOf(forecast);
        untallied = List.copyOf(untallied);
    }

    /**
     * How many tier changes from one tier to another a store counted.
     *
     * @param from the tier left
     * @param to the tier entered
     * @param changes how many changes; positive
     */
    public record Move(String from, String to, long changes) {

        /**
         * Validates the move.
         *
         * @param from the tier left
         * @param to the tier entered
         * @param changes how many changes
         * @throws NullPointerException if a tier is null
         * @throws IllegalArgumentException if {@code changes} is not positive
         */
        public Move {
            Objects.requireNonNull(from, "tier left must not be null");
            Objects.requireNonNull(to, "tier entered must not be null");
            if (changes <= 0) {
                throw new IllegalArgumentException("changes from " + from + " to " + to + " must be positive; got "
                        + changes);
            }
        }
    }
}
