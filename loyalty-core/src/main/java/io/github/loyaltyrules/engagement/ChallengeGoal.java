package io.github.loyaltyrules.engagement;

import io.github.loyaltyrules.ledger.LoyaltyException.Reason;
import io.github.loyaltyrules.ledger.Money;
import java.util.Objects;

/**
 * What a challenge counts and how much of it completes the challenge: purchases, spend (in one money
 * currency's minor units), items (units of basket lines), distinct stores, or a streak of consecutive
 * calendar periods (days, weeks or months) each with a purchase, optionally only over the lines of one
 * category. A purchase counts towards a purchases, stores or streak goal when it has at least one line
 * that counts; spend is the sum of the counted lines' amounts (before discounts).
 *
 * @param measure what is counted
 * @param target how much completes the challenge; positive (minor units for spend)
 * @param moneyCurrency the ISO code of the money currency of a spend goal; null for other measures
 * @param category the category whose lines count; null for every line
 * @param period the period of a streak goal; null for other measures
 *
 * @since 0.1.0
 */
public record ChallengeGoal(Measure measure, long target, String moneyCurrency, String category, StreakPeriod period) {

    /** What a goal counts. */
    public enum Measure {
        /** Purchases with a counted line. */
        PURCHASES,
        /** The amount of the counted lines, in minor units of the goal's money currency. */
        SPEND,
        /** Units of the counted lines. */
        ITEMS,
        /** Distinct stores with a purchase that has a counted line. */
        STORES,
        /**
         * Consecutive periods (of the goal's {@linkplain ChallengeGoal#period() period}) each with a
         * purchase that has a counted line; the target is how many in a row complete the goal.
         */
        STREAK
    }

    /** The longest category name. */
    public static final int MAX_CATEGORY = 64;

    /**
     * Validates the goal.
     *
     * @throws NullPointerException if {@code measure} is null
     * @throws ChallengeException if the target is not positive, a spend goal has no money currency or
     *     another goal has one, a streak goal has no period or another goal has one, or the category is
     *     blank, longer than {@value #MAX_CATEGORY} or has control characters
     */
    public ChallengeGoal {
        Objects.requireNonNull(measure, "goal measure must not be null");
        if (target <= 0) {
            throw new ChallengeException(Reason.INVALID_DEFINITION, "a challenge's goal must be positive; got "
                    + target + " for a " + measure.name().toLowerCase(java.util.Locale.ROOT) + " goal");
        }
        if ((measure == Measure.SPEND) != (moneyCurrency != null)) {
            throw new ChallengeException(Reason.INVALID_DEFINITION,
                    "a spend goal, and only a spend goal, names a money currency; got " + measure + " with "
                            + (moneyCurrency == null ? "none" : moneyCurrency));
        }
        if ((measure == Measure.STREAK) != (period != null)) {
            throw new ChallengeException(Reason.INVALID_DEFINITION,
                    "a streak goal, and only a streak goal, names a period; got " + measure + " with "
                            + (period == null ? "none" : period));
        }
        if (category != null) {
            Challenge.checkText(category, "goal category", MAX_CATEGORY);
        }
    }

    /**
     * Returns a goal of another measure than a streak (no period).
     *
     * @param measure what is counted
     * @param target how much completes the challenge
     * @param moneyCurrency the money currency of a spend goal; null for other measures
     * @param category the category whose lines count; null for every line
     * @throws NullPointerException if {@code measure} is null
     * @throws ChallengeException as the canonical constructor does (a streak needs a period)
     */
    public ChallengeGoal(Measure measure, long target, String moneyCurrency, String category) {
        this(measure, target, moneyCurrency, category, null);
    }

    /**
     * Returns a goal of a purchase in each of {@code n} consecutive periods ("a purchase 3 weeks in a
     * row" is {@code streak(3, StreakPeriod.WEEK)}). Runs count within one window of the challenge (a
     * period belongs to the window of its first day). A return that leaves a period without a counted
     * purchase breaks the streak there. The window's progress record holds a count per active period.
     *
     * @param n the periods in a row; positive
     * @param period the period
     * @return the goal
     * @throws NullPointerException if {@code period} is null
     * @throws ChallengeException if {@code n} is not positive
     */
    public static ChallengeGoal streak(long n, StreakPeriod period) {
        return new ChallengeGoal(Measure.STREAK, n, null, null, Objects.requireNonNull(period, "streak period must not be null"));
    }

    /**
     * Returns a goal of a number of purchases.
     *
     * @param n the purchases; positive
     * @return the goal
     * @throws ChallengeException if {@code n} is not positive
     */
    public static ChallengeGoal purchases(long n) {
        return new ChallengeGoal(Measure.PURCHASES, n, null, null);
    }

    /**
     * Returns a goal of a spend.
     *
     * @param amount the spend; positive
     * @return the goal, in minor units of the amount's currency
     * @throws NullPointerException if {@code amount} is null
     * @throws ChallengeException if the amount is not positive or finer than the currency's minor unit
     */
    public static ChallengeGoal spend(Money amount) {
        Objects.requireNonNull(amount, "spend goal must not be null");
        java.math.BigDecimal minor = amount.amount().movePointRight(amount.currency().getDefaultFractionDigits());
        if (minor.stripTrailingZeros().scale() > 0 || minor.signum() <= 0 || minor.precision() - minor.scale() > 18) {
            throw new ChallengeException(Reason.INVALID_DEFINITION, "a spend goal must be a positive amount in whole"
                    + " minor units of " + amount.currency().getCurrencyCode() + "; got " + amount);
        }
        return new ChallengeGoal(Measure.SPEND, minor.longValueExact(), amount.currency().getCurrencyCode(), null);
    }

    /**
     * Returns a goal of a number of items (units of basket lines).
     *
     * @param n the items; positive
     * @return the goal
     * @throws ChallengeException if {@code n} is not positive
     */
    public static ChallengeGoal items(long n) {
        return new ChallengeGoal(Measure.ITEMS, n, null, null);
    }

    /**
     * Returns a goal of a number of distinct stores.
     *
     * @param n the stores; positive
     * @return the goal
     * @throws ChallengeException if {@code n} is not positive
     */
    public static ChallengeGoal distinctStores(long n) {
        return new ChallengeGoal(Measure.STORES, n, null, null);
    }

    /**
     * Returns this goal counting only the lines of a category.
     *
     * @param name the category
     * @return the goal
     * @throws NullPointerException if {@code name} is null
     * @throws ChallengeException if the category is blank, too long or has control characters
     */
    public ChallengeGoal inCategory(String name) {
        return new ChallengeGoal(measure, target, moneyCurrency, Objects.requireNonNull(name, "category must not be null"),
                period);
    }
}
