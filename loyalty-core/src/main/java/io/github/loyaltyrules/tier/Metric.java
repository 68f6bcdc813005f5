package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A qualifying metric a tier threshold is stated in: qualifying points in a named currency, money
 * spent in a currency, the number of qualifying purchases, or a custom counter (nights, flights).
 *
 * <p>Amounts of a metric are whole minor units: for points, the currency's minor units; for spend,
 * the money currency's minor units (cents); for purchases and counters, whole units. Two metrics
 * are equal when they have the same kind and key. Instances are immutable.
 *
 * @since 0.1.0
 */
public final class Metric {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** The kinds of qualifying metric. */
    public enum Kind {
        /** Qualifying points in a named point currency. */
        POINTS,
        /** Money spent in a currency. */
        SPEND,
        /** Number of qualifying purchases. */
        PURCHASES,
        /** A custom counter the caller increments. */
        COUNTER
    }

    private final Kind kind;
    private final String key;
    private final int scale;

    private Metric(Kind kind, String key, int scale) {
        this.kind = kind;
        this.key = key;
        this.scale = scale;
    }

    /**
     * Returns the metric "qualifying points in this currency", e.g. a non-redeemable status currency.
     *
     * @param currency the point currency
     * @return the metric
     * @throws NullPointerException if {@code currency} is null
     */
    public static Metric points(PointCurrency currency) {
        Objects.requireNonNull(currency, "point currency must not be null");
        return new Metric(Kind.POINTS, currency.code(), currency.decimalPlaces());
    }

    /**
     * Returns the metric "money spent in this currency".
     *
     * @param currency the money currency
     * @return the metric
     * @throws NullPointerException if {@code currency} is null
     */
    public static Metric spend(Currency currency) {
        Objects.requireNonNull(currency, "money currency must not be null");
        return new Metric(Kind.SPEND, currency.getCurrencyCode(), Math.max(0, currency.getDefaultFractionDigits()));
    }

    /**
     * Returns the metric "number of qualifying purchases".
     *
     * @return the metric
     */
    public static Metric purchases() {
        return new Metric(Kind.PURCHASES, "purchases", 0);
    }

    /**
     * Returns a custom counter such as {@code "nights"} or {@code "flights"}.
     *
     * @param name 1 to 32 characters: a lower-case letter, then lower-case letters, digits, {@code _} or {@code -}
     * @return the metric
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidLadderException if the name is malformed
     */
    public static Metric counter(String name) {
        Objects.requireNonNull(name, "counter name must not be null");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidLadderException("counter name must be 1 to 32 characters: a lower-case letter, then "
                    + "lower-case letters, digits, '_' or '-'; got '" + Inputs.shown(name) + "'");
        }
        return new Metric(Kind.COUNTER, name, 0);
    }

    /**
     * Returns the kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the key: the currency code or counter name, {@code "purchases"} for purchases.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * Returns the number of decimal places of this metric's amounts.
     *
     * @return 0 or more
     */
    public int scale() {
        return scale;
    }

    /**
     * Converts a decimal amount of this metric to minor units, exactly.
     *
     * @param amount the amount, e.g. {@code 350.00} for spend in EUR
     * @return the amount in minor units
     * @throws NullPointerException if {@code amount} is null
     * @throws InvalidTierRequestException if the amount has more decimal places than the metric or does not fit a long
     */
    public long minorUnits(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount must not be null");
        try {
            return amount.movePointRight(scale).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidTierRequestException("amount of " + this + " must have at most " + scale
                    + " decimal places and fit 64 bits; got " + Inputs.shown(amount));
        }
    }

    /**
     * Converts minor units of this metric to a decimal amount.
     *
     * @param minorUnits the amount in minor units
     * @return the decimal amount at this metric's scale
     */
    public BigDecimal toDecimal(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, scale);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metric m && m.kind == kind && m.key.equals(key);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + key.hashCode();
    }

    /**
     * Returns e.g. {@code "points:TQP"}, {@code "spend:EUR"}, {@code "purchases"} or {@code "counter:nights"}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        switch (kind) {
            case POINTS:
                return "points:" + key;
            case SPEND:
                return "spend:" + key;
            case PURCHASES:
                return "purchases";
            default:
                return "counter:" + key;
        }
    }
}
