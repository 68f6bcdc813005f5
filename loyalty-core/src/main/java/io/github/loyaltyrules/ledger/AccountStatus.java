package io.github.loyaltyrules.ledger;

/**
 * The status of a member's account.
 *
 * @since 0.1.0
 */
public enum AccountStatus {
    /** Takes every posting. */
    ACTIVE,
    /** Takes no earning or spending (earn, redeem, reserve, capture, transfer); back-office corrections, releases and expiry still apply. */
    SUSPENDED,
    /** Takes no postings at all; final. */
    CLOSED
}
