package io.github.loyaltyrules.ledger;

/**
 * The kind of a posting: one operation on the ledger, recorded under one idempotency key.
 *
 * @since 0.1.0
 */
public enum PostingType {
    /** Points earned: creates a lot. */
    EARN,
    /** Points spent at once, lots in the currency's consumption order (by default soonest-to-expire first). */
    REDEEM,
    /** Points held for a checkout that may be abandoned; captured or released later, or lapses. */
    RESERVE,
    /** A reservation turned into a redemption of exactly the held lots. */
    CAPTURE,
    /** A reservation given up before its time-to-live. */
    RELEASE,
    /** A manual credit with a reason: creates a lot. */
    ADJUST_CREDIT,
    /** A manual debit with a reason: consumes lots like a redemption. */
    ADJUST_DEBIT,
    /** Undoes an earlier posting, fully or partly. */
    REVERSAL,
    /** Moves points from one member to another: both sides or neither. */
    TRANSFER,
    /** Points that reached their expiry date, written by the expiry sweep. */
    EXPIRY
}
