package io.github.loyaltyrules.report;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * An exact ratio of two counts of minor units, such as the breakage rate (points expired over
 * points earned). It keeps both parts; its decimal {@link #value()} is rounded to
 * {@value #SCALE} decimal places and its {@link #percent()} to {@value #PERCENT_SCALE}, both
 * half-even ({@link #ROUNDING}). A ratio over zero has no value.
 *
 * @param numerator the part, e.g. the points expired; not negative
 * @param denominator the whole, e.g. the points earned; not negative
 *
 * @since 0.1.0
 */
public record Ratio(long numerator, long denominator) {

    /** The decimal places of {@link #value()}. */
    public static final int SCALE = 4;
    /** The decimal places of {@link #percent()}. */
    public static final int PERCENT_SCALE = 2;
    /** How {@link #value()} and {@link #percent()} round: half-even, so that rounding errors do not drift one way. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    /**
     * Validates the ratio.
     *
     * @param numerator the part; not negative
     * @param denominator the whole; not negative
     * @throws InvalidRequestException if either part is negative
     */
    public Ratio {
        if (numerator < 0 || denominator < 0) {
            throw new InvalidRequestException("a ratio's parts must not be negative; got " + numerator + " / "
                    + denominator);
        }
    }

    /**
     * Returns the ratio of two amounts.
     *
     * @param numerator the part; not negative
     * @param denominator the whole; not negative
     * @return the ratio
     * @throws InvalidRequestException if either part is negative
     */
    public static Ratio of(long numerator, long denominator) {
        return new Ratio(numerator, denominator);
    }

    /**
     * Tells whether the ratio has a value, that is whether its denominator is not zero.
     *
     * @return true if {@code denominator > 0}
     */
    public boolean isDefined() {
        return denominator > 0;
    }

    /**
     * Returns the ratio as a decimal fraction (0.25 for a quarter), rounded to {@value #SCALE} places
     * half-even; it may exceed 1 (a period may redeem more than it earned).
     *
     * @return the value, or empty if the denominator is zero
     */
    public Optional<BigDecimal> value() {
        return scaled(0, SCALE);
    }

    /**
     * Returns the ratio in per cent (25.00 for a quarter), rounded to {@value #PERCENT_SCALE} places half-even.
     *
     * @return the percentage, or empty if the denominator is zero
     */
    public Optional<BigDecimal> percent() {
        return scaled(2, PERCENT_SCALE);
    }

    private Optional<BigDecimal> scaled(int movePoint, int scale) {
        if (denominator == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(numerator).movePointRight(movePoint)
                .divide(BigDecimal.valueOf(denominator), scale, ROUNDING));
    }

    /**
     * Returns the percentage with a per-cent sign, e.g. {@code "12.50%"}, or {@code "n/a"} for a ratio over zero.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return percent().map(p -> p.toPlainString() + "%").orElse("n/a");
    }
}
