package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One reason a rule did not fire for an activity: the kind of condition that failed, what it needed
 * and what the activity had, as typed values where the condition has them (money for basket and
 * spend thresholds, units for quantities and purchase counts, names for stores, channels and tiers),
 * and a short text for a till or an app, e.g. {@code "basket 27.50 of 30.00 EUR needed"}.
 *
 * <p>Texts and values never hold a member's personal data: a condition on a member attribute names
 * the attribute, not the member's value, and birthday conditions say so without the date. Immutable;
 * made by rule engines on the quote path only ({@link RuleEngine#nearMisses}).
 *
 * @since 0.1.0
 */
public final class Shortfall {

    /**
     * What kind of condition failed.
     *
     * @since 0.1.0
     */
    public enum Kind {
        /** The basket total is below a threshold ({@link #neededAmount()}, {@link #actualAmount()}). */
        BASKET_TOTAL,
        /** The spend on some lines is below a threshold (amounts). */
        SPEND,
        /** Too few units on some lines ({@link #neededUnits()}, {@link #actualUnits()}). */
        QUANTITY,
        /** Made in another store ({@link #neededValues()}, {@link #actualValue()}). */
        STORE,
        /** Made through another channel (values). */
        CHANNEL,
        /** Another kind of activity (values). */
        EVENT_TYPE,
        /** An event attribute the rule needs; the attribute is named, no value shown. */
        EVENT_ATTRIBUTE,
        /** The member is in another tier, or none (values). */
        TIER,
        /** A member attribute the rule needs; the attribute is named, the member's value never shown. */
        MEMBER_ATTRIBUTE,
        /** A member tag the rule needs (values: the tag). */
        MEMBER_TAG,
        /** A badge the rule needs the member to hold (values: the badge id). */
        MEMBER_BADGE,
        /** Only on, around or in the month of the member's birthday; no date shown. */
        BIRTHDAY,
        /** Only on a member's first purchase. */
        FIRST_PURCHASE,
        /** The member's count of earlier purchases is outside the rule's bound (units). */
        PURCHASE_COUNT,
        /** On other days of the week (values: the days). */
        DAY_OF_WEEK,
        /** At other times of the day. */
        TIME_OF_DAY,
        /** On other dates. */
        DATES,
        /** Outside the window of the rule's campaign. */
        CAMPAIGN_WINDOW,
        /** Outside the rule's validity dates. */
        VALIDITY,
        /** A condition the rule excludes ({@code not}) holds. */
        EXCLUDED,
        /** None of several alternatives holds ({@link #alternatives()}). */
        ANY_OF,
        /** The rule's per-member cap is reached. */
        CAP_REACHED,
        /** The budget of the rule's campaign is spent. */
        BUDGET_SPENT,
        /** Another rule of the same exclusive group applies instead. */
        GROUP,
        /** The condition holds, but the rule earns nothing on this activity (e.g. nothing to multiply). */
        NOTHING_EARNED,
        /** A condition of the engine's own, or written by hand, does not hold. */
        CONDITION
    }

    private static final int SHARE_SCALE = 4;

    private final Kind kind;
    private final String text;
    private final Money neededAmount;
    private final Money actualAmount;
    private final long neededUnits;
    private final long actualUnits;
    private final Set<String> neededValues;
    private final String actualValue;
    private final List<Shortfall> alternatives;

    private Shortfall(Kind kind, String text, Money neededAmount, Money actualAmount, long neededUnits,
            long actualUnits, Set<String> neededValues, String actualValue, List<Shortfall> alternatives) {
        this.kind = kind;
        this.text = text;
        this.neededAmount = neededAmount;
        this.actualAmount = actualAmount;
        this.neededUnits = neededUnits;
        this.actualUnits = actualUnits;
        this.neededValues = neededValues;
        this.actualValue = actualValue;
        this.alternatives = alternatives;
    }

    /**
     * Returns a shortfall with a kind and a text only.
     *
     * @param kind what kind of condition failed
     * @param text the text shown, e.g. {@code "outside campaign window"}; no personal data
     * @return the shortfall
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the text is blank
     */
    public static Shortfall of(Kind kind, String text) {
        return new Shortfall(Objects.requireNonNull(kind, "kind must not be null"), text(text), null, null, -1, -1,
                Set.of(), null, List.of());
    }

    /**
     * Returns a shortfall of money: a threshold and what the activity had.
     *
     * @param kind what kind of condition failed, e.g. {@link Kind#BASKET_TOTAL}
     * @param text the text shown; no personal data
     * @param needed the threshold
     * @param actual what the activity had, in any money currency
     * @return the shortfall
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the text is blank or an amount negative
     */
    public static Shortfall ofAmounts(Kind kind, String text, Money needed, Money actual) {
        Objects.requireNonNull(needed, "needed amount must not be null");
        Objects.requireNonNull(actual, "actual amount must not be null");
        if (needed.isNegative() || actual.isNegative()) {
            throw new InvalidRequestException("amounts of a shortfall must not be negative; got " + needed + " needed, "
                    + actual + " actual");
        }
        return new Shortfall(Objects.requireNonNull(kind, "kind must not be null"), text(text), needed, actual, -1,
                -1, Set.of(), null, List.of());
    }

    /**
     * Returns a shortfall of units: a count needed and what the activity had.
     *
     * @param kind what kind of condition failed, e.g. {@link Kind#QUANTITY}
     * @param text the text shown; no personal data
     * @param needed the count needed; not negative
     * @param actual the count the activity had; not negative
     * @return the shortfall
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the text is blank or a count negative
     */
    public static Shortfall ofUnits(Kind kind, String text, long needed, long actual) {
        if (needed < 0 || actual < 0) {
            throw new InvalidRequestException("units of a shortfall must not be negative; got " + needed + " needed, "
                    + actual + " actual");
        }
        return new Shortfall(Objects.requireNonNull(kind, "kind must not be null"), text(text), null, null, needed,
                actual, Set.of(), null, List.of());
    }

    /**
     * Returns a shortfall of names: the values the condition accepts and the activity's value.
     *
     * @param kind what kind of condition failed, e.g. {@link Kind#STORE}
     * @param text the text shown; no personal data
     * @param needed the values the condition accepts, e.g. store ids; at least one
     * @param actual the activity's value, or null if it has none (a member without a tier)
     * @return the shortfall
     * @throws NullPointerException if {@code kind}, {@code text} or {@code needed} is null or holds null
     * @throws InvalidRequestException if the text is blank or no value is needed
     */
    public static Shortfall ofValues(Kind kind, String text, Set<String> needed, String actual) {
        Objects.requireNonNull(needed, "needed values must not be null");
        if (needed.isEmpty()) {
            throw new InvalidRequestException("a shortfall of values needs at least one value");
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String v : needed) {
            copy.add(Objects.requireNonNull(v, "needed value must not be null"));
        }
        return new Shortfall(Objects.requireNonNull(kind, "kind must not be null"), text(text), null, null, -1, -1,
                java.util.Collections.unmodifiableSet(copy), actual, List.of());
    }

    /**
     * Returns the shortfall of alternatives none of which holds ({@link Kind#ANY_OF}), with a text
     * joining theirs: {@code "one of: a; or b"}.
     *
     * @param alternatives why each alternative failed; at least one
     * @return the shortfall
     * @throws NullPointerException if {@code alternatives} is null or holds null
     * @throws InvalidRequestException if there is none
     */
    public static Shortfall anyOf(List<Shortfall> alternatives) {
        List<Shortfall> copy = List.copyOf(Objects.requireNonNull(alternatives, "alternatives must not be null"));
        if (copy.isEmpty()) {
            throw new InvalidRequestException("a shortfall of alternatives needs at least one");
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        StringBuilder sb = new StringBuilder("one of: ");
        for (int i = 0; i < copy.size(); i++) {
            sb.append(i == 0 ? "" : "; or ").append(copy.get(i).text);
        }
        return new Shortfall(Kind.ANY_OF, sb.toString(), null, null, -1, -1, Set.of(), null, copy);
    }

    private static String text(String text) {
        Objects.requireNonNull(text, "text must not be null");
        if (text.isBlank()) {
            throw new InvalidRequestException("the text of a shortfall must not be blank");
        }
        return text;
    }

    /**
     * Returns what kind of condition failed.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the text shown, e.g. {@code "needs tier GOLD, member is SILVER"}.
     *
     * @return the text; never blank
     */
    public String text() {
        return text;
    }

    /**
     * Returns the money threshold of a basket or spend condition.
     *
     * @return the threshold, or empty for other kinds
     */
    public Optional<Money> neededAmount() {
        return Optional.ofNullable(neededAmount);
    }

    /**
     * Returns what the activity had against a money threshold.
     *
     * @return the amount, or empty for other kinds
     */
    public Optional<Money> actualAmount() {
        return Optional.ofNullable(actualAmount);
    }

    /**
     * Returns what is still missing to a money threshold: needed less actual.
     *
     * @return the amount missing, or empty for other kinds or when the currencies differ
     */
    public Optional<Money> missingAmount() {
        if (neededAmount == null || !neededAmount.currency().equals(actualAmount.currency())) {
            return Optional.empty();
        }
        Money missing = neededAmount.minus(actualAmount);
        return Optional.of(missing.isNegative() ? Money.zero(missing.currency()) : missing);
    }

    /**
     * Returns the count a quantity or purchase-count condition needs.
     *
     * @return the count, or empty for other kinds
     */
    public OptionalLong neededUnits() {
        return neededUnits < 0 ? OptionalLong.empty() : OptionalLong.of(neededUnits);
    }

    /**
     * Returns the count the activity had.
     *
     * @return the count, or empty for other kinds
     */
    public OptionalLong actualUnits() {
        return actualUnits < 0 ? OptionalLong.empty() : OptionalLong.of(actualUnits);
    }

    /**
     * Returns the values the condition accepts: stores, channels, tiers, event types, days, a tag.
     *
     * @return the values in the rule's order; empty for other kinds
     */
    public Set<String> neededValues() {
        return neededValues;
    }

    /**
     * Returns the activity's value for a condition on names: its store, channel, type, the member's tier.
     *
     * @return the value, or empty for other kinds and when there is none
     */
    public Optional<String> actualValue() {
        return Optional.ofNullable(actualValue);
    }

    /**
     * Returns why each alternative of a {@link Kind#ANY_OF} failed.
     *
     * @return the alternatives; empty for other kinds
     */
    public List<Shortfall> alternatives() {
        return alternatives;
    }

    /**
     * Returns the share of a threshold still missing, from 0 (met) to 1 (nothing yet), rounded up to
     * four places: how close the activity came. For alternatives, the closest one's.
     *
     * @return the share, or empty when the condition is not a threshold (a store, a tier) or the
     *     currencies differ
     */
    public Optional<BigDecimal> missingShare() {
        if (kind == Kind.ANY_OF) {
            BigDecimal best = null;
            for (Shortfall a : alternatives) {
                Optional<BigDecimal> s = a.missingShare();
                if (s.isPresent() && (best == null || s.get().compareTo(best) < 0)) {
                    best = s.get();
                }
            }
            return Optional.ofNullable(best);
        }
        if (neededAmount != null) {
            Optional<Money> missing = missingAmount();
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(share(missing.get().amount(), neededAmount.amount()));
        }
        if (neededUnits >= 0 && kind == Kind.QUANTITY) {
            return Optional.of(share(BigDecimal.valueOf(Math.max(0, neededUnits - actualUnits)),
                    BigDecimal.valueOf(neededUnits)));
        }
        return Optional.empty();
    }

    private static BigDecimal share(BigDecimal missing, BigDecimal needed) {
        if (needed.signum() == 0) {
            return BigDecimal.ZERO.setScale(SHARE_SCALE);
        }
        return missing.divide(needed, SHARE_SCALE, RoundingMode.CEILING).min(BigDecimal.ONE.setScale(SHARE_SCALE));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shortfall s && kind == s.kind && text.equals(s.text)
                && Objects.equals(neededAmount, s.neededAmount) && Objects.equals(actualAmount, s.actualAmount)
                && neededUnits == s.neededUnits && actualUnits == s.actualUnits && neededValues.equals(s.neededValues)
                && Objects.equals(actualValue, s.actualValue) && alternatives.equals(s.alternatives);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, text, neededAmount, actualAmount, neededUnits, actualUnits, neededValues, actualValue,
                alternatives);
    }

    /**
     * Returns the kind and the text, e.g. {@code "BASKET_TOTAL: basket 27.50 of 30.00 EUR needed"}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return kind + ": " + Inputs.shown(text);
    }
}
