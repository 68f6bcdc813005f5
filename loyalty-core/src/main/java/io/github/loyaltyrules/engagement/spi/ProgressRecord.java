package io.github.loyaltyrules.engagement.spi;

import io.github.loyaltyrules.ledger.MemberId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A member's counters for one challenge and window: the progress value, the purchases per store (for a
 * distinct-stores goal) or per period (for a streak goal, keyed by the period's first day, e.g.
 * {@code 2026-12-07}; empty for other goals) and the completions. Versioned: version 0 is a window nothing
 * counted in yet; each change stores the next version.
 *
 * @param member the member
 * @param challenge the challenge id
 * @param window the window key
 * @param version the version
 * @param value the progress value; not negative (for a streak, the longest run of consecutive periods)
 * @param stores the counted purchases per store, or per period of a streak, each positive
 * @param completions the completions, in the order they were made
 *
 * @since 0.1.0
 */
public record ProgressRecord(MemberId member, String challenge, String window, long version, long value,
        Map<String, Long> stores, List<Completion> completions) {

    /**
     * Validates and copies the record.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the version or value is negative, or a store count is not positive
     */
    public ProgressRecord {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(challenge, "challenge must not be null");
        Objects.requireNonNull(window, "window must not be null");
        stores = java.util.Collections.unmodifiableMap(new TreeMap<>(stores));
        completions = List.copyOf(completions);
        if (version < 0 || value < 0) {
            throw new IllegalArgumentException("progress version and value must not be negative; got " + version
                    + " and " + value);
        }
        for (long n : stores.values()) {
            if (n <= 0) {
                throw new IllegalArgumentException("a store's count must be positive; got " + n);
            }
        }
    }

    /**
     * Returns the record of a window nothing counted in yet: version 0.
     *
     * @param member the member
     * @param challenge the challenge id
     * @param window the window key
     * @return the empty record
     */
    public static ProgressRecord empty(MemberId member, String challenge, String window) {
        return new ProgressRecord(member, challenge, window, 0, 0, Map.of(), List.of());
    }

    /**
     * Returns how many completions stand (were not taken back): their rewards stand.
     *
     * @return the count
     */
    public long standing() {
        long n = 0;
        for (Completion c : completions) {
            if (c.standing()) {
                n += c.count();
            }
        }
        return n;
    }

    /**
     * Returns this record moved to a pseudonym (erasure).
     *
     * @param pseudonym the member id it moves to
     * @return the moved record
     */
    public ProgressRecord pseudonymised(MemberId pseudonym) {
        return new ProgressRecord(pseudonym, challenge, window, version, value, stores, completions);
    }
}
