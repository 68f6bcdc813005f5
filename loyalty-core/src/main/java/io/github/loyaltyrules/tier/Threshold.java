package io.github.loyaltyrules.tier;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One entry threshold of a tier: reaching {@code minorUnits} of {@code metric} in a window meets it.
 * Thresholds combine into {@link Requirement#allOf all-of} and {@link Requirement#anyOf any-of}
 * requirements.
 *
 * @param metric the qualifying metric
 * @param minorUnits the amount to reach, in the metric's minor units; positive
 *
 * @since 0.1.0
 */
public record Threshold(Metric metric, long minorUnits) implements Requirement {

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
     * Returns a threshold stated as a decimal amount, e.g. {@code 10000.00} USD of spend.
     *
     * @param metric the metric
     * @param amount the amount; positive, at most the metric's decimal places
     * @return the threshold
     * @throws NullPointerException if an argument is null
     * @throws InvalidLadderException if the amount is not positive or has too many decimal places
     */
    public static Threshold of(Metric metric, BigDecimal amount) {
        Objects.requireNonNull(metric, "threshold metric must not be null");
        Objects.requireNonNull(amount, "threshold amount must not be null");
        try {
            return new Threshold(metric, metric.minorUnits(amount));
        } catch (InvalidTierRequestException e) {
            throw new InvalidLadderException("threshold on " + metric + ": " + e.getMessage());
        }
    }

    /**
     * Returns this threshold, the only one it names.
     *
     * @return a list of this threshold
     */
    @Override
    public java.util.List<Threshold> thresholds() {
        return java.util.List.of(this);
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
