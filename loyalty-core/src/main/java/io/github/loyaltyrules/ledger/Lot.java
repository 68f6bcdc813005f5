package io.github.loyaltyrules.ledger;

import java.time.Instant;

/**
 * A lot: points earned (or credited, or received by transfer) at one time, with their own
 * availability and expiry dates. Redemptions consume lots; reversals give them back.
 *
 * <p>Invariant: {@code 0 <= remaining <= original}.
 *
 * @param id the lot's number in the member's book
 * @param currency the currency code
 * @param original the amount the lot was created with, in minor units
 * @param remaining what is left of it, in minor units
 * @param earnedAt the business time the lot was created
 * @param availableAt when the lot stops being pending (equal to {@code earnedAt} without a hold period)
 * @param expiresAt when the lot expires, or {@code null} if it never does (inactivity aside)
 * @param source the key of the posting that created the lot
 * @param lastMovementAt the latest business time at which the lot's remaining amount changed
 *
 * @since 0.1.0
 */
public record Lot(LotId id, String currency, long original, long remaining, Instant earnedAt, Instant availableAt,
        Instant expiresAt, IdempotencyKey source, Instant lastMovementAt) {

    /**
     * Validates the lot.
     *
     * @param id the lot's number in the member's book
     * @param currency the currency code
     * @param original the amount the lot was created with, in minor units
     * @param remaining what is left of it, in minor units
     * @param earnedAt the business time the lot was created
     * @param availableAt when the lot stops being pending (equal to {@code earnedAt} without a hold period)
     * @param expiresAt when the lot expires, or {@code null} if it never does (inactivity aside)
     * @param source the key of the posting that created the lot
     * @param lastMovementAt the latest business time at which the lot's remaining amount changed
     * @throws NullPointerException if a required component is null
     * @throws InvalidAmountException if the amounts break {@code 0 <= remaining <= original}
     */
    public Lot {
        Checks.notNull(id, "lot id");
        Checks.notNull(currency, "currency");
        Checks.notNull(earnedAt, "earnedAt");
        Checks.notNull(availableAt, "availableAt");
        Checks.notNull(source, "source");
        Checks.notNull(lastMovementAt, "lastMovementAt");
        if (original <= 0 || remaining < 0 || remaining > original) {
            throw new InvalidAmountException("lot " + id + " must have 0 <= remaining <= original and original > 0; got "
                    + remaining + " of " + original);
        }
    }

    /**
     * Tells whether the lot has expired, by its own date, at the given instant.
     *
     * @param asOf the instant
     * @return true if {@code expiresAt} is set and not after {@code asOf}
     */
    public boolean isExpiredAt(Instant asOf) {
        return expiresAt != null && !expiresAt.isAfter(asOf);
    }

    /**
     * Returns a copy with another remaining amount.
     *
     * @param newRemaining the remaining amount
     * @param at the business time of the change
     * @return the copy
     * @throws InvalidAmountException if the amount breaks {@code 0 <= remaining <= original}
     */
    public Lot withRemaining(long newRemaining, Instant at) {
        Instant last = at.isAfter(lastMovementAt) ? at : lastMovementAt;
        return new Lot(id, currency, original, newRemaining, earnedAt, availableAt, expiresAt, source, last);
    }
}
