package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a purchase: an item, how many, and at what unit price; or a measured good (fuel by the
 * litre, cheese by the kilogram) with its exact decimal quantity, unit and amount
 * ({@link #measured}). A line may carry the tax included in its amount ({@link #withTax},
 * {@link #withTaxRate}) for rule sets earning on a tax-excluded {@link EarningBase}.
 *
 * <p>A measured line counts as one item (its {@link #quantity()} is 1 and its {@link #unitPrice()} is
 * its amount): per-item earning counts it once, per-unit-spent earning counts its amount, and
 * {@code Actions.perMeasure} counts its {@link #measure()}. It is returned as a whole.
 *
 * @param lineId the line's id within the basket, unique there; returns name lines by it
 * @param sku the stock-keeping unit
 * @param category the product category, e.g. "coffee"
 * @param quantity how many units; positive; 1 for a measured line
 * @param unitPrice the price of one unit; not negative; a measured line's amount
 * @param measure the measured quantity, e.g. 42.37 (litres); positive, at most {@value #MAX_MEASURE_SCALE}
 *        decimals and {@value #MAX_MEASURE_DIGITS} digits; null for a counted line
 * @param unit the unit of the measure, e.g. {@code "L"}, {@code "kg"}: 1 to 16 letters; {@code ""} for a
 *        counted line
 * @param tax the tax included in the line amount; from zero to the line amount, in its currency
 *
 * @since 0.1.0
 */
public record BasketLine(String lineId, String sku, String category, long quantity, Money unitPrice,
        BigDecimal measure, String unit, Money tax) {

    /** The most decimals of a measured quantity. */
    public static final int MAX_MEASURE_SCALE = 6;
    /** The most digits of a measured quantity. */
    public static final int MAX_MEASURE_DIGITS = 18;

    private static final java.util.regex.Pattern UNIT = java.util.regex.Pattern.compile("\\p{L}{1,16}");

    /**
     * Returns a counted line without tax, as {@link #of} does.
     *
     * @param lineId the line's id within the basket, unique there
     * @param sku the stock-keeping unit
     * @param category the product category
     * @param quantity how many units; positive
     * @param unitPrice the price of one unit; not negative
     * @throws NullPointerException if a component is null
     * @throws InvalidRequestException if the line id or sku is blank or has control, bidi control or unpaired
     *         surrogate characters
     * @throws InvalidAmountException if the quantity is not positive or the price is negative
     * @throws AmountOverflowException if the line amount would have more than {@value Money#MAX_DIGITS} digits
     *         before the decimal point
     */
    public BasketLine(String lineId, String sku, String category, long quantity, Money unitPrice) {
        this(lineId, sku, category, quantity, unitPrice, null, "",
                unitPrice == null ? null : Money.zero(unitPrice.currency()));
    }

    /**
     * Validates the line.
     *
     * @param lineId the line's id within the basket, unique there; returns name lines by it
     * @param sku the stock-keeping unit
     * @param category the product category, e.g. "coffee"
     * @param quantity how many units; positive
     * @param unitPrice the price of one unit; not negative
     * @param measure the measured quantity, or null for a counted line
     * @param unit the unit of the measure, or {@code ""} for a counted line
     * @param tax the tax included in the line amount
     * @throws NullPointerException if a component other than {@code measure} is null
     * @throws InvalidRequestException if the line id or sku is blank or has control, bidi control or unpaired
     *         surrogate characters, or the unit is not 1 to 16 letters for a measured line and empty for a
     *         counted one
     * @throws InvalidAmountException if the quantity is not positive, the price is negative, the tax is
     *         negative or more than the line amount, or the measure is not positive, has more than
     *         {@value #MAX_MEASURE_SCALE} decimals or {@value #MAX_MEASURE_DIGITS} digits, or belongs to a
     *         line of more than one unit
     * @throws io.github.loyaltyrules.ledger.UnknownCurrencyException if the tax is in another currency
     * @throws AmountOverflowException if the line amount would have more than {@value Money#MAX_DIGITS} digits
     *         before the decimal point
     */
    public BasketLine {
        Objects.requireNonNull(lineId, "line id must not be null");
        Objects.requireNonNull(sku, "sku must not be null");
        Objects.requireNonNull(category, "category must not be null");
        Objects.requireNonNull(unitPrice, "unit price must not be null");
        Objects.requireNonNull(unit, "unit must not be null");
        Objects.requireNonNull(tax, "tax must not be null");
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
        if (measure == null) {
            if (!unit.isEmpty()) {
                throw new InvalidRequestException("line " + Inputs.shown(lineId) + " has a unit but no measure");
            }
        } else {
            measure = measure(lineId, measure, unit);
            if (quantity != 1) {
                throw new InvalidAmountException("measured line " + Inputs.shown(lineId) + " is one item of "
                        + measure.toPlainString() + " " + unit + "; got quantity " + quantity);
            }
        }
        if (!tax.currency().equals(unitPrice.currency())) {
            throw new io.github.loyaltyrules.ledger.UnknownCurrencyException("tax of line " + Inputs.shown(lineId)
                    + " is in " + tax.currency() + " but the line is priced in " + unitPrice.currency());
        }
        if (tax.isNegative() || (!tax.isZero() && tax.compareTo(unitPrice.times(quantity)) > 0)) {
            throw new InvalidAmountException("tax of line " + Inputs.shown(lineId) + " must be from zero to the line"
                    + " amount " + unitPrice.times(quantity) + "; got " + tax);
        }
    }

    private static BigDecimal measure(String lineId, BigDecimal measure, String unit) {
        if (!UNIT.matcher(unit).matches()) {
            throw new InvalidRequestException("unit of measured line " + Inputs.shown(lineId) + " must be 1 to 16"
                    + " letters, e.g. \"L\" or \"kg\"; got '" + Inputs.shown(unit) + "'");
        }
        if (measure.signum() <= 0) {
            throw new InvalidAmountException("measured quantity of line " + Inputs.shown(lineId) + " must be positive;"
                    + " got " + Inputs.shown(measure));
        }
        BigDecimal m = measure.stripTrailingZeros();
        boolean fits = m.scale() <= MAX_MEASURE_SCALE && (long) m.precision() - m.scale() <= MAX_MEASURE_DIGITS;
        if (fits && m.scale() < 0) {
            m = m.setScale(0);
        }
        if (!fits || m.precision() > MAX_MEASURE_DIGITS) {
            throw new InvalidAmountException("measured quantity of line " + Inputs.shown(lineId) + " must have at most "
                    + MAX_MEASURE_SCALE + " decimals and " + MAX_MEASURE_DIGITS + " digits; got "
                    + Inputs.shown(measure));
        }
        return m;
    }

    /**
     * Returns a measured line: an exact decimal quantity in a unit, for the amount charged, e.g.
     * {@code measured("1", "UNL95", "fuel", new BigDecimal("42.37"), "L", Money.of("76.22", "EUR"))}.
     * The amount is what the till charges (unit prices of measured goods often have more decimals than
     * the currency); the line counts as one item.
     *
     * @param lineId the line's id within the basket, unique there
     * @param sku the stock-keeping unit
     * @param category the product category
     * @param quantity the measured quantity; positive, at most {@value #MAX_MEASURE_SCALE} decimals and
     *        {@value #MAX_MEASURE_DIGITS} digits; trailing zeros do not count
     * @param unit the unit: 1 to 16 letters, e.g. {@code "L"}, {@code "kg"}
     * @param amount the amount charged for the line; not negative
     * @return the line
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the line id or sku is blank or has control, bidi control or unpaired
     *         surrogate characters, or the unit is not 1 to 16 letters
     * @throws InvalidAmountException if the quantity is not positive or has too many decimals or digits, or the
     *         amount is negative
     */
    public static BasketLine measured(String lineId, String sku, String category, BigDecimal quantity, String unit,
            Money amount) {
        Objects.requireNonNull(quantity, "measured quantity must not be null");
        Objects.requireNonNull(amount, "amount must not be null");
        return new BasketLine(lineId, sku, category, 1, amount, quantity, unit, Money.zero(amount.currency()));
    }

    /**
     * Returns this line carrying the tax included in its amount.
     *
     * @param includedTax the tax; from zero to the line amount, in the line's currency
     * @return the line with that tax
     * @throws NullPointerException if {@code includedTax} is null
     * @throws InvalidAmountException if the tax is negative or more than the line amount
     * @throws io.github.loyaltyrules.ledger.UnknownCurrencyException if the tax is in another currency
     */
    public BasketLine withTax(Money includedTax) {
        return new BasketLine(lineId, sku, category, quantity, unitPrice, measure, unit,
                Objects.requireNonNull(includedTax, "tax must not be null"));
    }

    /**
     * Returns this line carrying the tax included in its amount at a rate, e.g. 0.20 for 20 %: the
     * amount times {@code rate / (1 + rate)}, rounded half up to the currency's minor unit.
     *
     * @param rate the tax rate as a fraction; from 0 to 10 (1000 %), at most 6 decimals
     * @return the line with that tax
     * @throws NullPointerException if {@code rate} is null
     * @throws InvalidAmountException if the rate is negative, above 10 or has more than 6 decimals
     */
    public BasketLine withTaxRate(BigDecimal rate) {
        Objects.requireNonNull(rate, "tax rate must not be null");
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.TEN) > 0 || rate.stripTrailingZeros().scale() > 6) {
            throw new InvalidAmountException("tax rate of line " + Inputs.shown(lineId) + " must be a fraction from 0"
                    + " to 10 with at most 6 decimals, e.g. 0.20; got " + Inputs.shown(rate));
        }
        Money amount = amount();
        BigDecimal t = amount.amount().multiply(rate).divide(BigDecimal.ONE.add(rate),
                amount.amount().scale(), java.math.RoundingMode.HALF_UP);
        return withTax(Money.of(t, amount.currency()));
    }

    /**
     * Returns whether the line is measured ({@link #measured}) rather than counted.
     *
     * @return true for a measured line
     */
    public boolean isMeasured() {
        return measure != null;
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
