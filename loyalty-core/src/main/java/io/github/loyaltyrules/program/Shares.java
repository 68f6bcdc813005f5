package io.github.loyaltyrules.program;

import java.math.BigInteger;

/** Exact integer arithmetic for sharing points out among lines and units. */
final class Shares {

    private Shares() {
    }

    /**
     * The part of {@code share} that belongs to units {@code [from, to)} of a line of {@code quantity}
     * units: {@code floor(share * to / quantity) - floor(share * from / quantity)}. Summed over
     * any partition of the units it gives exactly {@code share}.
     */
    static long ofUnits(long share, long from, long to, long quantity) {
        return scaledFloor(share, to, quantity) - scaledFloor(share, from, quantity);
    }

    private static long scaledFloor(long share, long units, long quantity) {
        return BigInteger.valueOf(share).multiply(BigInteger.valueOf(units))
                .divide(BigInteger.valueOf(quantity)).longValueExact();
    }
}
