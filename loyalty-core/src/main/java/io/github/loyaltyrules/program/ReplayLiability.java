package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.InvalidRequestException;

/**
 * What a what-if replay's scratch book holds in one currency at the end of the period, for the points
 * issued in the period: issued, less what the member's redemptions took of them, less what returns
 * clawed back of the purchases' lots, less what expired by the end of the period; the rest is
 * outstanding. What a return could not claw back (its lot was spent or expired) is debt, which later
 * awards settle first, as the ledger does; {@link #debt()} is what is left of it at the end.
 *
 * @param issued minor units issued in the period
 * @param redeemed minor units of those taken by redemptions in the period
 * @param expired minor units of those expired by the end of the period
 * @param returned minor units returns clawed back in the period, from the lots or as debt
 * @param debt minor units of that debt not settled by the end of the period
 *
 * @since 0.1.0
 */
public record ReplayLiability(long issued, long redeemed, long expired, long returned, long debt) {

    /** Nothing issued. */
    public static final ReplayLiability NONE = new ReplayLiability(0, 0, 0);

    /**
     * Validates the figures.
     *
     * @param issued minor units issued; not negative
     * @param redeemed minor units redeemed; not negative
     * @param expired minor units expired; not negative
     * @param returned minor units clawed back by returns; not negative
     * @param debt minor units of debt left; not negative, at most {@code returned}
     * @throws InvalidRequestException if a figure is negative, the debt exceeds what was returned, or redeemed,
     *         expired and what returns took of the lots add up to more than issued
     */
    public ReplayLiability {
        if (issued < 0 || redeemed < 0 || expired < 0 || returned < 0 || debt < 0 || debt > returned
                || redeemed > issued || expired > issued - redeemed || returned - debt > issued - redeemed - expired) {
            throw new InvalidRequestException("a replay liability needs issued >= redeemed + expired + returned - debt,"
                    + " returned >= debt >= 0; got issued " + issued + ", redeemed " + redeemed + ", expired " + expired
                    + ", returned " + returned + ", debt " + debt);
        }
    }

    /**
     * Returns the figures of a book without returns.
     *
     * @param issued minor units issued; not negative
     * @param redeemed minor units redeemed; not negative
     * @param expired minor units expired; not negative
     * @throws InvalidRequestException if a figure is negative or redeemed and expired add up to more than issued
     */
    public ReplayLiability(long issued, long redeemed, long expired) {
        this(issued, redeemed, expired, 0, 0);
    }

    /**
     * Returns what is outstanding: issued less redeemed less expired less what returns took of the lots.
     *
     * @return minor units; not negative
     */
    public long outstanding() {
        return issued - redeemed - expired - (returned - debt);
    }

    /**
     * Returns the sum of this and another liability.
     *
     * @param other the other
     * @return the sum
     * @throws AmountOverflowException if a sum does not fit in a long
     */
    public ReplayLiability plus(ReplayLiability other) {
        try {
            return new ReplayLiability(Math.addExact(issued, other.issued), Math.addExact(redeemed, other.redeemed),
                    Math.addExact(expired, other.expired), Math.addExact(returned, other.returned),
                    Math.addExact(debt, other.debt));
        } catch (ArithmeticException e) {
            throw new AmountOverflowException("the replay's liability adds up to more than " + Long.MAX_VALUE
                    + " minor units; replay a shorter period or a sample");
        }
    }
}
