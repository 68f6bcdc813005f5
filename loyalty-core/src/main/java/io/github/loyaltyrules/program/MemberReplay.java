package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.MemberId;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One member's part of a what-if replay ({@link LoyaltyProgram#replay}): the points per currency
 * their recorded purchases and events were awarded, and what the candidate program version would
 * have awarded for the same activity; and per currency what the period's awards would leave outstanding
 * at its end in a scratch book (after the member's redemptions and expiry), under the live terms and
 * under the candidate's; and, when the program has a tier engine, the tier the member holds live at
 * the end of the period and the tier they would hold under the candidate.
 *
 * @param member the member
 * @param activities how many recorded purchases and events of the period were replayed
 * @param awarded minor units per currency code awarded at the time
 * @param wouldAward minor units per currency code the candidate would have awarded
 * @param liability per currency code, the period's awards under the live terms: issued, redeemed, expired, returned
 * @param wouldLiability per currency code, the candidate's awards under its terms: issued, redeemed, expired, returned
 * @param tier the live tier and the candidate's at the end of the period; null if the program has no tier engine
 *
 * @since 0.1.0
 */
public record MemberReplay(MemberId member, long activities, Map<String, Long> awarded, Map<String, Long> wouldAward,
        Map<String, ReplayLiability> liability, Map<String, ReplayLiability> wouldLiability, ReplayTierMove tier) {

    /**
     * Validates and copies the parts (currencies in code order).
     *
     * @param member the member
     * @param activities how many activities were replayed; not negative
     * @param awarded minor units per currency awarded at the time
     * @param wouldAward minor units per currency the candidate would have awarded
     * @param liability the live scratch book's figures per currency
     * @param wouldLiability the candidate's scratch book's figures per currency
     * @param tier the live tier and the candidate's at the end of the period, or null without a tier engine
     * @throws NullPointerException if a part other than {@code tier} is null
     * @throws IllegalArgumentException if {@code activities} is negative
     */
    public MemberReplay {
        Objects.requireNonNull(member, "member must not be null");
        if (activities < 0) {
            throw new IllegalArgumentException("activities must not be negative; got " + activities);
        }
        awarded = Map.copyOf(new TreeMap<>(awarded));
        wouldAward = Map.copyOf(new TreeMap<>(wouldAward));
        liability = Map.copyOf(liability);
        wouldLiability = Map.copyOf(wouldLiability);
    }

    /**
     * Creates a member's part without liability figures.
     *
     * @param member the member
     * @param activities how many activities were replayed; not negative
     * @param awarded minor units per currency awarded at the time
     * @param wouldAward minor units per currency the candidate would have awarded
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if {@code activities} is negative
     */
    public MemberReplay(MemberId member, long activities, Map<String, Long> awarded, Map<String, Long> wouldAward) {
        this(member, activities, awarded, wouldAward, Map.of(), Map.of(), null);
    }

    /**
     * Returns what the candidate's awards would leave outstanding at the end of the period less what
     * the awards made leave outstanding, in a currency (each after this member's redemptions and expiry
     * under its terms).
     *
     * @param currency the currency code
     * @return the difference in minor units; positive if the candidate leaves more owed
     */
    public long liabilityDifference(String currency) {
        return ReplayReport.minus(wouldLiability.getOrDefault(currency, ReplayLiability.NONE).outstanding(),
                liability.getOrDefault(currency, ReplayLiability.NONE).outstanding(), currency);
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
