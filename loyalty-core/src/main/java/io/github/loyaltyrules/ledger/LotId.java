package io.github.loyaltyrules.ledger;

/**
 * Identifies a lot within one member's book: lots are numbered 1, 2, 3, ... in the order they
 * were created, across all of the member's currencies.
 *
 * @param value the lot number; positive
 *
 * @since 0.1.0
 */
public record LotId(long value) implements Comparable<LotId> {

    /**
     * The ids of every member's first lots, shared: each member numbers its lots from 1, so the same
     * few numbers recur in every book, and a shared id is one object less per lot kept.
     */
    private static final LotId[] SMALL = new LotId[1024];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new LotId(i + 1);
        }
    }

    /**
     * Validates the number.
     *
     * @param value the lot number
     * @throws InvalidRequestException if {@code value} is not positive
     */
    public LotId {
        if (value <= 0) {
            throw new InvalidRequestException("lot number must be positive; got " + value);
        }
    }

    /**
     * Returns the lot id with the given number (the same instance for the same small number).
     *
     * @param value the lot number; positive
     * @return the id
     * @throws InvalidRequestException if {@code value} is not positive
     */
    public static LotId of(long value) {
        return value > 0 && value <= SMALL.length ? SMALL[(int) value - 1] : new LotId(value);
    }

    @Override
    public int compareTo(LotId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return "L" + value;
    }
}
