package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Multiplies the points that the rule set's awarding rules earned on some lines, e.g. "double
 * stars on coffee": the multiplier rule's award is the bonus, {@code (factor - 1) * base} per line
 * under {@link MultiplierStacking#ADDITIVE}, rounded down per line. The base is what the awarding
 * (non-multiplier) rules awarded in {@link #currency()} after their caps, so multipliers never
 * multiply each other's bonuses except as {@link MultiplierStacking#COMPOUND} states.
 *
 * <p>For an event that is not a purchase, only a multiplier on {@link LineMatcher#anyLine()}
 * applies, to the event's whole award.
 *
 * <p>A tier multiplier ({@link #ofTier}) takes its factor from the member's tier at evaluation
 * ({@link io.github.loyaltyrules.rule.MemberProfile#tierMultiplier()}); it awards nothing for a
 * member whose tier multiplier is 1 or less.
 *
 * @param currency the point currency code whose points are multiplied
 * @param factor the factor, e.g. 2 or 1.5; greater than 1 and below 10^18; {@code 1} for a tier multiplier
 * @param lines the lines whose points are multiplied
 * @param fromTier true if the factor is the member's tier multiplier
 *
 * @since 0.1.0
 */
public record Multiplier(String currency, BigDecimal factor, LineMatcher lines, boolean fromTier) {

    /**
     * Validates the multiplier.
     *
     * @param currency the currency code
     * @param factor the factor; {@code 1} for a tier multiplier
     * @param lines the lines multiplied
     * @param fromTier true if the factor is the member's tier multiplier
     * @throws NullPointerException if a component is null
     * @throws InvalidRuleException if a fixed factor is not greater than 1 or is 10^18 or more, or a tier
     *         multiplier's is not 1
     */
    public Multiplier {
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(factor, "factor must not be null");
        Objects.requireNonNull(lines, "line matcher must not be null");
        if (fromTier && factor.compareTo(BigDecimal.ONE) != 0) {
            throw new InvalidRuleException("a tier multiplier takes its factor from the member's tier; its own factor"
                    + " must be 1; got " + Inputs.shown(factor));
        }
        if (!fromTier && factor.compareTo(BigDecimal.ONE) <= 0) {
            throw new InvalidRuleException("multiplier factor must be greater than 1; got " + Inputs.shown(factor));
        }
        if (Inputs.tooLargeFactor(factor)) {
            throw new InvalidRuleException("multiplier factor must be below 10^" + Inputs.FACTOR_DIGITS + "; got "
                    + Inputs.shown(factor));
        }
    }

    /**
     * Returns a multiplier with a fixed factor.
     *
     * @param currency the currency code
     * @param factor the factor; greater than 1
     * @param lines the lines multiplied
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the factor is not greater than 1, or is 10^18 or more
     */
    public Multiplier(String currency, BigDecimal factor, LineMatcher lines) {
        this(currency, factor, lines, false);
    }

    /**
     * Returns a multiplier on all lines by the member's tier multiplier, e.g. 1.5 for Gold when the
     * ladder's Gold tier says so.
     *
     * @param currency the currency code
     * @return the multiplier
     * @throws NullPointerException if {@code currency} is null
     */
    public static Multiplier ofTier(String currency) {
        return new Multiplier(currency, BigDecimal.ONE, LineMatcher.anyLine(), true);
    }

    /**
     * Returns a multiplier on all lines.
     *
     * @param currency the currency code
     * @param factor the factor, e.g. {@code new BigDecimal("1.5")}; greater than 1
     * @return the multiplier
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the factor is not greater than 1, or is 10^18 or more
     */
    public static Multiplier of(String currency, BigDecimal factor) {
        return new Multiplier(currency, factor, LineMatcher.anyLine());
    }

    /**
     * Returns a multiplier on the lines selected by {@code lines}, e.g. coffee lines.
     *
     * @param lines the lines
     * @param currency the currency code
     * @param factor the factor; greater than 1
     * @return the multiplier
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if the factor is not greater than 1, or is 10^18 or more
     */
    public static Multiplier on(LineMatcher lines, String currency, BigDecimal factor) {
        return new Multiplier(currency, factor, lines);
    }
}
