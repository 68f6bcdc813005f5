package io.github.loyaltyrules.expiry;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * When points of one currency expire: never, a fixed term after earning, or at the end of a
 * period after earning (a calendar month, quarter, half year or year, or one anchored on another
 * day, such as a program year starting on 1 October); optionally combined with inactivity expiry,
 * where all points lapse after a stated time without qualifying activity.
 *
 * <p>All dates are computed in the program's time zone. Points expire at the start of the day
 * after their last valid day, so "6 months" means: usable through the whole day six months after
 * earning (31 January plus one month is 28 or 29 February, as {@link LocalDate#plus} clamps it).
 * When both a lot expiry and inactivity apply, the earlier date wins.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ExpiryPolicy {

    private enum Kind { NEVER, TERM, END_OF_PERIOD }

    private static final ExpiryPolicy NEVER = new ExpiryPolicy(Kind.NEVER, null, null, null, 0, null);

    private final Kind kind;
    private final Period term;
    private final CalendarPeriod period;
    private final MonthDay anchor;
    private final int periodsAfter;
    private final Period inactivity;

    private ExpiryPolicy(Kind kind, Period term, CalendarPeriod period, MonthDay anchor, int periodsAfter,
            Period inactivity) {
        this.kind = kind;
        this.term = term;
        this.period = period;
        this.anchor = anchor;
        this.periodsAfter = periodsAfter;
        this.inactivity = inactivity;
    }

    /**
     * Returns the policy under which points never expire.
     *
     * @return the never-expire policy
     */
    public static ExpiryPolicy never() {
        return NEVER;
    }

    /**
     * Returns a policy under which points expire a fixed term after the day they were earned,
     * at the end of that day, e.g. {@code afterTerm(Period.ofMonths(6))}.
     *
     * @param term the term; positive in every unit, at most 1200 years
     * @return the policy
     * @throws NullPointerException if {@code term} is null
     * @throws InvalidRequestException if the term is zero, has a negative unit or is longer than 1200 years
     */
    public static ExpiryPolicy afterTerm(Period term) {
        return new ExpiryPolicy(Kind.TERM, requirePositive(term, "expiry term"), null, null, 0, null);
    }

    /**
     * Returns a policy under which points expire at the end of a calendar period after the one
     * they were earned in. {@code endOfPeriod(QUARTER, 0)} is the end of the quarter of earning,
     * {@code endOfPeriod(QUARTER, 2)} "the end of the quarter after next", and
     * {@code endOfPeriod(YEAR, 2)} "31 December of the third year".
     *
     * @param period the calendar period
     * @param periodsAfter how many whole periods after the period of earning; 0 to 1200
     * @return the policy
     * @throws NullPointerException if {@code period} is null
     * @throws InvalidRequestException if {@code periodsAfter} is negative or above 1200
     */
    public static ExpiryPolicy endOfPeriod(CalendarPeriod period, int periodsAfter) {
        return endOfPeriod(period, CalendarPeriod.CALENDAR, periodsAfter);
    }

    /**
     * Returns a policy under which points expire at the end of a period anchored on a day of the
     * year, {@code periodsAfter} whole periods after the one they were earned in: "points expire at
     * the end of the program year after the one they were earned in, program years starting on
     * 1 October" is {@code endOfPeriod(YEAR, MonthDay.of(10, 1), 1)}: points earned on 15 March 2026
     * (program year from 1 October 2025) are usable through 30 September 2027. Quarters, half years
     * and months are anchored the same way (see {@link CalendarPeriod#startOf(LocalDate, MonthDay)},
     * which also says what an anchor on 29 February or the 31st means in shorter months). An anchor
     * on 1 January gives the calendar periods of {@link #endOfPeriod(CalendarPeriod, int)}.
     *
     * @param period the kind of period
     * @param anchor the month and day on which one of the periods starts, e.g. {@code --10-01}
     * @param periodsAfter how many whole periods after the period of earning; 0 to 1200
     * @return the policy
     * @throws NullPointerException if {@code period} or {@code anchor} is null
     * @throws InvalidRequestException if {@code periodsAfter} is negative or above 1200
     */
    public static ExpiryPolicy endOfPeriod(CalendarPeriod period, MonthDay anchor, int periodsAfter) {
        Objects.requireNonNull(period, "calendar period must not be null");
        Objects.requireNonNull(anchor, "period anchor must not be null");
        if (periodsAfter < 0 || periodsAfter > 1200) {
            throw new InvalidRequestException("periods after earning must be between 0 and 1200; got "
                    + periodsAfter);
        }
        return new ExpiryPolicy(Kind.END_OF_PERIOD, null, period, anchor, periodsAfter, null);
    }

    /**
     * Returns a copy of this policy that also expires all of a member's points in the currency
     * once {@code period} has passed since their last qualifying activity (at the end of that day).
     *
     * @param period the inactivity period; positive in every unit, at most 1200 years
     * @return the combined policy
     * @throws NullPointerException if {@code period} is null
     * @throws InvalidRequestException if the period is zero, has a negative unit or is longer than 1200 years
     */
    public ExpiryPolicy withInactivity(Period period) {
        return new ExpiryPolicy(kind, term, this.period, anchor, periodsAfter,
                requirePositive(period, "inactivity period"));
    }

    /**
     * Returns the inactivity period, if this policy has one.
     *
     * @return the inactivity period, or empty
     */
    public Optional<Period> inactivity() {
        return Optional.ofNullable(inactivity);
    }

    /**
     * Returns the instant at which a lot earned at {@code earnedAt} expires under the lot part of
     * this policy, ignoring inactivity.
     *
     * @param earnedAt the business time of earning
     * @param zone the program's time zone
     * @return the expiry instant, or empty if the lot never expires
     * @throws NullPointerException if an argument is null
     */
    public Optional<Instant> lotExpiry(Instant earnedAt, ZoneId zone) {
        Objects.requireNonNull(earnedAt, "earnedAt must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
        if (kind == Kind.NEVER) {
            return Optional.empty(); // before any zone arithmetic, which shows in every earn's profile
        }
        LocalDate earned = LocalDate.ofInstant(earnedAt, zone);
        switch (kind) {
            case TERM:
                return Optional.of(startOfDayAfter(earned.plus(term), zone));
            case END_OF_PERIOD:
                LocalDate nextStart = period.plusPeriods(period.startOf(earned, anchor), anchor, periodsAfter + 1L);
                return Optional.of(nextStart.atStartOfDay(zone).toInstant()); // the first instant of that day
            default:
                return Optional.empty();
        }
    }

    /**
     * Returns the instant at which all points lapse for a member whose last qualifying activity
     * was at {@code lastActivity}.
     *
     * @param lastActivity the business time of the last qualifying activity
     * @param zone the program's time zone
     * @return the lapse instant, or empty if this policy has no inactivity rule
     * @throws NullPointerException if an argument is null
     */
    public Optional<Instant> inactivityDeadline(Instant lastActivity, ZoneId zone) {
        Objects.requireNonNull(lastActivity, "lastActivity must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
        if (inactivity == null) {
            return Optional.empty();
        }
        return Optional.of(startOfDayAfter(LocalDate.ofInstant(lastActivity, zone).plus(inactivity), zone));
    }

    private static Instant startOfDayAfter(LocalDate lastValidDay, ZoneId zone) {
        return lastValidDay.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static Period requirePositive(Period p, String name) {
        Objects.requireNonNull(p, name + " must not be null");
        if (p.isZero() || p.isNegative()) {
            throw new InvalidRequestException(name + " must be positive in every unit; got " + p);
        }
        if (Inputs.tooLong(p)) {
            throw new InvalidRequestException(name + " must be at most " + Inputs.MAX_PERIOD_YEARS
                    + " years; got " + p);
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ExpiryPolicy)) {
            return false;
        }
        ExpiryPolicy that = (ExpiryPolicy) o;
        return kind == that.kind && periodsAfter == that.periodsAfter && Objects.equals(term, that.term)
                && period == that.period && Objects.equals(anchor, that.anchor)
                && Objects.equals(inactivity, that.inactivity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, term, period, anchor, periodsAfter, inactivity);
    }

    /**
     * Describes the policy in words, e.g. {@code "end of the day 6 months after earning"} or
     * {@code "end of the year (years starting 1 October) 1 after the one of earning"}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        String base;
        switch (kind) {
            case TERM:
                base = "end of the day " + term + " after earning";
                break;
            case END_OF_PERIOD:
                String name = period.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                base = "end of the " + name + (anchor.equals(CalendarPeriod.CALENDAR) ? ""
                        : " (" + name + "s starting " + anchor.getDayOfMonth() + " "
                        + anchor.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                        + ")")
                        + (periodsAfter == 0 ? " of earning" : " " + periodsAfter + " after the one of earning");
                break;
            default:
                base = "never";
        }
        return inactivity == null ? base : base + ", or " + inactivity + " after the last activity";
    }

    /**
     * Returns the fixed term after earning, if this policy expires lots after a term.
     *
     * @return the term, or empty
     */
    public Optional<Period> term() {
        return Optional.ofNullable(term);
    }

    /**
     * Returns the calendar period, if this policy expires lots at the end of a period after earning.
     *
     * @return the calendar period, or empty
     */
    public Optional<CalendarPeriod> calendarPeriod() {
        return Optional.ofNullable(period);
    }

    /**
     * Returns the month and day on which one of the periods starts, if this policy expires lots at
     * the end of a period after earning: 1 January for calendar periods.
     *
     * @return the anchor, or empty
     */
    public Optional<MonthDay> periodAnchor() {
        return Optional.ofNullable(anchor);
    }

    /**
     * Returns how many whole calendar periods after the period of earning lots expire; 0 unless
     * {@link #calendarPeriod()} is present.
     *
     * @return the number of periods
     */
    public int periodsAfter() {
        return periodsAfter;
    }
}
