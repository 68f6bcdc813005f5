package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Reservation;
import io.github.loyaltyrules.ledger.internal.PersistentMap;
import io.github.loyaltyrules.ledger.internal.ReservationMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the ledger keeps about one member apart from the entries, as one immutable,
 * versioned snapshot. The ledger reads a book, computes the next one and asks the store to
 * replace it only if the version is still the one it read.
 *
 * @param account the account
 * @param version increases by one with every change; 1 after enrolment
 * @param nextLot the number the next lot gets
 * @param nextEntry the sequence number the next entry gets
 * @param purses holdings per currency code
 * @param reservations reservations by key
 * @param reversed how much of each reversible posting has been reversed, by the posting's key
 */
public record MemberBook(Account account, long version, long nextLot, long nextEntry, Map<String, Purse> purses,
        Map<IdempotencyKey, Reservation> reservations, Map<IdempotencyKey, Reversed> reversed) {

    /**
     * Validates the book and makes its maps unmodifiable.
     *
     * @param account the account
     * @param version increases by one with every change; 1 after enrolment
     * @param nextLot the number the next lot gets
     * @param nextEntry the sequence number the next entry gets
     * @param purses holdings per currency code
     * @param reservations reservations by key
     * @param reversed how much of each reversible posting has been reversed, by the posting's key
     * @throws NullPointerException if a component is null
     */
    public MemberBook {
        Objects.requireNonNull(account, "account must not be null");
        purses = Map.copyOf(purses);
        // persistent maps: the next book shares all but one path with this one, however many
        // reservations and reversals a member has had
        reservations = ReservationMap.copyOf(reservations);
        reversed = PersistentMap.copyOf(reversed);
    }
}
