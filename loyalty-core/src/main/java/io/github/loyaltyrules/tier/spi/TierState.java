package io.github.loyaltyrules.tier.spi;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.ChangeCause;
import io.github.loyaltyrules.tier.TierChange;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything a tier engine keeps about one member, as one immutable, versioned snapshot. The
 * engine reads a state, computes the next one and asks the store to replace it only if the
 * version is still the one it read.
 *
 * @param member the member
 * @param version increases by one with every change; 1 for a new member
 * @param enrolled the enrolment date in the ladder's zone (anniversary windows start on it)
 * @param clock the member's latest known instant: window closes up to it have been processed
 * @param earned the name of the tier earned by activity
 * @param floor the name of the lowest tier the member can drop to (a never-downgrade tier reached)
 * @param shown the name of the tier the member shows at {@code clock} (earned, or higher by a status match)
 * @param pending a downgrade waiting for its grace period to end, or {@code null}
 * @param activities the qualifying activities in the order they were recorded
 * @param assignments the status matches in the order they were made
 * @param history the tier changes, oldest first
 *
 * @since 0.1.0
 */
public record TierState(MemberId member, long version, LocalDate enrolled, Instant clock, String earned, String floor,
        String shown, PendingDowngrade pending, List<TierActivity> activities, List<TierAssignment> assignments,
        List<TierChange> history) {

    /**
     * Validates the state and makes its lists unmodifiable.
     *
     * @param member the member
     * @param version 1 or more
     * @param enrolled the enrolment date
     * @param clock the latest known instant
     * @param earned the earned tier's name
     * @param floor the floor tier's name
     * @param shown the shown tier's name
     * @param pending a pending downgrade, or {@code null}
     * @param activities the activities
     * @param assignments the status matches
     * @param history the tier changes
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if the version is below 1
     */
    public TierState {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(enrolled, "enrolment date must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        Objects.requireNonNull(earned, "earned tier must not be null");
        Objects.requireNonNull(floor, "floor tier must not be null");
        Objects.requireNonNull(shown, "shown tier must not be null");
        if (version < 1) {
            throw new IllegalArgumentException("tier state version must be at least 1; got " + version + " for " + member);
        }
        activities = List.copyOf(activities);
        assignments = List.copyOf(assignments);
        history = List.copyOf(history);
    }

    /**
     * Returns this state moved to a pseudonym, for the erasure of the member's personal data: the
     * next version, under {@code pseudonym}, with the caller's free text gone (the reasons given for
     * status matches, in the assignments and in the history, become {@code "erased"}); every date,
     * tier, activity and the engine's own reasons stay, so the tier and its history still add up.
     *
     * @param pseudonym the id the state moves to
     * @return the moved state
     * @throws NullPointerException if {@code pseudonym} is null
     */
    public TierState pseudonymised(MemberId pseudonym) {
        Objects.requireNonNull(pseudonym, "pseudonym must not be null");
        List<TierAssignment> matches = new java.util.ArrayList<>(assignments.size());
        for (TierAssignment a : assignments) {
            matches.add(new TierAssignment(a.tier(), a.from(), a.until(), ERASED, a.key()));
        }
        List<TierChange> changes = new java.util.ArrayList<>(history.size());
        for (TierChange c : history) {
            changes.add(new TierChange(pseudonym, c.from(), c.to(), c.at(), c.cause(),
                    c.cause() == ChangeCause.STATUS_MATCH ? ERASED : c.reason()));
        }
        return new TierState(pseudonym, version + 1, enrolled, clock, earned, floor, shown, pending, activities, matches,
                changes);
    }

    /** What replaces a reason the caller gave, once the member is erased. */
    private static final String ERASED = "erased";
}
