package io.github.loyaltyrules.report;

import io.github.loyaltyrules.ledger.PointCurrency;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outstanding points of one currency as the books stand (after every posting made so far),
 * broken down by when they expire: the points of each open lot, by the month of its own expiry date
 * in the ledger's zone. Lots that have passed their date by {@code asOf} but wait for the expiry
 * sweep are {@code overdue}; lots without a date are {@code neverExpires}. An inactivity policy can
 * end lots sooner than their dates say. All amounts are minor units.
 *
 * <p>A member whose expiry is held ({@link io.github.loyaltyrules.ledger.Ledger#holdExpiry}, e.g.
 * while they hold a status that protects their points) has open lots whose dates do not count while
 * the hold lasts: a lot dated after the hold began expires on no date until the hold is lifted, and
 * the lift gives it a new date (the later of its own and the one counted from the lift). Such lots
 * are {@code expiryHeld}, in no month and not overdue, even if their own date has passed; they are
 * not {@code neverExpires} either, since a lift makes them expire again. A held purse's lots dated at
 * or before the hold began had expired by then and are classified by their dates as usual; its lots
 * without a date are {@code neverExpires}.
 *
 * <p>The parts add up: {@code outstanding = overdue + neverExpires + expiryHeld + } the sum of
 * {@code byExpiryMonth}.
 *
 * @param currency the currency
 * @param asOf the instant the lots are classified at (overdue, pending, the months after it)
 * @param zone the zone the expiry months are counted in
 * @param outstanding what the open lots hold: the sum of every member's balance
 * @param pending the part of it still in a hold period at {@code asOf}
 * @param overdue the part in lots whose expiry date is at or before {@code asOf}
 * @param neverExpires the part in lots without an expiry date
 * @param expiryHeld the part in lots whose expiry is held: dated after the hold of their purse began
 * @param byExpiryMonth the rest, by the month (in {@code zone}) of the lots' expiry dates, after {@code asOf}; no zeros
 * @param holders members with points in an open lot
 * @param debt what members owe from reversals
 *
 * @since 0.1.0
 */
public record LiabilityReport(PointCurrency currency, Instant asOf, ZoneId zone, long outstanding, long pending,
        long overdue, long neverExpires, long expiryHeld, SortedMap<YearMonth, Long> byExpiryMonth, long holders,
        long debt) {

    /**
     * Validates the report and copies the months, in order, into an unmodifiable map.
     *
     * @param currency the currency
     * @param asOf the instant the lots are classified at
     * @param zone the zone the expiry months are counted in
     * @param outstanding what the open lots hold
     * @param pending the part still in a hold period
     * @param overdue the part past its expiry date, waiting for the sweep
     * @param neverExpires the part that never expires
     * @param expiryHeld the part whose expiry is held
     * @param byExpiryMonth the rest by expiry month; positive amounts only
     * @param holders members with points
     * @param debt what members owe
     * @throws NullPointerException if a component or a month is null
     * @throws IllegalArgumentException if an amount or count is negative, or a month's amount is not positive
     * @throws IllegalStateException if the parts do not add up to {@code outstanding}, or more is pending than outstanding
     */
    public LiabilityReport {
        Objects.requireNonNull(currency, "currency must not be null");
        Objects.requireNonNull(asOf, "asOf must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
        Objects.requireNonNull(byExpiryMonth, "byExpiryMonth must not be null");
        if (outstanding < 0 || pending < 0 || overdue < 0 || neverExpires < 0 || expiryHeld < 0
                || holders < 0 || debt < 0) {
            throw new IllegalArgumentException("liability figures of " + currency.code() + " must not be negative");
        }
        TreeMap<YearMonth, Long> months = new TreeMap<>();
        long sum = Math.addExact(Math.addExact(overdue, neverExpires), expiryHeld);
        for (Map.Entry<YearMonth, Long> m : byExpiryMonth.entrySet()) {
            long amount = Objects.requireNonNull(m.getValue(), "amount of a month must not be null");
            if (amount <= 0) {
                throw new IllegalArgumentException("liability of " + currency.code() + " expiring in " + m.getKey()
                        + " must be positive; got " + amount);
            }
            months.put(Objects.requireNonNull(m.getKey(), "month must not be null"), amount);
            sum = Math.addExact(sum, amount);
        }
        byExpiryMonth = Collections.unmodifiableSortedMap(months);
        if (sum != outstanding || pending > outstanding) {
            throw new IllegalStateException("inconsistent liability of " + currency.code() + ": overdue " + overdue
                    + ", never " + neverExpires + ", held " + expiryHeld + " and months " + months + " add up to " + sum
                    + ", not " + outstanding + " (pending " + pending + ")");
        }
    }
}
