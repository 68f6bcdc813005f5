package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.util.Objects;

/**
 * A discount on a purchase: off one line, or off the whole order. Line amounts and the basket total are
 * before discounts (gross); a rule set earning on the net amount ({@link EarningBase#netOfDiscounts()})
 * takes them off. An order-level discount is shared out over the lines pro rata by what each line
 * costs after its own discounts, exactly in minor units (see {@link Purchase#baseAmounts(EarningBase)}).
 *
 * @param lineId the id of the discounted line, or {@code ""} for a discount off the whole order
 * @param amount the amount taken off; positive
 *
 * @since 0.1.0
 */
public record Discount(String lineId, Money amount) {

    /**
     * Validates the discount.
     *
     * @param lineId the id of the discounted line, or {@code ""} for a discount off the whole order
     * @param amount the amount taken off; positive
     * @throws NullPointerException if a component is null
     * @throws InvalidRequestException if the line id is blank but not empty
     * @throws InvalidAmountException if the amount is not positive
     */
    public Discount {
        Objects.requireNonNull(lineId, "discount line id must not be null");
        Objects.requireNonNull(amount, "discount amount must not be null");
        if (!lineId.isEmpty() && lineId.isBlank()) {
            throw new InvalidRequestException("discount line id must not be blank; write \"\" for the whole order");
        }
        if (amount.isNegative() || amount.isZero()) {
            throw new InvalidAmountException("discount " + (lineId.isEmpty() ? "off the order" : "off line '"
                    + Inputs.shown(lineId) + "'") + " must be positive; got " + amount);
        }
    }

    /**
     * Returns a discount off the whole order.
     *
     * @param amount the amount taken off; positive
     * @return the discount
     * @throws NullPointerException if {@code amount} is null
     * @throws InvalidAmountException if the amount is not positive
     */
    public static Discount order(Money amount) {
        return new Discount("", amount);
    }

    /**
     * Returns a discount off one line.
     *
     * @param lineId the line's id
     * @param amount the amount taken off; positive, at most the line amount
     * @return the discount
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if the line id is blank
     * @throws InvalidAmountException if the amount is not positive
     */
    public static Discount line(String lineId, Money amount) {
        Objects.requireNonNull(lineId, "discount line id must not be null");
        if (lineId.isBlank()) {
            throw new InvalidRequestException("discount line id must not be blank; use Discount.order for the order");
        }
        return new Discount(lineId, amount);
    }

    /**
     * Returns whether the discount is off the whole order.
     *
     * @return true for an order-level discount
     */
    public boolean orderLevel() {
        return lineId.isEmpty();
    }
}
