package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.Reservation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one commit changes for one member: the new book and, beside it, every lot, reservation
 * and reversal record the commit created or changed, at their new state. A store keeps these
 * rows apart from the book (a lot is updated in place; a spent one leaves the book but stays
 * readable through {@link LedgerStore#lot}), so that a commit writes what it touched and nothing more.
 *
 * @param book the member's new book; replaces the book whose version is {@code version - 1}
 *        (a book of version 1 is a new enrolment)
 * @param firstNewLot the lowest lot number this change may create: every lot in {@code lots}
 *        numbered at or above it is new, every one below it existed before; {@link #UNKNOWN} when
 *        the change does not say (a store then finds out itself)
 * @param lots the lots created or changed, at their new state (spent ones with remaining 0)
 * @param reservations the reservations created or changed, at their new state
 * @param reversed the reversal records created or changed, by the key of the reversed posting
 * @param liftedHolds the expiry holds this change ends, to be kept as history (see
 *        {@link LedgerStore#liftedHolds}); usually empty
 *
 * @since 0.1.0
 */
public record MemberChange(MemberBook book, long firstNewLot, List<Lot> lots, List<Reservation> reservations,
        Map<IdempotencyKey, Reversed> reversed, List<LiftedHold> liftedHolds) {

    /** The value of {@link #firstNewLot} of a change that does not say which lots are new. */
    public static final long UNKNOWN = -1;

    /**
     * Validates the change and makes its collections unmodifiable.
     *
     * @param book the member's new book
     * @param firstNewLot the lowest lot number this change may create, or {@link #UNKNOWN}
     * @param lots the lots created or changed
     * @param reservations the reservations created or changed
     * @param reversed the reversal records created or changed
     * @param liftedHolds the expiry holds this change ends
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code firstNewLot} is below {@link #UNKNOWN}
     */
    public MemberChange {
        Objects.requireNonNull(book, "book must not be null");
        if (firstNewLot < UNKNOWN) {
            throw new IllegalArgumentException("first new lot must be a lot number or UNKNOWN; got " + firstNewLot);
        }
        lots = List.copyOf(lots);
        reservations = List.copyOf(reservations);
        reversed = Map.copyOf(reversed);
        liftedHolds = List.copyOf(liftedHolds);
    }

    /**
     * Returns a change that ends no expiry hold.
     *
     * @param book the member's new book
     * @param firstNewLot the lowest lot number this change may create, or {@link #UNKNOWN}
     * @param lots the lots created or changed
     * @param reservations the reservations created or changed
     * @param reversed the reversal records created or changed
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code firstNewLot} is below {@link #UNKNOWN}
     */
    public MemberChange(MemberBook book, long firstNewLot, List<Lot> lots, List<Reservation> reservations,
            Map<IdempotencyKey, Reversed> reversed) {
        this(book, firstNewLot, lots, reservations, reversed, List.of());
    }

    /**
     * Returns a change that does not say which of its lots are new.
     *
     * @param book the member's new book
     * @param lots the lots created or changed
     * @param reservations the reservations created or changed
     * @param reversed the reversal records created or changed
     * @throws NullPointerException if a component is null
     */
    public MemberChange(MemberBook book, List<Lot> lots, List<Reservation> reservations,
            Map<IdempotencyKey, Reversed> reversed) {
        this(book, UNKNOWN, lots, reservations, reversed);
    }

    /**
     * Tells whether a lot of this change is new.
     *
     * @param lot a lot of {@link #lots()}
     * @return true if it was created by this change, false if it existed before; for a change
     *         whose {@link #firstNewLot} is {@link #UNKNOWN}, throws
     * @throws IllegalStateException if the change does not say
     */
    public boolean isNew(Lot lot) {
        if (firstNewLot == UNKNOWN) {
            throw new IllegalStateException("this change does not say which lots are new");
        }
        return lot.id().value() >= firstNewLot;
    }

    /**
     * Returns a change of the book alone (an enrolment or a status change).
     *
     * @param book the new book
     * @return the change
     * @throws NullPointerException if {@code book} is null
     */
    public static MemberChange of(MemberBook book) {
        return new MemberChange(book, book.nextLot(), List.of(), List.of(), Map.of());
    }
}
