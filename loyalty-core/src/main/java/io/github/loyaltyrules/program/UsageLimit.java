package io.github.loyaltyrules.program;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Comparator;
import java.util.Objects;

/**
 * How often a reward may be redeemed, counted in uses: by one member or by all members together,
 * for as long as the reward exists or per period (a calendar month, or a program year starting on
 * 1 October), e.g. "at most 2 per member per month" or "the first 500 redemptions overall".
 *
 * <p>A per-member limit is counted with the member's record in the program store, in the commit
 * that stores the redemption; an overall limit is drawn from the program's
 * {@linkplain LoyaltyProgram.Builder#usageQuotas quotas} under the redemption's key. A period is the
 * one containing the redemption's business date in the ledger's zone.
 *
 * @param scope whose uses are counted
 * @param uses how many uses are allowed; positive
 * @param period the period the uses are counted in; null for as long as the reward exists
 * @param anchor the month and day one period starts on; 1 January for calendar periods, and when
 *        {@code period} is null
 *
 * @since 0.1.0
 */
public record UsageLimit(Scope scope, int uses, CalendarPeriod period, MonthDay anchor) {

    /** Whose uses a limit counts. */
    public enum Scope {
        /** Each member's own uses. */
        PER_MEMBER,
        /** The uses of all members together. */
        OVERALL
    }

    private static final MonthDay CALENDAR = MonthDay.of(1, 1);

    /** The order a reward keeps its limits in: per member first; without a period, then by period; by anchor. */
    static final Comparator<UsageLimit> ORDER = Comparator.comparing(UsageLimit::scope)
            .thenComparingInt(l -> l.period() == null ? -1 : l.period().ordinal())
            .thenComparing(UsageLimit::anchor);

    /**
     * Validates the limit.
     *
     * @param scope whose uses are counted
     * @param uses how many uses are allowed; positive
     * @param period the period, or null for as long as the reward exists
     * @param anchor the month and day one period starts on
     * @throws NullPointerException if {@code scope} or {@code anchor} is null
     * @throws InvalidRequestException if {@code uses} is not positive, or a limit without a period has an
     *         anchor other than 1 January
     */
    public UsageLimit {
        Objects.requireNonNull(scope, "scope of a usage limit must not be null");
        Objects.requireNonNull(anchor, "anchor of a usage limit must not be null");
        if (uses <= 0) {
            throw new InvalidRequestException("a usage limit must allow a positive number of uses; got " + uses);
        }
        if (period == null && !anchor.equals(CALENDAR)) {
            throw new InvalidRequestException("a usage limit without a period has no anchor; got " + anchor);
        }
    }

    /**
     * Returns a limit on each member's uses for as long as the reward exists.
     *
     * @param uses how many; positive
     * @return the limit
     * @throws InvalidRequestException if {@code uses} is not positive
     */
    public static UsageLimit perMember(int uses) {
        return new UsageLimit(Scope.PER_MEMBER, uses, null, CALENDAR);
    }

    /**
     * Returns a limit on each member's uses per calendar period, e.g. 2 per month.
     *
     * @param uses how many per period; positive
     * @param period the period
     * @return the limit
     * @throws NullPointerException if {@code period} is null
     * @throws InvalidRequestException if {@code uses} is not positive
     */
    public static UsageLimit perMember(int uses, CalendarPeriod period) {
        return new UsageLimit(Scope.PER_MEMBER, uses, Objects.requireNonNull(period, "period must not be null"),
                CALENDAR);
    }

    /**
     * Returns a limit on all members' uses together for as long as the reward exists.
     *
     * @param uses how many; positive
     * @return the limit
     * @throws InvalidRequestException if {@code uses} is not positive
     */
    public static UsageLimit overall(int uses) {
        return new UsageLimit(Scope.OVERALL, uses, null, CALENDAR);
    }

    /**
     * Returns a limit on all members' uses together per calendar period, e.g. 100 per month.
     *
     * @param uses how many per period; positive
     * @param period the period
     * @return the limit
     * @throws NullPointerException if {@code period} is null
     * @throws InvalidRequestException if {@code uses} is not positive
     */
    public static UsageLimit overall(int uses, CalendarPeriod period) {
        return new UsageLimit(Scope.OVERALL, uses, Objects.requireNonNull(period, "period must not be null"),
                CALENDAR);
    }

    /**
     * Returns a copy whose periods are anchored on another day, e.g. a program year from 1 October.
     *
     * @param start the month and day one period starts on
     * @return the copy
     * @throws NullPointerException if {@code start} is null
     * @throws InvalidRequestException if the limit has no period
     */
    public UsageLimit startingOn(MonthDay start) {
        return new UsageLimit(scope, uses, period, start);
    }

    /**
     * Returns whether this limit counts the same uses as another (same scope, period and anchor),
     * whatever the number allowed: a reward has at most one limit of each kind.
     *
     * @param other the other limit
     * @return true if both count the same uses
     * @throws NullPointerException if {@code other} is null
     */
    public boolean sameCountAs(UsageLimit other) {
        return scope == other.scope && period == other.period && anchor.equals(other.anchor);
    }

    /**
     * Returns the name of the count a use on a date goes to: empty for a limit without a period, else
     * the period, its anchor and the first day of the period containing the date, e.g.
     * {@code "MONTH --01-01 2026-03-01"}.
     *
     * @param date the business date of the use
     * @return the name of the count
     * @throws NullPointerException if {@code date} is null
     */
    public String countOn(LocalDate date) {
        Objects.requireNonNull(date, "date must not be null");
        return period == null ? "" : period + " " + anchor + " " + period.startOf(date, anchor);
    }

    /**
     * Describes the limit, e.g. {@code "2 per member per MONTH starting --10-01"}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return uses + (scope == Scope.PER_MEMBER ? " per member" : " overall")
                + (period == null ? "" : " per " + period + (anchor.equals(CALENDAR) ? "" : " starting " + anchor));
    }
}
