package io.github.loyaltyrules.ledger;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An entry's lot movements as it keeps them: an unmodifiable list whose movements are stored as
 * parallel arrays (lot ids, deltas, and held deltas only if any is not zero) and made into
 * {@link LotMovement} objects only when read. Every entry is kept for as long as the ledger lives,
 * and a redemption over ten lots would otherwise keep eleven more objects per entry. Not API.
 */
final class Movements extends AbstractList<LotMovement> implements RandomAccess {

    private static final Movements EMPTY = new Movements(new LotId[0], new long[0], null);

    private final LotId[] lots;
    private final long[] deltas;
    /** The held deltas, or null if all are zero. */
    private final long[] held;

    private Movements(LotId[] lots, long[] deltas, long[] held) {
        this.lots = lots;
        this.deltas = deltas;
        this.held = held;
    }

    /**
     * Returns the movements as such a list: the list itself if it is one, else a copy.
     *
     * @param movements the movements; no nulls
     * @return the list
     * @throws NullPointerException if the list or a movement is null
     */
    static List<LotMovement> copyOf(List<LotMovement> movements) {
        if (movements instanceof Movements || movements instanceof One) {
            return movements;
        }
        int n = movements.size();
        if (n == 0) {
            return EMPTY;
        }
        if (n == 1) {
            // the usual earn: one object, smaller than a list of one movement
            LotMovement m = Objects.requireNonNull(movements.get(0), "lot movement must not be null");
            return new One(m.lot(), m.delta(), m.heldDelta());
        }
        LotId[] lots = new LotId[n];
        long[] deltas = new long[n];
        long[] held = null;
        int i = 0;
        for (LotMovement m : movements) {
            Objects.requireNonNull(m, "lot movement must not be null");
            if (i == n) {
                throw new IllegalArgumentException("the list of movements grew while being copied");
            }
            lots[i] = m.lot();
            deltas[i] = m.delta();
            if (m.heldDelta() != 0) {
                if (held == null) {
                    held = new long[n];
                }
                held[i] = m.heldDelta();
            }
            i++;
        }
        if (i != n) {
            throw new IllegalArgumentException("the list of movements shrank while being copied");
        }
        return new Movements(lots, deltas, held);
    }

    /**
     * Returns the list of one movement, as an entry keeps it, without making the movement first.
     *
     * @param lot the lot
     * @param delta the change of the lot's remaining amount
     * @param held the change of the amount held on it
     * @return the list
     * @throws NullPointerException if {@code lot} is null
     */
    static List<LotMovement> of(LotId lot, long delta, long held) {
        return new One(Objects.requireNonNull(lot, "lot must not be null"), delta, held);
    }

    /** The lots the movements name, in their order. */
    static List<LotId> lots(List<LotMovement> movements) {
        LotId[] ids = new LotId[movements.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = lot(movements, i);
        }
        return Arrays.asList(ids);
    }

    /**
     * Returns the lot of a movement in a list, without making the movement if the list is kept compactly.
     *
     * @param movements the movements
     * @param index the movement's index
     * @return its lot
     */
    static LotId lot(List<LotMovement> movements, int index) {
        if (movements instanceof Movements m) {
            Objects.checkIndex(index, m.lots.length);
            return m.lots[index];
        }
        if (movements instanceof One o) {
            Objects.checkIndex(index, 1);
            return o.lot;
        }
        return movements.get(index).lot();
    }

    /**
     * Returns the delta of a movement in a list, without making the movement if the list is kept compactly.
     *
     * @param movements the movements
     * @param index the movement's index
     * @return its delta
     */
    static long delta(List<LotMovement> movements, int index) {
        if (movements instanceof Movements m) {
            Objects.checkIndex(index, m.deltas.length);
            return m.deltas[index];
        }
        if (movements instanceof One o) {
            Objects.checkIndex(index, 1);
            return o.delta;
        }
        return movements.get(index).delta();
    }

    @Override
    public LotMovement get(int index) {
        Objects.checkIndex(index, lots.length);
        return new LotMovement(lots[index], deltas[index], held == null ? 0 : held[index]);
    }

    @Override
    public int size() {
        return lots.length;
    }

    /** A single movement, kept as its three parts. */
    private static final class One extends AbstractList<LotMovement> implements RandomAccess {
        private final LotId lot;
        private final long delta;
        private final long held;

        One(LotId lot, long delta, long held) {
            this.lot = lot;
            this.delta = delta;
            this.held = held;
        }

        @Override
        public LotMovement get(int index) {
            Objects.checkIndex(index, 1);
            return new LotMovement(lot, delta, held);
        }

        @Override
        public int size() {
            return 1;
        }
    }
}
