package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.ReservationStatus;
import io.github.loyaltyrules.ledger.internal.PersistentMap;
import java.util.Map;
import java.util.Objects;

/**
 * One member's working set, as one immutable, versioned snapshot: the account, the counters, the
 * open lots per currency and the open reservations. It is what a posting reads and replaces; it
 * never holds history (spent lots, closed reservations, reversal records and entries are kept by
 * the store beside it and read one by one or a page at a time), so its size depends on what the
 * member holds now, never on how long they have been a member.
 *
 * <p>The ledger reads a book, computes the next one and asks the store to replace it only if the
 * version is still the one it read.
 *
 * @param account the account
 * @param version increases by one with every change; 1 after enrolment
 * @param nextLot the number the next lot gets
 * @param nextEntry the sequence number the next entry gets
 * @param purses holdings per currency code; each holds only lots with points remaining
 * @param reservations the reservations whose status is {@link ReservationStatus#OPEN}, by key
 *        (including ones past their deadline that the ledger has not yet moved out)
 *
 * @since 0.1.0
 */
public record MemberBook(Account account, long version, long nextLot, long nextEntry, Map<String, Purse> purses,
        Map<IdempotencyKey, Reservation> reservations) {

    /**
     * Validates the book and makes its maps unmodifiable.
     *
     * @param account the account
     * @param version increases by one with every change; 1 after enrolment
     * @param nextLot the number the next lot gets
     * @param nextEntry the sequence number the next entry gets
     * @param purses holdings per currency code; each holds only lots with points remaining
     * @param reservations the open reservations by key
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a reservation is not open
     */
    public MemberBook {
        Objects.requireNonNull(account, "account must not be null");
        purses = Map.copyOf(purses);
        // a persistent map: the next book shares all but one path with this one
        reservations = PersistentMap.copyOf(reservations);
        for (Reservation r : reservations.values()) {
            if (r.status() != ReservationStatus.OPEN) {
                throw new IllegalArgumentException("a book holds open reservations only; '" + r.key() + "' is "
                        + r.status());
            }
        }
    }
}
