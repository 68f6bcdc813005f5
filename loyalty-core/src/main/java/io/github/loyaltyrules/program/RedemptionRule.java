package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import java.util.Objects;

/**
 * How many points of one currency a member may pay with at a time, as published terms state it: "pay
 * with points from 200, in multiples of 100" is
 * {@code RedemptionRule.of(pts).withMinimum(Points.of(pts, 200)).inMultiplesOf(Points.of(pts, 100))}.
 * A {@link ProgramVersion} holds at most one per currency, and {@link LoyaltyProgram#redeem} and
 * {@link LoyaltyProgram#reserve} refuse amounts that break it; rewards cost what the catalogue says.
 *
 * <p>The minimum is a multiple of the step, so "from 200 in multiples of 100" allows 200, 300, 400
 * and so on. The rule also says what a return gives back of the points spent on a purchase
 * ({@link #withRefund(RefundPolicy)}; nothing unless declared). Instances are immutable.
 *
 * @param currency the point currency
 * @param minimum the least amount, in minor units; a positive multiple of {@code step}
 * @param step every amount is a multiple of it, in minor units; 1 (one minor unit) for any amount
 * @param refund what a return of part of a purchase gives back of the points spent on it
 * @param worth what the points are worth in money when a member pays with them; null if they have no set value
 *
 * @since 0.1.0
 */
public record RedemptionRule(PointCurrency currency, long minimum, long step, RefundPolicy refund, PointWorth worth) {

    /**
     * Validates the rule.
     *
     * @param currency the point currency
     * @param minimum the least amount in minor units; a positive multiple of {@code step}
     * @param step the step in minor units; positive
     * @param refund what a return gives back of the points spent on the purchase
     * @param worth what the points are worth in money when a member pays with them; null if they have no set value
     * @throws NullPointerException if {@code currency} or {@code refund} is null
     * @throws InvalidAmountException if {@code worth} is of another currency
     * @throws InvalidAmountException if the step is not positive, or the minimum not a positive multiple of it
     */
    public RedemptionRule {
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(refund, "refund policy must not be null");
        if (worth != null && !worth.currency().equals(currency)) {
            throw new InvalidAmountException("the point value of a redemption rule of " + currency.code()
                    + " must be of " + currency.code() + "; got " + worth.currency().code());
        }
        if (step <= 0) {
            throw new InvalidAmountException("redemption step of " + currency.code() + " must be positive; got "
                    + step + " minor units");
        }
        if (minimum <= 0 || minimum % step != 0) {
            throw new InvalidAmountException("redemption minimum of " + currency.code() + " must be a positive"
                    + " multiple of the step " + Points.of(currency, step) + "; got "
                    + (minimum > 0 ? Points.of(currency, minimum).toString() : minimum + " minor units"));
        }
    }

    /**
     * Creates a rule under which returns give back nothing of the points spent on a purchase.
     *
     * @param currency the point currency
     * @param minimum the least amount in minor units; a positive multiple of {@code step}
     * @param step the step in minor units; positive
     * @throws NullPointerException if {@code currency} is null
     * @throws InvalidAmountException if the step is not positive, or the minimum not a positive multiple of it
     */
    public RedemptionRule(PointCurrency currency, long minimum, long step) {
        this(currency, minimum, step, RefundPolicy.NONE, null);
    }

    /**
     * Creates a rule whose points have no set money value.
     *
     * @param currency the point currency
     * @param minimum the least amount in minor units; a positive multiple of {@code step}
     * @param step the step in minor units; positive
     * @param refund what a return gives back of the points spent on the purchase
     * @throws NullPointerException if {@code currency} or {@code refund} is null
     * @throws InvalidAmountException if the step is not positive, or the minimum not a positive multiple of it
     */
    public RedemptionRule(PointCurrency currency, long minimum, long step, RefundPolicy refund) {
        this(currency, minimum, step, refund, null);
    }

    /**
     * Returns the rule that allows any positive amount of the currency, to narrow with
     * {@link #withMinimum} and {@link #inMultiplesOf}.
     *
     * @param currency the point currency
     * @return the rule
     * @throws NullPointerException if {@code currency} is null
     */
    public static RedemptionRule of(PointCurrency currency) {
        return new RedemptionRule(currency, 1, 1);
    }

