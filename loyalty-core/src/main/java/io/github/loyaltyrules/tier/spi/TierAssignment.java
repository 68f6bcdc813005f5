package io.github.loyaltyrules.tier.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import java.time.Instant;
import java.util.Objects;

/**
 * A tier assigned by hand (a status match) over {@code [from, until)}, as stored.
 *
 * @param tier the assigned tier's name
 * @param from start of the assignment
 * @param until end (exclusive) of the assignment
 * @param reason why it was assigned
 * @param key the caller's unique key for the assignment
 *
 * @since 0.1.0
 */
public record TierAssignment(String tier, Instant from, Instant until, String reason, IdempotencyKey key) {

    /**
     * Validates the assignment.
     *
     * @param tier the tier name
     * @param from start
     * @param until end (exclusive)
     * @param reason why
     * @param key the caller's key
     * @throws NullPointerException if a component is null
     */
    public TierAssignment {
        Objects.requireNonNull(tier, "tier must not be null");
        Objects.requireNonNull(from, "assignment start must not be null");
        Objects.requireNonNull(until, "assignment end must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(key, "idempotency key must not be null");
    }

    /**
     * Describes the assignment; the reason, free text that may hold personal data, by its length only.
     *
     * @return e.g. {@code "TierAssignment[tier=Gold, from=..., until=..., reason=<31 chars>, key=m-1]"}
     */
    @Override
    public String toString() {
        return "TierAssignment[tier=" + tier + ", from=" + from + ", until=" + until + ", reason="
                + io.github.loyaltyrules.ledger.internal.Inputs.freeText(reason) + ", key=" + key + "]";
    }
}
