package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact, non-negative amount of points in one currency, held as a {@code long} number of minor
 * units. Arithmetic is exact: a result outside the range of a {@code long} throws
 * {@link AmountOverflowException}, and a negative result {@link InvalidAmountException}.
 *
 * <p>Instances are immutable.
 *
 * @since 0.1.0
 */
public final class Points implements Comparable<Points> {

    /** Longest amount text {@link #parse} reads. */
    public static final int MAX_TEXT = 100;

    private final PointCurrency currency;
    private final long minorUnits;

    private Points(PointCurrency currency, long minorUnits) {
        this.currency = currency;
        this.minorUnits = minorUnits;
    }

    /**
     * Returns an amount.
     *
     * @param currency the currency
     * @param minorUnits the amount in minor units; zero or more
     * @return the amount
     * @throws NullPointerException if {@code currency} is null
     * @throws InvalidAmountException if {@code minorUnits} is negative
     */
    public static Points of(PointCurrency currency, long minorUnits) {
        Checks.notNull(currency, "currency");
        if (minorUnits < 0) {
            throw new InvalidAmountException("points must not be negative; got " + minorUnits + " minor units of "
                    + currency.code());
        }
        return new Points(currency, minorUnits);
    }

    /**
     * Returns zero points.
     *
     * @param currency the currency
     * @return zero in the currency
     * @throws NullPointerException if {@code currency} is null
     */
    public static Points zero(PointCurrency currency) {
        return of(currency, 0);
    }

    /**
     * Parses a decimal amount such as {@code "12.50"} in the currency's major units.
     *
     * @param currency the currency
     * @param text the amount; at most the currency's decimal places, at most {@value #MAX_TEXT} characters
     * @return the amount
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the text is longer than {@value #MAX_TEXT} characters, is not a
     *         decimal number, is negative or has more decimal places than the currency allows
     * @throws AmountOverflowException if the amount does not fit a {@code long} of minor units
     */
    public static Points parse(PointCurrency currency, String text) {
        Checks.notNull(currency, "currency");
        Checks.notNull(text, "amount text");
        if (text.length() > MAX_TEXT) {
            throw new InvalidAmountException("amount of " + currency.code() + " must be at most " + MAX_TEXT
                    + " characters; got " + text.length() + " characters: '" + Inputs.shown(text) + "'");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidAmountException("amount of " + currency.code() + " must be a decimal number such as "
                    + "'12' or '12.50'; got '" + Inputs.shown(text) + "'");
        }
        return fromDecimal(currency, value);
    }

    /**
     * Converts a decimal amount in major units.
     *
     * @param currency the currency
     * @param value the amount; at most the currency's decimal places
     * @return the amount
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the value is negative or has too many decimal places
     * @throws AmountOverflowException if the amount does not fit a {@code long} of minor units
     */
    public static Points fromDecimal(PointCurrency currency, BigDecimal value) {
        Checks.notNull(currency, "currency");
        Checks.notNull(value, "amount");
        if (value.signum() == 0) {
            return of(currency, 0);
        }
        int places = currency.decimalPlaces();
        // decimal places and size are read off the digits and the exponent first: scaling a value
        // such as 1E+999999999 or 1E-999999999 would build a number of a billion digits
        BigDecimal digits = value.scale() > places ? value.stripTrailingZeros() : value;
        if (digits.scale() > places) {
            throw new InvalidAmountException("amount of " + currency.code() + " must have at most " + places
                    + " decimal places; got " + Inputs.shown(value));
        }
        if ((long) digits.precision() - digits.scale() + places > 19) {
            throw overflow(currency, value);
        }
        try {
            return of(currency, value.movePointRight(places).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
        } catch (ArithmeticException e) {
            throw overflow(currency, value);
        }
    }

    private static AmountOverflowException overflow(PointCurrency currency, BigDecimal value) {
        return new AmountOverflowException("amount " + Inputs.shown(value) + " " + currency.code()
                + " does not fit the exact range of a long in minor units");
    }

    /**
     * Returns the currency.
     *
     * @return the currency
     */
    public PointCurrency currency() {
        return currency;
    }

    /**
     * Returns the amount in minor units.
     *
     * @return the amount; zero or more
     */
    public long minorUnits() {
        return minorUnits;
    }

    /**
     * Returns the amount in major units, e.g. {@code 12.50} for 1250 minor units with 2 decimal places.
     *
     * @return the exact decimal amount
     */
    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minorUnits, currency.decimalPlaces());
    }

    /**
     * Tells whether the amount is zero.
     *
     * @return true for zero
     */
    public boolean isZero() {
        return minorUnits == 0;
    }

    /**
     * Returns the sum of this and {@code other}.
     *
     * @param other an amount in the same currency
     * @return the sum
     * @throws NullPointerException if {@code other} is null
     * @throws UnknownCurrencyException if the currencies differ
     * @throws AmountOverflowException if the sum does not fit a {@code long}
     */
    public Points plus(Points other) {
        requireSameCurrency(other);
        return new Points(currency, Checks.add(minorUnits, other.minorUnits, "sum of " + currency.code()));
    }

    /**
     * Returns this minus {@code other}.
     *
     * @param other an amount in the same currency, at most this one
     * @return the difference
     * @throws NullPointerException if {@code other} is null
     * @throws UnknownCurrencyException if the currencies differ
     * @throws InvalidAmountException if {@code other} is larger than this
     */
    public Points minus(Points other) {
        requireSameCurrency(other);
        if (other.minorUnits > minorUnits) {
            throw new InvalidAmountException("cannot subtract " + other + " from " + this
                    + ": points must not become negative");
        }
        return new Points(currency, minorUnits - other.minorUnits);
    }

    private void requireSameCurrency(Points other) {
        Checks.notNull(other, "other amount");
        if (!currency.code().equals(other.currency.code())) {
            throw new UnknownCurrencyException("cannot combine " + this + " with " + other
                    + ": amounts must be in the same currency");
        }
    }

    /**
     * Compares amounts of the same currency.
     *
     * @param other an amount in the same currency
     * @return negative, zero or positive as this is less than, equal to or greater than {@code other}
     * @throws UnknownCurrencyException if the currencies differ
     */
    @Override
    public int compareTo(Points other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Points)) {
            return false;
        }
        Points that = (Points) o;
        return minorUnits == that.minorUnits && currency.equals(that.currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(currency, minorUnits);
    }

    /**
     * Returns the amount with its code, e.g. {@code "12.50 CASH"}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency.code();
    }
}
