package io.github.loyaltyrules.ledger;

/**
 * What one entry did to one lot.
 *
 * @param lot the lot
 * @param delta the change of the lot's remaining amount, in minor units (positive when created or
 *        given back, negative when consumed, clawed back or expired)
 * @param heldDelta the change of the amount held on the lot by a reservation (positive on reserve,
 *        negative on capture or release)
 *
 * @since 0.1.0
 */
public record LotMovement(LotId lot, long delta, long heldDelta) {

    /**
     * Validates the movement.
     *
     * @param lot the lot
     * @param delta the change of the lot's remaining amount, in minor units (positive when created or
     *     given back, negative when consumed, clawed back or expired)
     * @param heldDelta the change of the amount held on the lot by a reservation (positive on reserve,
     *     negative on capture or release)
     * @throws NullPointerException if {@code lot} is null
     */
    public LotMovement {
        Checks.notNull(lot, "lot");
    }
}
