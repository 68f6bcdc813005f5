package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An exact amount of money in a {@link Currency}, such as a purchase total or a line price.
 *
 * <p>The amount is a {@link BigDecimal} kept at the currency's default number of fraction digits
 * (2 for EUR, 0 for JPY). An amount with more digits than the currency has is rejected rather
 * than rounded, so no cent is ever invented or lost. Money may be negative (a refund line). An
 * amount has at most {@value #MAX_DIGITS} digits before the decimal point, far beyond any price or
 * total, so that arithmetic on money stays cheap whatever a caller passes.
 *
 * <p>Instances are immutable.
 *
 * @param amount the amount, at the currency's scale
 * @param currency the currency
 *
 * @since 0.1.0
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    /** Most digits an amount may have before the decimal point. */
    public static final int MAX_DIGITS = 100;

    /** Longest amount text {@link #of(String, String)} reads. */
    public static final int MAX_TEXT = 100;

    /**
     * Validates the amount and brings it to the currency's scale.
     *
     * @param amount the amount
     * @param currency the currency
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount has more decimal places than the currency
     * @throws AmountOverflowException if the amount has more than {@value #MAX_DIGITS} digits before the decimal point
     */
    public Money {
        Checks.notNull(amount, "money amount");
        Checks.notNull(currency, "money currency");
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        // read off the digits and the exponent first: scaling 1E+999999999 would build a billion digits
        if (amount.signum() != 0) {
            BigDecimal a = amount.scale() > digits ? amount.stripTrailingZeros() : amount;
            if (a.scale() > digits) {
                throw new InvalidAmountException("amount of " + currency.getCurrencyCode() + " must have at most "
                        + digits + " decimal places; got " + Inputs.shown(amount));
            }
            if ((long) a.precision() - a.scale() > MAX_DIGITS) {
                throw new AmountOverflowException("amount of " + currency.getCurrencyCode() + " must have at most "
                        + MAX_DIGITS + " digits before the decimal point; got " + Inputs.shown(amount));
            }
        }
        amount = amount.signum() == 0 ? BigDecimal.valueOf(0, digits)
                : amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    /**
     * Returns an amount of money.
     *
     * @param amount the amount
     * @param currency the currency
     * @return the money
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount has more decimal places than the currency
     * @throws AmountOverflowException if the amount has more than {@value #MAX_DIGITS} digits before the decimal point
     */
    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(amount, currency);
    }

    /**
     * Parses an amount such as {@code "12.40"} in the currency with the given ISO 4217 code.
     *
     * @param amount the decimal amount; at most {@value #MAX_TEXT} characters
     * @param currencyCode an ISO 4217 code such as {@code "EUR"}
     * @return the money
     * @throws NullPointerException if an argument is null
     * @throws InvalidAmountException if the amount is longer than {@value #MAX_TEXT} characters, is not a
     *         decimal number or has too many decimal places
     * @throws AmountOverflowException if the amount has more than {@value #MAX_DIGITS} digits before the decimal point
     * @throws UnknownCurrencyException if the code is not an ISO 4217 currency
     */
    public static Money of(String amount, String currencyCode) {
        Checks.notNull(amount, "money amount");
        Checks.notNull(currencyCode, "currency code");
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new UnknownCurrencyException("'" + Inputs.shown(currencyCode) + "' is not an ISO 4217 currency code");
        }
        if (amount.length() > MAX_TEXT) {
            throw new InvalidAmountException("money amount must be at most " + MAX_TEXT + " characters; got "
                    + amount.length() + " characters: '" + Inputs.shown(amount) + "'");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new InvalidAmountException("money amount must be a decimal number such as '12.40'; got '"
                    + Inputs.shown(amount) + "'");
        }
        return new Money(value, currency);
    }

    /**
     * Returns zero in the given currency.
     *
     * @param currency the currency
     * @return zero
     * @throws NullPointerException if {@code currency} is null
     */
    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    /**
     * Returns the sum.
     *
     * @param other money in the same currency
     * @return the sum
     * @throws NullPointerException if {@code other} is null
     * @throws UnknownCurrencyException if the currencies differ
     * @throws AmountOverflowException if the sum has more than {@value #MAX_DIGITS} digits before the decimal point
     */
    public Money plus(Money other) {
        return new Money(amount.add(same(other).amount), currency);
    }

    /**
     * Returns the difference.
     *
     * @param other money in the same currency
     * @return this minus {@code other}
     * @throws NullPointerException if {@code other} is null
     * @throws UnknownCurrencyException if the currencies differ
     * @throws AmountOverflowException if the difference has more than {@value #MAX_DIGITS} digits before the
     *         decimal point
     */
    public Money minus(Money other) {
        return new Money(amount.subtract(same(other).amount), currency);
    }

    /**
     * Returns this amount times a whole quantity.
     *
     * @param quantity the multiplier
     * @return the product
     * @throws AmountOverflowException if the product has more than {@value #MAX_DIGITS} digits before the
     *         decimal point
     */
    public Money times(long quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    /**
     * Tells whether the amount is below zero.
     *
     * @return true if negative
     */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /**
     * Tells whether the amount is zero.
     *
     * @return true if zero
     */
    public boolean isZero() {
        return amount.signum() == 0;
    }

    private Money same(Money other) {
        Checks.notNull(other, "other money");
        if (!currency.equals(other.currency)) {
            throw new UnknownCurrencyException("cannot combine " + this + " with " + other
                    + ": money must be in the same currency");
        }
        return other;
    }

    /**
     * Compares amounts in the same currency.
     *
     * @param other money in the same currency
     * @return negative, zero or positive
     * @throws UnknownCurrencyException if the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        return amount.compareTo(same(other).amount);
    }

    /**
     * Returns the amount with its code, e.g. {@code "12.40 EUR"}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
