package io.github.loyaltyrules.ledger.spi;

import java.util.Objects;

/**
 * A value a store read for a change feed, with its position in the store's feed: positions are
 * positive, and a store hands out each value once, in increasing position order, to every reader
 * that asks for what follows a position (see {@link LedgerStore#postingsAfter}).
 *
 * @param position the value's position in the feed; 1 or more
 * @param value the value
 * @param <T> the type of the value
 *
 * @since 0.1.0
 */
public record Sequenced<T>(long position, T value) {

    /**
     * Validates the position and the value.
     *
     * @param position 1 or more
     * @param value the value
     * @throws IllegalArgumentException if the position is below 1
     * @throws NullPointerException if the value is null
     */
    public Sequenced {
        if (position < 1) {
            throw new IllegalArgumentException("feed position must be at least 1; got " + position);
        }
        Objects.requireNonNull(value, "value must not be null");
    }
}
