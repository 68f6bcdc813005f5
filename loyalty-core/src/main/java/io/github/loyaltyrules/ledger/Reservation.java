package io.github.loyaltyrules.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Points held for a checkout that may still be abandoned: a two-phase redemption.
 *
 * @param key the key of the reserve posting
 * @param member the member
 * @param currency the currency code
 * @param amount the amount held, in minor units
 * @param createdAt the business time of the reservation
 * @param deadline when it lapses unless captured or released first
 * @param status the recorded status ({@link ReservationStatus#OPEN} until captured or released;
 *        see {@link #statusAt(Instant)} for lapsing)
 * @param closedAt the business time of the capture or release, or {@code null}
 * @param allocations the lots held and how much of each ({@code heldDelta})
 *
 * @since 0.1.0
 */
public record Reservation(IdempotencyKey key, MemberId member, String currency, long amount, Instant createdAt,
        Instant deadline, ReservationStatus status, Instant closedAt, List<LotMovement> allocations) {

    /**
     * Validates the reservation and makes its allocation list unmodifiable.
     *
     * @param key the key of the reserve posting
     * @param member the member
     * @param currency the currency code
     * @param amount the amount held, in minor units
     * @param createdAt the business time of the reservation
     * @param deadline when it lapses unless captured or released first
     * @param status the recorded status ({@link ReservationStatus#OPEN} until captured or released;
     *     see {@link #statusAt(Instant)} for lapsing)
     * @param closedAt the business time of the capture or release, or {@code null}
     * @param allocations the lots held and how much of each ({@code heldDelta})
     * @throws NullPointerException if a required component is null
     */
    public Reservation {
        Checks.notNull(key, "key");
        Checks.notNull(member, "member");
        Checks.notNull(currency, "currency");
        Checks.notNull(createdAt, "createdAt");
        Checks.notNull(deadline, "deadline");
        Checks.notNull(status, "status");
        allocations = List.copyOf(allocations);
    }

    /**
     * Returns the status at an instant, counting an open reservation whose deadline has passed as lapsed.
     *
     * @param asOf the instant
     * @return the status then
     */
    public ReservationStatus statusAt(Instant asOf) {
        if (status == ReservationStatus.OPEN && !deadline.isAfter(asOf)) {
            return ReservationStatus.LAPSED;
        }
        return status;
    }

    /**
     * Tells whether the reservation holds its lots at an instant.
     *
     * @param asOf the instant
     * @return true if created by then, not closed by then and its deadline is after it
     */
    public boolean holdsAt(Instant asOf) {
        return !createdAt.isAfter(asOf) && deadline.isAfter(asOf)
                && (status == ReservationStatus.OPEN || (closedAt != null && closedAt.isAfter(asOf)));
    }

    /**
     * Returns a copy closed with the given status.
     *
     * @param newStatus {@link ReservationStatus#CAPTURED} or {@link ReservationStatus#RELEASED}
     * @param at the business time
     * @return the copy
     */
    public Reservation close(ReservationStatus newStatus, Instant at) {
        return new Reservation(key, member, currency, amount, createdAt, deadline, newStatus, at, allocations);
    }
}
