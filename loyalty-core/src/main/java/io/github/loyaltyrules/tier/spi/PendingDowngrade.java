package io.github.loyaltyrules.tier.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A downgrade decided when a window closed, taking effect when the grace period ends, as stored.
 *
 * @param effective when the grace period ends
 * @param target the name of the tier the member drops to then
 * @param reason the cause in words
 *
 * @since 0.1.0
 */
public record PendingDowngrade(Instant effective, String target, String reason) {

    /**
     * Validates the pending downgrade.
     *
     * @param effective when the grace period ends
     * @param target the tier name
     * @param reason the cause in words
     * @throws NullPointerException if a component is null
     */
    public PendingDowngrade {
        Objects.requireNonNull(effective, "effective instant must not be null");
        Objects.requireNonNull(target, "target tier must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }
}
