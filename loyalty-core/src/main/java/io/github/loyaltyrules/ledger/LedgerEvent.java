package io.github.loyaltyrules.ledger;

/**
 * Something that happened on the ledger, delivered to {@link LedgerListener}s after it was stored.
 *
 * @since 0.1.0
 */
public sealed interface LedgerEvent permits LedgerEvent.Posted, LedgerEvent.Expired, LedgerEvent.AccountChanged {

    /**
     * A posting was stored (earn, redeem, reserve, capture, release, adjust, reverse, transfer).
     *
     * @param posting the posting
     */
    record Posted(Posting posting) implements LedgerEvent {
    }

    /**
     * The expiry sweep wrote off expired points of one member in one currency.
     *
     * @param posting the expiry posting
     */
    record Expired(Posting posting) implements LedgerEvent {
    }

    /**
     * A member enrolled, or their account changed status.
     *
     * @param account the account after the change
     * @param previous the status before, or {@code null} on enrolment
     */
    record AccountChanged(Account account, AccountStatus previous) implements LedgerEvent {
    }
}
