package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.internal.BasketLines;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A purchase: the basket, where it was made and through which channel; optionally how it was paid
 * ({@link #tenders()}), the promotion or coupon codes applied ({@link #codes()}), its discounts
 * ({@link #discounts()}) and counts it brings to the member's tier counters ({@link #counters()}: the nights
 * of a stay, the segments of a flight), recorded with the purchase rather than by a second call.
 *
 * <p>Line amounts and {@link #total()} are before discounts; {@link #baseAmounts(EarningBase)} takes
 * discounts and tax off as a rule set's earning base declares. Tenders are facts about the payment that
 * rules may condition on; they are not checked against the amount due (a till may round cash, a gift card
 * may pay outside the basket), and a return keeps them as paid.
 *
 * @param lines the basket lines; at least one, unique line ids, one money currency
 * @param store the store or location id
 * @param channel the sales channel, e.g. "pos", "web", "app"
 * @param tenders the payment methods and amounts, in the basket's currency; may be empty
 * @param codes the codes applied, in upper case (see {@link Tender} for their form); may be empty
 * @param discounts the discounts, in the basket's currency, each off a line of the basket or the order
 * @param counters what the purchase adds to custom tier counters, by counter name (see
 *        {@code Metric.counter}); may be empty
 *
 * @since 0.1.0
 */
public record Purchase(List<BasketLine> lines, String store, String channel, List<Tender> tenders, Set<String> codes,
        List<Discount> discounts, Map<String, Long> counters) implements Activity {

    /** The event type of every purchase. */
    public static final String TYPE = "purchase";

    /** The most tenders, and the most codes, a purchase may carry. */
    public static final int MAX_TENDERS_OR_CODES = 64;

    /** The most counters a purchase may carry. */
    public static final int MAX_COUNTERS = 16;

    /** A counter's name, as a tier ladder's custom counter names it. */
    private static final java.util.regex.Pattern COUNTER = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /**
     * Returns a purchase without counters.
     *
     * @param lines the basket lines; at least one, unique line ids, one money currency
     * @param store the store or location id
     * @param channel the sales channel, e.g. "pos", "web", "app"
     * @param tenders the payment methods and amounts
     * @param codes the codes applied: 1 to 64 letters, digits, {@code _} or {@code -}; kept in upper case
     * @param discounts the discounts
     * @throws NullPointerException if a component, line, tender, code or discount is null
     * @throws InvalidRequestException if there are no lines, two share an id, a code is malformed, a discount
     *         names a line the basket does not have, or there are more than {@value #MAX_TENDERS_OR_CODES} tenders
     *         or codes
     * @throws UnknownCurrencyException if lines, tenders or discounts are in different currencies
     * @throws io.github.loyaltyrules.ledger.InvalidAmountException if the discounts off a line come to more than
     *         its amount, or all discounts to more than the basket total
     * @throws AmountOverflowException if the total would have more than {@value Money#MAX_DIGITS} digits before
     *         the decimal point
     */
    public Purchase(List<BasketLine> lines, String store, String channel, List<Tender> tenders, Set<String> codes,
            List<Discount> discounts) {
        this(lines, store, channel, tenders, codes, discounts, Map.of());
    }

    /**
     * Returns a purchase without tenders, codes or discounts.
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
    public Purchase(List<BasketLine> lines, String store, String channel) {
        this(lines, store, channel, List.of(), Set.of(), List.of(), Map.of());
    }

    /**
     * Validates the purchase and makes its lists unmodifiable.
     *
     * @param lines the basket lines; at least one, unique line ids, one money currency
     * @param store the store or location id
     * @param channel the sales channel, e.g. "pos", "web", "app"
     * @param tenders the payment methods and amounts
     * @param codes the codes applied: 1 to 64 letters, digits, {@code _} or {@code -}; kept in upper case
     * @param discounts the discounts
     * @param counters what the purchase adds to custom tier counters: at most {@value #MAX_COUNTERS}, each
     *        named as {@code Metric.counter} names one (1 to 32 characters: a lower-case letter, then lower-case
     *        letters, digits, {@code _} or {@code -}) with a positive count
     * @throws NullPointerException if a component, line, tender, code, discount, counter name or count is null
     * @throws InvalidRequestException if there are no lines, two share an id, a code is malformed, a discount
     *         names a line the basket does not have, there are more than {@value #MAX_TENDERS_OR_CODES} tenders
     *         or codes or more than {@value #MAX_COUNTERS} counters, or a counter is malformed or not positive
     * @throws UnknownCurrencyException if lines, tenders or discounts are in different currencies
     * @throws io.github.loyaltyrules.ledger.InvalidAmountException if the discounts off a line come to more than
     *         its amount, or all discounts to more than the basket total
     * @throws AmountOverflowException if the total would have more than {@value Money#MAX_DIGITS} digits before
     *         the decimal point
     */
    public Purchase {
        Objects.requireNonNull(tenders, "tenders must not be null");
        Objects.requireNonNull(counters, "counters must not be null");
        Objects.requireNonNull(codes, "codes must not be null");
        Objects.requireNonNull(discounts, "discounts must not be null");
        Objects.requireNonNull(lines, "lines must not be null");
        Objects.requireNonNull(store, "store must not be null");
        Objects.requireNonNull(channel, "channel must not be null");
        lines = BasketLines.copyOf(lines); // immutable, with the line amounts read into minor units once
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
        java.util.Currency currency = lines.get(0).unitPrice().currency();
        if (tenders.size() > MAX_TENDERS_OR_CODES || codes.size() > MAX_TENDERS_OR_CODES) {
            throw new InvalidRequestException("a purchase carries at most " + MAX_TENDERS_OR_CODES + " tenders and "
                    + MAX_TENDERS_OR_CODES + " codes; got " + tenders.size() + " and " + codes.size());
        }
        tenders = List.copyOf(tenders);
        for (Tender t : tenders) {
            if (!t.amount().currency().equals(currency)) {
                throw new UnknownCurrencyException("tender " + t.method() + " pays in " + t.amount().currency()
                        + " but the basket is priced in " + currency);
            }
        }
        if (codes.isEmpty()) {
            codes = Set.of(); // the common case: no set to build
        } else {
            Set<String> upper = new java.util.TreeSet<>();
            for (String code : codes) {
                upper.add(Tender.name(code, "purchase code"));
            }
            codes = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(upper));
        }
        discounts = List.copyOf(discounts);
        checkDiscounts(lines, discounts, currency);
        counters = counters.isEmpty() ? Map.of() : checkCounters(counters);
    }

    /** The counters in name order, checked. */
    private static Map<String, Long> checkCounters(Map<String, Long> counters) {
        if (counters.size() > MAX_COUNTERS) {
            throw new InvalidRequestException("a purchase carries at most " + MAX_COUNTERS + " counters; got "
                    + counters.size());
        }
        java.util.TreeMap<String, Long> sorted = new java.util.TreeMap<>();
        for (Map.Entry<String, Long> c : counters.entrySet()) {
            String name = Objects.requireNonNull(c.getKey(), "counter name must not be null");
            Long count = Objects.requireNonNull(c.getValue(), "count of counter " + Inputs.shown(name)
                    + " must not be null");
            if (!COUNTER.matcher(name).matches()) {
                throw new InvalidRequestException("counter name must be 1 to 32 characters: a lower-case letter, then "
                        + "lower-case letters, digits, '_' or '-'; got '" + Inputs.shown(name) + "'");
            }
            if (count <= 0) {
                throw new InvalidRequestException("count of counter " + name + " must be positive; got " + count);
            }
            sorted.put(name, count);
        }
        return java.util.Collections.unmodifiableMap(sorted);
    }

    private static void checkDiscounts(List<BasketLine> lines, List<Discount> discounts, java.util.Currency currency) {
        if (discounts.isEmpty()) {
            return;
        }
        java.util.Map<String, Money> off = new java.util.HashMap<>();
        Money order = Money.zero(currency);
        for (Discount d : discounts) {
            if (!d.amount().currency().equals(currency)) {
                throw new UnknownCurrencyException("discount of " + d.amount() + " is not in the basket's currency "
                        + currency);
            }
            if (d.orderLevel()) {
                order = order.plus(d.amount());
            } else {
                off.merge(d.lineId(), d.amount(), Money::plus);
            }
        }
        Money left = Money.zero(currency);
        for (BasketLine line : lines) {
            Money amount = line.amount();
            Money taken = off.remove(line.lineId());
            if (taken != null && taken.compareTo(amount) > 0) {
                throw new io.github.loyaltyrules.ledger.InvalidAmountException("discounts off line "
                        + Inputs.shown(line.lineId()) + " come to " + taken + ", more than its amount " + amount);
            }
            left = left.plus(taken == null ? amount : amount.minus(taken));
        }
        if (!off.isEmpty()) {
            throw new InvalidRequestException("a discount is off line '" + Inputs.shown(off.keySet().iterator().next())
                    + "', which the basket does not have");
        }
        if (order.compareTo(left) > 0) {
            throw new io.github.loyaltyrules.ledger.InvalidAmountException("order discounts of " + order
                    + " are more than the basket's " + left + " after line discounts");
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

    /**
     * Returns this purchase paid with the given tenders (replacing any it had).
     *
     * @param paid the payment methods and amounts, in the basket's currency
     * @return the purchase
     * @throws NullPointerException if a tender is null
     * @throws UnknownCurrencyException if a tender is in another currency
     */
    public Purchase withTenders(Tender... paid) {
        return new Purchase(lines, store, channel, List.of(paid), codes, discounts, counters);
    }

    /**
     * Returns this purchase with the given codes applied (replacing any it had).
     *
     * @param applied the codes, e.g. {@code "SPRING10"}: 1 to 64 letters, digits, {@code _} or {@code -}
     * @return the purchase
     * @throws NullPointerException if a code is null
     * @throws InvalidRequestException if a code is malformed
     */
    public Purchase withCodes(String... applied) {
        return new Purchase(lines, store, channel, tenders, new java.util.LinkedHashSet<>(List.of(applied)),
                discounts, counters);
    }

    /**
     * Returns this purchase with the given discounts (replacing any it had).
     *
     * @param taken the discounts, in the basket's currency
     * @return the purchase
     * @throws NullPointerException if a discount is null
     * @throws InvalidRequestException if a discount names a line the basket does not have
     * @throws UnknownCurrencyException if a discount is in another currency
     * @throws io.github.loyaltyrules.ledger.InvalidAmountException if the discounts come to more than a line
     *         amount or the basket total
     */
    public Purchase withDiscounts(Discount... taken) {
        return new Purchase(lines, store, channel, tenders, codes, List.of(taken), counters);
    }

    /**
     * Returns this purchase with what it adds to custom tier counters (replacing any it had): a hotel stay's
     * {@code Map.of("nights", 3L)}, a flight's {@code Map.of("segments", 2L)}. The program records them with
     * the purchase, under its key, for every counter its tier ladder tracks ({@code Metric.counter}); a
     * return of the whole purchase takes them back.
     *
     * @param added the counts by counter name: at most {@value #MAX_COUNTERS}, each positive
     * @return the purchase
     * @throws NullPointerException if the map, a name or a count is null
     * @throws InvalidRequestException if a name is malformed, a count is not positive, or there are too many
     */
    public Purchase withCounters(Map<String, Long> added) {
        return new Purchase(lines, store, channel, tenders, codes, discounts, added);
    }

    /**
     * Returns the amount paid with a method: the sum of its tenders, zero if none.
     *
     * @param method the payment method, in any case
     * @return the amount, in the basket's currency
     * @throws NullPointerException if {@code method} is null
     */
    public Money paidWith(String method) {
        Objects.requireNonNull(method, "tender method must not be null");
        Money sum = Money.zero(lines.get(0).unitPrice().currency());
        for (Tender t : tenders) {
            if (t.method().equalsIgnoreCase(method)) {
                sum = sum.plus(t.amount());
            }
        }
        return sum;
    }

    /**
     * Returns each line's amount on an earning base, in line order: the line amount, less (for a net base)
     * the discounts off the line and its share of the order-level discounts, less (for a tax-excluded base)
     * the tax in what is left: the line's tax in proportion to what is left of its amount, so the amount
     * left times {@code (amount - tax) / amount}, rounded down to the minor unit (without discounts, exactly
     * the amount less its tax). Never below zero. Order-level discounts are shared out pro rata by the line amounts after
     * line discounts, in whole minor units, the remainder one minor unit at a time to the lines with the
     * largest remainders (the first such line on a tie): the shares add up exactly to the discount.
     *
     * @param base the earning base
     * @return the amounts, one per line
     * @throws NullPointerException if {@code base} is null
     */
    public List<Money> baseAmounts(EarningBase base) {
        Objects.requireNonNull(base, "earning base must not be null");
        java.util.Currency currency = lines.get(0).unitPrice().currency();
        int n = lines.size();
        BigDecimal[] out = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            out[i] = lines.get(i).amount().amount();
        }
        if (base.netOfDiscounts() && !discounts.isEmpty()) {
            BigDecimal order = BigDecimal.ZERO;
            java.util.Map<String, Integer> at = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                at.put(lines.get(i).lineId(), i);
            }
            for (Discount d : discounts) {
                if (d.orderLevel()) {
                    order = order.add(d.amount().amount());
                } else {
                    int i = at.get(d.lineId()); // checked: every line discount names a line of the basket
                    out[i] = out[i].subtract(d.amount().amount());
                }
            }
            if (order.signum() > 0) {
                shareOut(out, order);
            }
        }
        List<Money> amounts = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BigDecimal a = out[i];
            BasketLine line = lines.get(i);
            if (base.excludingTax() && !line.tax().isZero()) {
                // the tax in what is left of the line: its tax in proportion, so the untaxed part is
                // left * (amount - tax) / amount, rounded down to the minor unit (exact without discounts)
                BigDecimal amount = line.amount().amount();
                a = a.multiply(amount.subtract(line.tax().amount())).divide(amount, a.scale(), RoundingMode.FLOOR);
            }
            amounts.add(Money.of(a, currency));
        }
        return amounts;
    }

    /** Takes {@code order} off the amounts pro rata, exactly in minor units (largest remainders). */
    private static void shareOut(BigDecimal[] amounts, BigDecimal order) {
        int scale = order.scale();
        for (BigDecimal a : amounts) {
            scale = Math.max(scale, a.scale());
        }
        java.math.BigInteger total = java.math.BigInteger.ZERO;
        java.math.BigInteger[] w = new java.math.BigInteger[amounts.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = amounts[i].movePointRight(scale).toBigIntegerExact();
            total = total.add(w[i]);
        }
        java.math.BigInteger d = order.movePointRight(scale).toBigIntegerExact();
        java.math.BigInteger[] part = new java.math.BigInteger[w.length];
        java.math.BigInteger[] rest = new java.math.BigInteger[w.length];
        java.math.BigInteger left = d;
        for (int i = 0; i < w.length; i++) {
            java.math.BigInteger[] qr = d.multiply(w[i]).divideAndRemainder(total);
            part[i] = qr[0];
            rest[i] = qr[1];
            left = left.subtract(qr[0]);
        }
        while (left.signum() > 0) { // fewer than the number of lines
            int best = -1;
            for (int i = 0; i < w.length; i++) {
                if (rest[i].signum() > 0 && (best < 0 || rest[i].compareTo(rest[best]) > 0)) {
                    best = i;
                }
            }
            part[best] = part[best].add(java.math.BigInteger.ONE);
            rest[best] = java.math.BigInteger.ZERO;
            left = left.subtract(java.math.BigInteger.ONE);
        }
        for (int i = 0; i < w.length; i++) {
            amounts[i] = amounts[i].subtract(new BigDecimal(part[i], scale));
        }
    }

    /**
     * Returns the basket total on an earning base: the sum of {@link #baseAmounts(EarningBase)}.
     *
     * @param base the earning base
     * @return the total
     * @throws NullPointerException if {@code base} is null
     */
    public Money total(EarningBase base) {
        if (base == EarningBase.GROSS) {
            return total();
        }
        Money sum = Money.zero(lines.get(0).unitPrice().currency());
        for (Money m : baseAmounts(base)) {
            sum = sum.plus(m);
        }
        return sum;
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
