package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A purchase: the basket, where it was made and through which channel.
 *
 * @param lines the basket lines; at least one, unique line ids, one money currency
 * @param store the store or location id
 * @param channel the sales channel, e.g. "pos", "web", "app"
 *
 * @since 0.1.0
 */
public record Purchase(List<BasketLine> lines, String store, String channel) implements Activity {

    /** The event type of every purchase. */
    public static final String TYPE = "purchase";

    /**
     * Validates the purchase and makes its line list unmodifiable.
     *
     * @param lines the basket lines; at least one, unique line ids, one money currency
     * @param store the store or location id
     * @param channel the sales channel, e.g. "pos", "web", "app"
     * @throws NullPointerException if a component or line is null
     * @throws InvalidRequestException if there are no lines or two share an id
     * @throws UnknownCurrencyException if lines are priced in different currencies
     * @throws AmountOverflowException if the total would have more than {@value Money#MAX_DIGITS} digits before
     *         the decimal point
     */
    public Purchase {
        Objects.requireNonNull(lines, "lines must not be null");
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(channel, "channel must not be null");
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new InvalidRequestException("a purchase needs at least one basket line");
        }
        Set<String> ids = new HashSet<>();
        long digits = 0;
        for (BasketLine line : lines) {
            BigDecimal price = line.unitPrice().amount();
            digits = Math.max(digits, (long) price.precision() - price.scale());
            if (!ids.add(line.lineId())) {
                throw new InvalidRequestException("basket line id '" + Inputs.shown(line.lineId())
                        + "' appears twice; line ids must be"
                        + " unique within a purchase");
            }
            if (!line.unitPrice().currency().equals(lines.get(0).unitPrice().currency())) {
                throw new UnknownCurrencyException("basket mixes " + lines.get(0).unitPrice().currency() + " and "
                        + line.unitPrice().currency() + "; a purchase is priced in one currency");
            }
        }
        if (digits + 19 + 10 > Money.MAX_DIGITS) { // up to 2^31 lines of up to a long of units: add them up
            Money sum = Money.zero(lines.get(0).unitPrice().currency());
            for (BasketLine line : lines) {
                try {
                    sum = sum.plus(line.amount());
                } catch (AmountOverflowException e) {
                    throw new AmountOverflowException("basket total would have more than " + Money.MAX_DIGITS
                            + " digits before the decimal point at line " + Inputs.shown(line.lineId()));
                }
            }
        }
    }

    /**
     * Returns a purchase.
     *
     * @param store the store id
     * @param channel the channel
     * @param lines the lines
     * @return the purchase
     * @throws NullPointerException if an argument is null
     * @throws InvalidRequestException if there are no lines or two share an id
     * @throws UnknownCurrencyException if lines are priced in different currencies
     * @throws AmountOverflowException if the total would have more than {@value Money#MAX_DIGITS} digits before
     *         the decimal point
     */
    public static Purchase of(String store, String channel, List<BasketLine> lines) {
        return new Purchase(lines, store, channel);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * Returns the basket total.
     *
     * @return the sum of the line amounts
     */
    public Money total() {
        Money sum = Money.zero(lines.get(0).unitPrice().currency());
        for (BasketLine line : lines) {
            sum = sum.plus(line.amount());
        }
        return sum;
    }
}
