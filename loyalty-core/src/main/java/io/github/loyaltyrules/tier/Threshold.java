package io.github.loyaltyrules.tier;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One entry threshold of a tier: reaching {@code minorUnits} of {@code metric} in a window
 * qualifies for the tier. A tier with several thresholds is reached by any one of them.
 *
 * @param metric the qualifying metric
 * @param minorUnits the amount to reach, in the metric's minor units; positive
 */
public record Threshold(Metric metric, long minorUnits) {

    /**
     * Validates the threshold.
     *
     * @param metric the qualifying metric
     * @param minorUnits the amount to reach; positive
     * @throws NullPointerException if {@code metric} is null
     * @throws InvalidLadderException if the amount is not positive
     */
    public Threshold {
        Objects.requireNonNull(metric, "threshold metric must not be null");
        if (minorUnits <= 0) {
            throw new InvalidLadderException("threshold on " + metric + " must be positive; got " + minorUnits);
        }
    }

    /**
     * Returns a threshold in minor units.
     *
     * @param metric the metric
     * @param minorUnits the amount; positive
     * @return the threshold
     * @throws NullPointerException if {@code metric} is null
     * @throws InvalidLadderException if the amount is not positive
     */
    public static Threshold of(Metric metric, long minorUnits) {
        return new Threshold(metric, minorUnits);
    }

    /**
     * Returns the amount as a decimal, e.g. {@code 350.00} for a spend threshold in EUR.
     *
     * @return the amount
     */
    public BigDecimal amount() {
        return metric.toDecimal(minorUnits);
    }

    /**
     * Returns e.g. {@code "spend:EUR >= 350.00"}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return metric + " >= " + amount().toPlainString();
    }
}
