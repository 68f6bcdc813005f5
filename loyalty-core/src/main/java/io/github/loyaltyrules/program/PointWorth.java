package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What points are worth in money when a member pays with them ({@link LoyaltyProgram#payWithPoints}):
 * "100 PTS are worth 1.00 EUR", and per sales channel a factor of that face value ("points are worth
 * twice their face value at partner X"). Exact: a value is {@code points * value * factor / per},
 * rounded down to the value's decimal places (so a member is never given more than the terms say),
 * and the points a sum of money can pay for are the most whose value does not exceed it. Instances are
 * immutable.
 *
 * @param currency the point currency
 * @param per how many points (in minor units) are worth {@code value}; positive
 * @param value what {@code per} points are worth at face value; positive
 * @param channelFactors the factor of the face value per sales channel ({@link
 *        io.github.loyaltyrules.rule.Purchase#channel()}); each positive; channels not listed are at face value
 *
 * @since 0.1.0
 */
public record PointWorth(PointCurrency currency, long per, Money value, Map<String, BigDecimal> channelFactors) {

    /** The most channels with a factor of their own. */
    public static final int MAX_CHANNELS = 1000;

    /**
     * Validates the terms.
     *
     * @param currency the point currency
     * @param per how many points (in minor units) are worth {@code value}; positive
     * @param value what they are worth; positive
     * @param channelFactors factor per channel; each positive, at most 6 decimal places and at most 1000
     * @throws NullPointerException if an argument, a channel or a factor is null
     * @throws InvalidAmountException if {@code per}, the value or a factor is not positive, or a factor has
     *         more than 6 decimal places or is above 1000
     * @throws InvalidRequestException if a channel is blank, or there are more than {@link #MAX_CHANNELS}
     */
    public PointWorth {
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(value, "point value must not be null");
        Objects.requireNonNull(channelFactors, "channel factors must not be null");
        if (per <= 0) {
            throw new InvalidAmountException("points per value of " + currency.code() + " must be positive; got "
                    + per + " minor units");
        }
        if (value.amount().signum() <= 0) {
            throw new InvalidAmountException("value of " + currency.code() + " points must be positive; got " + value);
        }
        if (channelFactors.size() > MAX_CHANNELS) {
            throw new InvalidRequestException("points of " + currency.code() + " have factors for "
                    + channelFactors.size() + " channels; at most " + MAX_CHANNELS);
        }
        TreeMap<String, BigDecimal> copy = new TreeMap<>();
        for (Map.Entry<String, BigDecimal> e : channelFactors.entrySet()) {
            String channel = Objects.requireNonNull(e.getKey(), "channel must not be null");
            BigDecimal f = Objects.requireNonNull(e.getValue(), "channel factor must not be null");
            if (channel.isBlank()) {
                throw new InvalidRequestException("a channel of a point value must not be blank");
            }
            checkFactor(currency, channel, f);
            copy.put(channel, f);
        }
        channelFactors = Collections.unmodifiableMap(copy);
    }

    private static void checkFactor(PointCurrency currency, String channel, BigDecimal f) {
        if (f.signum() <= 0 || f.stripTrailingZeros().scale() > 6 || f.compareTo(BigDecimal.valueOf(1000)) > 0) {
            throw new InvalidAmountException("factor of " + currency.code() + " points at channel '"
                    + Inputs.shown(channel) + "' must be positive, at most 1000, with at most 6 decimal places; got "
                    + f.toPlainString());
        }
    }

    /**
     * Returns terms by which {@code per} points are worth {@code value} on every channel.
     *
     * @param per the points; positive
     * @param value what they are worth; positive
     * @return the terms
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if an amount is not positive
     */
    public static PointWorth of(Points per, Money value) {
        Objects.requireNonNull(per, "points must not be null");
        return new PointWorth(per.currency(), per.minorUnits(), value, Map.of());
    }

    /**
     * Returns a copy under which points are worth {@code factor} times their face value on a channel,
     * e.g. {@code atChannel("partner-x", new BigDecimal("2"))}; replaces the channel's factor, if any.
     *
     * @param channel the sales channel; not blank
     * @param factor the factor; positive, at most 1000, at most 6 decimal places
     * @return the copy
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the factor is out of range
     * @throws InvalidRequestException if the channel is blank
     */
    public PointWorth atChannel(String channel, BigDecimal factor) {
        Map<String, BigDecimal> all = new TreeMap<>(channelFactors);
        all.put(Objects.requireNonNull(channel, "channel must not be null"),
                Objects.requireNonNull(factor, "channel factor must not be null"));
        return new PointWorth(currency, per, value, all);
    }

    /**
     * Returns the factor of the face value on a channel: 1 unless the terms give it one.
     *
     * @param channel the sales channel
     * @return the factor
     * @throws NullPointerException if {@code channel} is null
     */
    public BigDecimal factorAt(String channel) {
        return channelFactors.getOrDefault(Objects.requireNonNull(channel, "channel must not be null"), BigDecimal.ONE);
    }

    /**
     * Returns the points that are worth {@link #value()}.
     *
     * @return the points
     */
    public Points perPoints() {
        return Points.of(currency, per);
    }

    /**
     * Returns what some points are worth on a channel: {@code points * value * factor / per}, rounded
     * down to the value's decimal places.
     *
     * @param points the points; of this currency, not negative
     * @param channel the sales channel
     * @return the money
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the points are of another currency or negative
     */
    public Money valueOf(Points points, String channel) {
        Objects.requireNonNull(points, "points must not be null");
        if (!points.currency().equals(currency) || points.minorUnits() < 0) {
            throw new InvalidAmountException("a value of " + currency.code() + " points is asked of " + points
                    + "; give a non-negative amount of " + currency.code());
        }
        BigDecimal money = value.amount().multiply(factorAt(channel)).multiply(BigDecimal.valueOf(points.minorUnits()))
                .divide(BigDecimal.valueOf(per), value.amount().scale(), RoundingMode.DOWN);
        return Money.of(money, value.currency());
    }

    /**
     * Returns the most points whose value on a channel does not exceed a sum, e.g. to pay for a whole
     * basket: {@code floor(money * per / (value * factor))}.
     *
     * @param money the sum; in the value's currency, not negative
     * @param channel the sales channel
     * @return the points; zero if the sum is less than a minor unit is worth
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the sum is in another money currency or negative, or the points
     *         would not fit in a {@code long}
     */
    public Points pointsFor(Money money, String channel) {
        Objects.requireNonNull(money, "money must not be null");
        if (!money.currency().equals(value.currency()) || money.isNegative()) {
            throw new InvalidAmountException(currency.code() + " points are worth " + value.currency().getCurrencyCode()
                    + "; cannot pay " + money);
        }
        BigInteger n = money.amount().multiply(BigDecimal.valueOf(per))
                .divide(value.amount().multiply(factorAt(channel)), 0, RoundingMode.DOWN).toBigIntegerExact();
        if (n.bitLength() > 63) {
            throw new InvalidAmountException(money + " is worth more than " + Long.MAX_VALUE + " minor units of "
                    + currency.code());
        }
        return Points.of(currency, n.longValue());
    }

    /**
     * Describes the terms, e.g. {@code "100 PTS are worth 1.00 EUR; 2 times that at channel partner-x"}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(perPoints() + " are worth " + value);
        channelFactors.forEach((c, f) -> sb.append("; ").append(f.toPlainString()).append(" times that at channel ")
                .append(Inputs.shown(c)));
        return sb.toString();
    }
}
