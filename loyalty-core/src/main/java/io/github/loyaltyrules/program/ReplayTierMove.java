package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import java.util.Comparator;

/**
 * A pair of tiers in a what-if replay ({@link LoyaltyProgram#replay(ProgramVersion, java.time.Instant,
 * java.time.Instant, ReplayOptions, java.util.function.Consumer, io.github.loyaltyrules.ledger.ProgressListener)}):
 * the tier a member holds live at the end of the period, and the tier they would hold under the
 * candidate version.
 *
 * @param live the tier held live at the end of the period
 * @param wouldBe the tier the member would hold under the candidate
 *
 * @since 0.1.0
 */
public record ReplayTierMove(String live, String wouldBe) implements Comparable<ReplayTierMove> {

    private static final Comparator<ReplayTierMove> ORDER =
            Comparator.comparing(ReplayTierMove::live).thenComparing(ReplayTierMove::wouldBe);

    /**
     * Validates the pair.
     *
     * @param live the live tier; not blank
     * @param wouldBe the candidate's tier; not blank
     * @throws InvalidRequestException if a tier is null or blank
     */
    public ReplayTierMove {
        if (live == null || live.isBlank() || wouldBe == null || wouldBe.isBlank()) {
            throw new InvalidRequestException("a replay's tier move needs two tier names; got '" + live + "' to '"
                    + wouldBe + "'");
        }
    }

    /**
     * Tells whether the member would hold another tier.
     *
     * @return true if the tiers differ
     */
    public boolean moved() {
        return !live.equals(wouldBe);
    }

    /**
     * Orders moves by live tier name, then by the candidate's.
     *
     * @param other the other move
     * @return negative, zero or positive
     */
    @Override
    public int compareTo(ReplayTierMove other) {
        return ORDER.compare(this, other);
    }

    /**
     * Returns the move as text.
     *
     * @return e.g. {@code Silver -> Gold}
     */
    @Override
    public String toString() {
        return live + " -> " + wouldBe;
    }
}
