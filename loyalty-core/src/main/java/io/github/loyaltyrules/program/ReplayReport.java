package io.github.loyaltyrules.program;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a candidate program version would have awarded over a period's recorded purchases and
 * events, against what was awarded ({@link LoyaltyProgram#replay}): totals per currency, and how
 * many members would have been awarded something different; and per currency what the period's awards
 * would leave outstanding at its end (issued, less the members' redemptions, less expiry) under the
 * live terms and under the candidate's; and, when the program has a tier engine, how many members
 * would hold another tier at the end of the period, per pair of tiers.
 *
 * @param candidateVersion the id of the version replayed
 * @param from the start of the period (inclusive)
 * @param to the end of the period (exclusive)
 * @param members members with recorded activity in the period
 * @param activities purchases and events replayed
 * @param membersChanged members the candidate would have awarded something different
 * @param awarded minor units per currency awarded at the time
 * @param wouldAward minor units per currency the candidate would have awarded
 * @param liability per currency, the sum of the members' live scratch books
 * @param wouldLiability per currency, the sum of the members' candidate scratch books
 * @param tierMoves per pair of (live, candidate's) tiers that differ, how many members would move so; empty
 *        without a tier engine
 *
 * @since 0.1.0
 */
public record ReplayReport(String candidateVersion, Instant from, Instant to, long members, long activities,
        long membersChanged, Map<String, Long> awarded, Map<String, Long> wouldAward,
        Map<String, ReplayLiability> liability, Map<String, ReplayLiability> wouldLiability,
        Map<ReplayTierMove, Long> tierMoves) {

    /**
     * Validates and copies the parts.
     *
     * @param candidateVersion the id of the version replayed
     * @param from the start of the period
     * @param to the end of the period
     * @param members members with activity
     * @param activities activities replayed
     * @param membersChanged members awarded differently
     * @param awarded minor units per currency awarded
     * @param wouldAward minor units per currency the candidate would have awarded
     * @param liability the live scratch books' figures per currency
     * @param wouldLiability the candidate's scratch books' figures per currency
     * @param tierMoves members per pair of differing tiers
     * @throws NullPointerException if a part is null
     */
    public ReplayReport {
        Objects.requireNonNull(candidateVersion, "candidate version must not be null");
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        awarded = Map.copyOf(new TreeMap<>(awarded));
        wouldAward = Map.copyOf(new TreeMap<>(wouldAward));
        liability = Map.copyOf(liability);
        wouldLiability = Map.copyOf(wouldLiability);
        tierMoves = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tierMoves));
    }

    /**
     * Creates a report without liability figures.
     *
     * @param candidateVersion the id of the version replayed
     * @param from the start of the period
     * @param to the end of the period
     * @param members members with activity
     * @param activities activities replayed
     * @param membersChanged members awarded differently
     * @param awarded minor units per currency awarded
     * @param wouldAward minor units per currency the candidate would have awarded
     * @throws NullPointerException if a part is null
     */
    public ReplayReport(String candidateVersion, Instant from, Instant to, long members, long activities,
            long membersChanged, Map<String, Long> awarded, Map<String, Long> wouldAward) {
        this(candidateVersion, from, to, members, activities, membersChanged, awarded, wouldAward, Map.of(), Map.of(),
                Map.of());
    }

    /**
     * Returns what the candidate's awards would leave outstanding at the end of the period less what
     * the awards made leave outstanding, in a currency: the change in liability after redemptions and
     * expiry.
     *
     * @param currency the currency code
     * @return the difference in minor units; positive if the candidate leaves more owed
     */
    public long liabilityDifference(String currency) {
        return minus(wouldLiability.getOrDefault(currency, ReplayLiability.NONE).outstanding(),
                liability.getOrDefault(currency, ReplayLiability.NONE).outstanding(), currency);
    }

    /**
     * Returns what the candidate would have awarded less what was awarded, in a currency: the
     * change in points issued, and so in liability before redemptions and expiry.
     *
     * @param currency the currency code
     * @return the difference in minor units; positive if the candidate is more generous
     */
    public long difference(String currency) {
        return minus(wouldAward.getOrDefault(currency, 0L), awarded.getOrDefault(currency, 0L), currency);
    }

    /**
     * Returns how many members would hold another tier at the end of the period.
     *
     * @return the sum of {@link #tierMoves()}
     */
    public long membersMovingTier() {
        long n = 0;
        for (long c : tierMoves.values()) {
            n += c;
        }
        return n;
    }

    /** {@code a - b}, or the library's exception if it does not fit a long. */
    static long minus(long a, long b, String currency) {
        long d = a - b;
        if (((a ^ b) & (a ^ d)) < 0) {
            throw new io.github.loyaltyrules.ledger.AmountOverflowException("the difference in " + currency
                    + " does not fit in a long");
        }
        return d;
    }

    /**
     * Returns the report as text, one line per currency.
     *
     * @return e.g. {@code PTS: awarded 12,300, would award 14,050 (+1,750)}
     */
    public String render() {
        StringBuilder sb = new StringBuilder("What-if replay of version ").append(candidateVersion).append(" from ")
                .append(from).append(" to ").append(to).append(": ").append(activities).append(" activities of ")
                .append(members).append(" members, ").append(membersChanged).append(" awarded differently\n");
        Set<String> currencies = new TreeSet<>(awarded.keySet());
        currencies.addAll(wouldAward.keySet());
        for (String c : currencies) {
            long diff = difference(c);
            sb.append(c).append(": awarded ").append(String.format("%,d", awarded.getOrDefault(c, 0L)))
                    .append(", would award ").append(String.format("%,d", wouldAward.getOrDefault(c, 0L)))
                    .append(" (").append(diff >= 0 ? "+" : "").append(String.format("%,d", diff)).append(")\n");
        }
        Set<String> owed = new TreeSet<>(liability.keySet());
        owed.addAll(wouldLiability.keySet());
        for (String c : owed) {
            long diff = liabilityDifference(c);
            sb.append(c).append(": outstanding at the end ")
                    .append(String.format("%,d", liability.getOrDefault(c, ReplayLiability.NONE).outstanding()))
                    .append(", would be ")
                    .append(String.format("%,d", wouldLiability.getOrDefault(c, ReplayLiability.NONE).outstanding()))
                    .append(" (").append(diff >= 0 ? "+" : "").append(String.format("%,d", diff)).append(")\n");
        }
        for (Map.Entry<ReplayTierMove, Long> move : tierMoves.entrySet()) {
            sb.append("tier ").append(move.getKey()).append(": ").append(move.getValue()).append(" members\n");
        }
        return sb.toString();
    }
}
