package io.github.loyaltyrules.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * What one run of {@link Ledger#expire(Instant)} did.
 *
 * @param asOf the instant the sweep expired points up to
 * @param membersScanned how many members were looked at
 * @param postings how many expiry postings were written (0 when re-run for the same instant)
 * @param expired minor units expired per currency code
 *
 * @since 0.1.0
 */
public record ExpirySweep(Instant asOf, long membersScanned, long postings, Map<String, Long> expired) {

    /**
     * Makes the map unmodifiable.
     *
     * @param asOf the instant the sweep expired points up to
     * @param membersScanned how many members were looked at
     * @param postings how many expiry postings were written (0 when re-run for the same instant)
     * @param expired minor units expired per currency code
     * @throws NullPointerException if a component is null
     */
    public ExpirySweep {
        Checks.notNull(asOf, "asOf");
        expired = Map.copyOf(expired);
    }
}
