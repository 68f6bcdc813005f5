package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.MemberId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One member's part of a what-if replay ({@link LoyaltyProgram#replay}): the points per currency
 * their recorded purchases and events were awarded, and what the candidate program version would
 * have awarded for the same activity.
 *
 * @param member the member
 * @param activities how many recorded purchases and events of the period were replayed
 * @param awarded minor units per currency code awarded at the time
 * @param wouldAward minor units per currency code the candidate would have awarded
 *
 * @since 0.1.0
 */
public record MemberReplay(MemberId member, long activities, Map<String, Long> awarded, Map<String, Long> wouldAward) {

    /**
     * Validates and copies the parts (currencies in code order).
     *
     * @param member the member
     * @param activities how many activities were replayed; not negative
     * @param awarded minor units per currency awarded at the time
     * @param wouldAward minor units per currency the candidate would have awarded
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if {@code activities} is negative
     */
    public MemberReplay {
        Objects.requireNonNull(member, "member must not be null");
        if (activities < 0) {
            throw new IllegalArgumentException("activities must not be negative; got " + activities);
        }
        awarded = Map.copyOf(new TreeMap<>(awarded));
        wouldAward = Map.copyOf(new TreeMap<>(wouldAward));
    }

    /**
     * Returns what the candidate would have awarded less what was awarded, in a currency.
     *
     * @param currency the currency code
     * @return the difference in minor units; positive if the candidate is more generous
     */
    public long difference(String currency) {
        return ReplayReport.minus(wouldAward.getOrDefault(currency, 0L), awarded.getOrDefault(currency, 0L), currency);
    }

    /**
     * Tells whether the candidate would have awarded this member anything different.
     *
     * @return true if any currency differs
     */
    public boolean changed() {
        return !awarded.equals(wouldAward);
    }
}
