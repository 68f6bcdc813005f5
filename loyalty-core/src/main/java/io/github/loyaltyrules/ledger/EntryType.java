package io.github.loyaltyrules.ledger;

/**
 * The kind of one line in a member's statement.
 *
 * @since 0.1.0
 */
public enum EntryType {
    /** Points earned into a new lot. */
    EARN,
    /** Points spent. */
    REDEEM,
    /** Points held for a checkout; no change of the balance. */
    RESERVE,
    /** Held points spent. */
    CAPTURE,
    /** Held points given up; no change of the balance. */
    RELEASE,
    /** A manual credit into a new lot. */
    ADJUST_CREDIT,
    /** A manual debit. */
    ADJUST_DEBIT,
    /** Points clawed back (with any shortfall recorded as debt) or given back by a reversal. */
    REVERSAL,
    /** Points received from another member. */
    TRANSFER_IN,
    /** Points sent to another member. */
    TRANSFER_OUT,
    /** Points that reached their expiry date. */
    EXPIRY,
    /** Newly credited points used to settle a debt left by an earlier reversal. */
    DEBT_SETTLEMENT
}
