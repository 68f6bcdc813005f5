package io.github.loyaltyrules.program;

/**
 * The order a what-if replay ({@link LoyaltyProgram#replay}) evaluates the recorded activity in.
 *
 * @since 0.1.0
 */
public enum ReplayOrder {

    /**
     * Member by member in member order, each member's activity in time order; holds one member's
     * records at a time. A member's own caps bind as they did live, but a counter shared by members
     * (a campaign budget) is drawn in member order, so the replay may give it to other members than
     * live did.
     */
    MEMBER,

    /**
     * Every member's activity merged in business time order (ties in key order), as it happened
     * live, read from the program store a page at a time ({@link io.github.loyaltyrules.program.spi.ProgramStore#recordsByTime});
     * holds one page and each member's running state (totals, scratch books of open lots and the
     * member's redemptions of the period, and with tiers a scratch tier state), so memory grows with the
     * members, not the records. Shared counters are drawn in the order they were live.
     */
    TIME
}
