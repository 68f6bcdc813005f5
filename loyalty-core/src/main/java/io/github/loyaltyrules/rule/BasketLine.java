package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a purchase: an item, how many, and at what unit price.
 *
 * @param lineId the line's id within the basket, unique there; returns name lines by it
 * @param sku the stock-keeping unit
 * @param category the product category, e.g. "coffee"
 * @param quantity how many units; positive
 * @param unitPrice the price of one unit; not negative
 *
 * @since 0.1.0
 */
public record BasketLine(String lineId, String sku, String category, long quantity, Money unitPrice) {

    /**
     * Validates the line.
     *
     * @param lineId the line's id within the basket, unique there; returns name lines by it
     * @param sku the stock-keeping unit
     * @param category the product category, e.g. "coffee"
     * @param quantity how many units; positive
     * @param unitPrice the price of one unit; not negative
     * @throws NullPointerException if a component is null
     * @throws InvalidRequestException if the line id or sku is blank or has control, bidi control or unpaired
     *         surrogate characters
     * @throws InvalidAmountException if the quantity is not positive or the price is negative
     * @throws AmountOverflowException if the line amount would have more than {@value Money#MAX_DIGITS} digits
     *         before the decimal point
     */
    public BasketLine {
        Objects.requireNonNull(lineId, "line id must not be null");
        Objects.requireNonNull(sku, "sku must not be null");
        Objects.requireNonNull(category, "category must not be null");
        Objects.requireNonNull(unitPrice, "unit price must not be null");
        if (lineId.isBlank() || sku.isBlank()) {
            throw new InvalidRequestException("basket line id and sku must not be blank; got line '"
                    + Inputs.shown(lineId) + "', sku '" + Inputs.shown(sku) + "'");
        }
        safeText(lineId, "line id");
        safeText(sku, "sku");
        if (quantity <= 0) {
            throw new InvalidAmountException("quantity of line " + Inputs.shown(lineId) + " (" + Inputs.shown(sku)
                    + ") must be positive; got " + quantity);
        }
        if (unitPrice.isNegative()) {
            throw new InvalidAmountException("unit price of line " + Inputs.shown(lineId) + " (" + Inputs.shown(sku)
                    + ") must not be negative; got " + unitPrice);
        }
        BigDecimal price = unitPrice.amount();
        if ((long) price.precision() - price.scale() + 19 > Money.MAX_DIGITS) { // a price of over 80 digits
            try {
                unitPrice.times(quantity);
            } catch (AmountOverflowException e) {
                throw new AmountOverflowException("amount of line " + Inputs.shown(lineId) + ", " + quantity + " x "
                        + Inputs.shown(price) + " " + unitPrice.currency().getCurrencyCode() + ", has more than "
                        + Money.MAX_DIGITS + " digits before the decimal point");
            }
        }
    }

    private static void safeText(String value, String name) {
        String unsafe = Inputs.unsafeCharacter(value);
        if (unsafe != null) {
            throw new InvalidRequestException("basket " + name + " must not contain control, bidi control or unpaired"
                    + " surrogate characters; got " + unsafe);
        }
    }

    /**
     * Returns a line.
     *
     * @param lineId the line id
     * @param sku the SKU
     * @param category the category
     * @param quantity the quantity; positive
     * @param unitPrice the unit price; not negative
     * @return the line
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the line id or sku is blank or has control, bidi control or unpaired
     *         surrogate characters
     * @throws InvalidAmountException if the quantity is not positive or the price is negative
     * @throws AmountOverflowException if the line amount would have more than {@value Money#MAX_DIGITS} digits
     *         before the decimal point
     */
    public static BasketLine of(String lineId, String sku, String category, long quantity, Money unitPrice) {
        return new BasketLine(lineId, sku, category, quantity, unitPrice);
    }

    /**
     * Returns the line amount: unit price times quantity.
     *
     * @return the exact amount
     */
    public Money amount() {
        return unitPrice.times(quantity);
    }
}