    /**
     * Returns a copy with a minimum amount.
     *
     * @param minimum the least amount; in this currency, positive, a multiple of the step
     * @return the copy
     * @throws NullPointerException if {@code minimum} is null
     * @throws InvalidAmountException if the amount is in another currency, zero, or not a multiple of the step
     */
    public RedemptionRule withMinimum(Points minimum) {
        return new RedemptionRule(currency, minorUnits(minimum, "minimum"), step, refund, worth);
    }

    /**
     * Returns a copy under which amounts are multiples of {@code step}; without a minimum set, the
     * minimum becomes the step.
     *
     * @param step the step; in this currency, positive, and dividing the minimum if one is set
     * @return the copy
     * @throws NullPointerException if {@code step} is null
     * @throws InvalidAmountException if the amount is in another currency or zero, or the minimum is not
     *         a multiple of it
     */
    public RedemptionRule inMultiplesOf(Points step) {
        long s = minorUnits(step, "step");
        return new RedemptionRule(currency, minimum == 1 ? s : minimum, s, refund, worth);
    }

    /**
     * Returns a copy under which a return of part of a purchase gives back the points spent on it (by a
     * redemption {@linkplain LoyaltyProgram#redeemFor tied to the purchase}) by the given policy.
     *
     * @param policy the policy; {@link RefundPolicy#NONE} gives back nothing
     * @return the copy
     * @throws NullPointerException if {@code policy} is null
     */
    public RedemptionRule withRefund(RefundPolicy policy) {
        return new RedemptionRule(currency, minimum, step, policy, worth);
    }

    /**
     * Returns a copy under which the points have a money value, so that a member can pay part of a
     * basket with them ({@link LoyaltyProgram#payWithPoints}).
     *
     * @param value what the points are worth, per channel
     * @return the copy
     * @throws NullPointerException if {@code value} is null
     * @throws InvalidAmountException if {@code value} is of another currency
     */
    public RedemptionRule withWorth(PointWorth value) {
        return new RedemptionRule(currency, minimum, step, refund, Objects.requireNonNull(value,
                "point value must not be null"));
    }

    /**
     * Returns the minimum as points.
     *
     * @return the least amount a member may pay with
     */
    public Points minimumPoints() {
        return Points.of(currency, minimum);
    }

    /**
     * Returns the step as points.
     *
     * @return the amount every redemption is a multiple of
     */
    public Points stepPoints() {
        return Points.of(currency, step);
    }

    /**
     * Checks an amount against the rule.
     *
     * @param amount the points to pay with; in this rule's currency
     * @throws NullPointerException if {@code amount} is null
     * @throws RedemptionRuleException if the amount is below the minimum or not a multiple of the step
     */
    public void check(Points amount) {
        Objects.requireNonNull(amount, "amount must not be null");
        if (amount.minorUnits() < minimum) {
            throw new RedemptionRuleException("redemption of " + amount + " is below the minimum of "
                    + minimumPoints() + "; " + this);
        }
        if (amount.minorUnits() % step != 0) {
            throw new RedemptionRuleException("redemption of " + amount + " is not a multiple of "
                    + stepPoints() + "; " + this);
        }
    }

    private long minorUnits(Points p, String what) {
        Objects.requireNonNull(p, "redemption " + what + " must not be null");
        if (!p.currency().code().equals(currency.code())) {
            throw new InvalidAmountException("redemption " + what + " of " + currency.code() + " must be in "
                    + currency.code() + "; got " + p);
        }
        if (p.isZero()) {
            throw new InvalidAmountException("redemption " + what + " of " + currency.code() + " must be positive;"
                    + " got " + p);
        }
        return p.minorUnits();
    }

    /**
     * Describes the rule, e.g. {@code "PTS are redeemed from 200 PTS in multiples of 100 PTS"}, followed by
     * {@code "; returns give back points spent pro rata"} (or {@code on full return}) if it has a refund policy,
     * and by the points' value if they have one ({@link PointWorth#toString()}).
     *
     * @return the description
     */
    @Override
    public String toString() {
        return currency.code() + " are redeemed from " + minimumPoints() + (step == 1 ? ""
                : " in multiples of " + stepPoints()) + (refund == RefundPolicy.NONE ? ""
                : "; returns give back points spent " + refund.text()) + (worth == null ? "" : "; " + worth);
    }
}
