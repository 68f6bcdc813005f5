package io.github.loyaltyrules.ledger.spi;

import io.github.loyaltyrules.ledger.LotId;
import java.util.Map;

/**
 * How much of one posting has been reversed so far.
 *
 * @param amount the total reversed, in minor units
 * @param lots for a posting that consumed lots, how much of each has been given back
 *
 * @since 0.1.0
 */
public record Reversed(long amount, Map<LotId, Long> lots) {

    /**
     * Makes the map unmodifiable.
     *
     * @param amount the total reversed, in minor units
     * @param lots for a posting that consumed lots, how much of each has been given back
     * @throws NullPointerException if {@code lots} is null
     */
    public Reversed {
        lots = Map.copyOf(lots);
    }
}
