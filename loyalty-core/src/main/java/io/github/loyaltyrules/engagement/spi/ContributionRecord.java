package io.github.loyaltyrules.engagement.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import java.util.Objects;

/**
 * What one purchase adds to a challenge now, after the returns of it so far: the value, and the store it
 * counts at. It is set again, to what the kept basket adds, by each return of the purchase; a step that
 * finds it already at that value changes nothing, so a retry never counts twice. Versioned as
 * {@link ProgressRecord} is.
 *
 * @param member the member
 * @param challenge the challenge id
 * @param purchase the purchase's key
 * @param window the window the purchase counts in
 * @param version the version
 * @param value what it adds to the window's progress value; not negative
 * @param store the purchase's store
 *
 * @since 0.1.0
 */
public record ContributionRecord(MemberId member, String challenge, IdempotencyKey purchase, String window, long version,
        long value, String store) {

    /**
     * Validates the record.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the version or value is negative
     */
    public ContributionRecord {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(challenge, "challenge must not be null");
        Objects.requireNonNull(purchase, "purchase must not be null");
        Objects.requireNonNull(window, "window must not be null");
        Objects.requireNonNull(store, "store must not be null");
        if (version < 0 || value < 0) {
            throw new IllegalArgumentException("contribution version and value must not be negative; got " + version
                    + " and " + value);
        }
    }

    /**
     * Returns this record moved to a pseudonym (erasure).
     *
     * @param pseudonym the member id it moves to
     * @return the moved record
     */
    public ContributionRecord pseudonymised(MemberId pseudonym) {
        return new ContributionRecord(pseudonym, challenge, purchase, window, version, value, store);
    }
}
