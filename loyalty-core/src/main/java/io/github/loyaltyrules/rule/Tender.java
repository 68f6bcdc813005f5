package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How part of a purchase was paid: a payment method, e.g. {@code "STORECARD"}, {@code "CASH"}, and the
 * amount paid with it. Methods are compared as written in upper case: {@code "storecard"} and
 * {@code "STORECARD"} are the same method.
 *
 * @param method the payment method: 1 to 64 letters, digits, {@code _} or {@code -}, in upper case
 * @param amount the amount paid with it; positive
 *
 * @since 0.1.0
 */
public record Tender(String method, Money amount) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Validates the tender and brings the method to upper case.
     *
     * @param method the payment method: 1 to 64 letters, digits, {@code _} or {@code -}
     * @param amount the amount paid with it; positive
     * @throws NullPointerException if a component is null
     * @throws InvalidRequestException if the method is not 1 to 64 letters, digits, {@code _} or {@code -}
     * @throws InvalidAmountException if the amount is not positive
     */
    public Tender {
        method = name(method, "tender method");
        Objects.requireNonNull(amount, "tender amount must not be null");
        if (amount.isNegative() || amount.isZero()) {
            throw new InvalidAmountException("tender " + method + " must pay a positive amount; got " + amount);
        }
    }

    /**
     * Returns a tender.
     *
     * @param method the payment method, e.g. {@code "STORECARD"}
     * @param amount the amount paid with it; positive
     * @return the tender
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the method is not 1 to 64 letters, digits, {@code _} or {@code -}
     * @throws InvalidAmountException if the amount is not positive
     */
    public static Tender of(String method, Money amount) {
        return new Tender(method, amount);
    }

    /**
     * Checks a tender method or purchase code and brings it to upper case.
     *
     * @param value the method or code
     * @param what what it is, for the message
     * @return the value in upper case
     */
    static String name(String value, String what) {
        Objects.requireNonNull(value, what + " must not be null");
        if (!NAME.matcher(value).matches()) {
            throw new InvalidRequestException(what + " '" + Inputs.shown(value) + "' must be 1 to 64 letters, digits,"
                    + " '_' or '-'");
        }
        return value.toUpperCase(java.util.Locale.ROOT);
    }
}
