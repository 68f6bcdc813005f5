package io.github.loyaltyrules.tier.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One recorded qualifying activity of a member, as stored; a negative amount is a correction or a return.
 *
 * @param metric the metric's text form, as {@link io.github.loyaltyrules.tier.Metric#toString()} gives it
 * @param amount the amount in the metric's minor units; not zero
 * @param at the business time of the activity
 * @param attributedAt the instant whose window the activity counts in (a return: its original's)
 * @param effectiveAt the member's latest known instant when the activity was recorded
 * @param key the caller's unique key for the activity
 * @param original for a return, the key of the activity it returns; otherwise {@code null}
 *
 * @since 0.1.0
 */
public record TierActivity(String metric, long amount, Instant at, Instant attributedAt, Instant effectiveAt,
        IdempotencyKey key, IdempotencyKey original) {

    /**
     * Validates the activity.
     *
     * @param metric the metric's text form
     * @param amount the amount in minor units; not zero
     * @param at the business time
     * @param attributedAt the instant whose window it counts in
     * @param effectiveAt the member's latest known instant when it was recorded
     * @param key the caller's key
     * @param original the returned activity's key, or {@code null}
     * @throws NullPointerException if a required component is null
     * @throws IllegalArgumentException if the amount is zero
     */
    public TierActivity {
        Objects.requireNonNull(metric, "metric must not be null");
        Objects.requireNonNull(at, "activity instant must not be null");
        Objects.requireNonNull(attributedAt, "attributed instant must not be null");
        Objects.requireNonNull(effectiveAt, "effective instant must not be null");
        Objects.requireNonNull(key, "idempotency key must not be null");
        if (amount == 0) {
            throw new IllegalArgumentException("a stored tier activity must have a non-zero amount; got 0 for " + key);
        }
    }
}
