package io.github.loyaltyrules.engagement.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import java.time.Instant;
import java.util.Objects;

/**
 * Completions of a challenge in a window made by one purchase (a repeatable challenge's purchase may
 * complete it several times at once), numbered {@code number} to {@code number + count - 1} in the
 * window, with the ledger key their reward was posted under, and the key of the reversal that took
 * them back, if a return did. A return that takes back part of them splits them in two records with
 * the same reward key.
 *
 * @param number the first completion's number in the window, from 1
 * @param count how many completions; positive
 * @param at the business time of the completing purchase
 * @param reward the ledger key of the reward posting (derived from the purchase's key)
 * @param revocation the ledger key of the reversal that took them back (derived from the return's key);
 *     null while they stand
 * @param revokedAt the business time of that return; null while they stand
 *
 * @since 0.1.0
 */
public record Completion(long number, long count, Instant at, IdempotencyKey reward, IdempotencyKey revocation,
        Instant revokedAt) {

    /**
     * Validates the completion.
     *
     * @throws NullPointerException if {@code at} or {@code reward} is null
     * @throws IllegalArgumentException if the number or count is not positive, or only one of the
     *     revocation's key and time is given
     */
    public Completion {
        Objects.requireNonNull(at, "completion time must not be null");
        Objects.requireNonNull(reward, "reward key must not be null");
        if (number <= 0 || count <= 0) {
            throw new IllegalArgumentException("completion number and count must be positive; got " + number + " and "
                    + count);
        }
        if ((revocation == null) != (revokedAt == null)) {
            throw new IllegalArgumentException("a revoked completion has both the reversal's key and time");
        }
    }

    /**
     * Tells whether the rewards stand.
     *
     * @return true unless a return took them back
     */
    public boolean standing() {
        return revocation == null;
    }
}
