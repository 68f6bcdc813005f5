package io.github.loyaltyrules.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What the members did in the program over a period {@code [from, to)}, from the program's records
 * of purchases, events, returns and reward redemptions: how many members were enrolled, active and
 * participating, what they spent, the points their purchases and events were awarded, and the same
 * per store ({@link StoreActivity}). A record belongs to the period if its business time does.
 *
 * <p>An <em>active</em> member has any recorded purchase, event, return or reward redemption in the
 * period; a <em>participating</em> member made at least one purchase. The points of the ledger
 * (earned, redeemed, expired, adjusted, per currency, with the liability) are in
 * {@link ActivityReport}; these are the program's view of the same period.
 *
 * @param from the start of the period, inclusive
 * @param to the end of the period, exclusive
 * @param enrolledMembers members enrolled before {@code to}
 * @param activeMembers members with any recorded activity in the period
 * @param participatingMembers members with a purchase in the period
 * @param purchases purchases recorded in the period
 * @param events non-purchase events recorded in the period
 * @param returns returns recorded in the period
 * @param rewards reward redemptions recorded in the period
 * @param spend the baskets' totals per money currency code, before returns
 * @param earned points awarded to purchases and events, minor units per point currency code
 * @param stores the figures per store, in store id order
 *
 * @since 0.1.0
 */
public record ProgramActivity(Instant from, Instant to, long enrolledMembers, long activeMembers,
        long participatingMembers, long purchases, long events, long returns, long rewards,
        SortedMap<String, BigDecimal> spend, SortedMap<String, Long> earned, List<StoreActivity> stores) {

    /**
     * Validates the figures and copies the maps and the list.
     *
     * @param from the start, inclusive
     * @param to the end, exclusive; after {@code from}
     * @param enrolledMembers members enrolled before {@code to}; not negative
     * @param activeMembers members with activity; not negative
     * @param participatingMembers members with a purchase; not negative, at most {@code activeMembers}
     * @param purchases purchases; not negative
     * @param events events; not negative
     * @param returns returns; not negative
     * @param rewards reward redemptions; not negative
     * @param spend spend per money currency
     * @param earned points awarded per point currency
     * @param stores the figures per store
     * @throws NullPointerException if a component, key, value or store is null
     * @throws IllegalArgumentException if the period is empty, a count is negative, or more members
     *         participate than are active
     */
    public ProgramActivity {
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a report period must end after it starts; got " + from + " to " + to);
        }
        if (enrolledMembers < 0 || activeMembers < 0 || participatingMembers < 0 || purchases < 0 || events < 0
                || returns < 0 || rewards < 0 || participatingMembers > activeMembers) {
            throw new IllegalArgumentException("counts of a period must not be negative, nor its participating members"
                    + " more than its active ones; got " + activeMembers + " active, " + participatingMembers
                    + " participating");
        }
        spend = StoreActivity.copy(spend);
        earned = StoreActivity.copy(earned);
        stores = List.copyOf(stores);
    }

    /**
     * Returns the participation rate: the members who made a purchase in the period over the members
     * enrolled by its end.
     *
     * @return the ratio {@code participatingMembers / enrolledMembers}
     */
    public Ratio participationRate() {
        return Ratio.of(participatingMembers, enrolledMembers);
    }

    /**
     * Returns the average spend per participating member in a money currency: the spend over the
     * members who made a purchase, to the scale of the spend (the cents of a euro basket), rounded
     * half-even.
     *
     * @param currency the money currency code, e.g. {@code "EUR"}
     * @return the average; empty if nothing was spent in that currency
     * @throws NullPointerException if {@code currency} is null
     */
    public Optional<BigDecimal> averageSpend(String currency) {
        BigDecimal sum = spend.get(Objects.requireNonNull(currency, "currency must not be null"));
        if (sum == null || participatingMembers == 0) {
            return Optional.empty();
        }
        return Optional.of(sum.divide(BigDecimal.valueOf(participatingMembers), Math.max(sum.scale(), 0),
                RoundingMode.HALF_EVEN));
    }
}
