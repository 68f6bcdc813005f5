package io.github.loyaltyrules.ledger;

/**
 * Where a reservation stands.
 *
 * @since 0.1.0
 */
public enum ReservationStatus {
    /** Holding points until captured, released or its deadline passes. */
    OPEN,
    /** Turned into a redemption. */
    CAPTURED,
    /** Given up by the caller. */
    RELEASED,
    /** Its time-to-live ran out before a capture; the points are free again. */
    LAPSED
}
