package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.time.Instant;

/** Argument checks shared by the value types and the ledger; every failure names the value and the rule. */
final class Checks {
    private Checks() {
    }

    static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /** A business time: not null, years 1 to 9999 (see {@link Inputs#businessTime}). */
    static Instant businessTime(Instant at, String name) {
        return Inputs.businessTime(at, name);
    }

    static String identifier(String value, String name, int maxLength) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new InvalidRequestException(name + " must not be blank; got '" + Inputs.shown(value) + "'");
        }
        if (value.length() > maxLength) {
            throw new InvalidRequestException(name + " must be at most " + maxLength
                    + " characters; got " + value.length() + " characters");
        }
        String unsafe = Inputs.unsafeCharacter(value);
        if (unsafe != null) {
            throw new InvalidRequestException(name + " must not contain control, bidi control or unpaired surrogate"
                    + " characters; got " + unsafe);
        }
        return value;
    }

    static long positive(long minorUnits, String what) {
        if (minorUnits <= 0) {
            throw new InvalidAmountException(what + " must be positive; got " + minorUnits);
        }
        return minorUnits;
    }

    /** Whether {@code a + b} overflows a long; lets a hot path build the message of {@link #add} only when needed. */
    static boolean overflows(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0;
    }

    static long add(long a, long b, String what) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            throw new AmountOverflowException(what + " would overflow: " + a + " + " + b
                    + " exceeds the range of a long (" + Long.MAX_VALUE + " minor units)");
        }
        return r;
    }

    static long subtract(long a, long b, String what) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            throw new AmountOverflowException(what + " would overflow: " + a + " - " + b
                    + " exceeds the range of a long");
        }
        return r;
    }
}
