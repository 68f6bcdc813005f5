package io.github.loyaltyrules.expiry;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Objects;

/**
 * A period that points can expire at the end of: month, quarter, half year or year. Periods are
 * aligned to the calendar (quarters start in January, April, July and October) unless anchored on
 * another day with {@link #startOf(LocalDate, MonthDay)}, as a fiscal or program year starting on
 * 1 October is.
 *
 * @since 0.1.0
 */
public enum CalendarPeriod {
    /** A calendar month. */
    MONTH(1),
    /** A calendar quarter: January-March, April-June, July-September, October-December. */
    QUARTER(3),
    /** A calendar half year: January-June, July-December. */
    HALF_YEAR(6),
    /** A calendar year. */
    YEAR(12);

    /** The anchor of calendar-aligned periods: 1 January. */
    static final MonthDay CALENDAR = MonthDay.of(1, 1);

    private final int months;

    CalendarPeriod(int months) {
        this.months = months;
    }

    /**
     * Returns the length of the period in months.
     *
     * @return 1, 3, 6 or 12
     */
    public int months() {
        return months;
    }

    /**
     * Returns the first day of the period that contains the given date.
     *
     * @param date a date
     * @return the first day of its period
     * @throws NullPointerException if {@code date} is null
     */
    public LocalDate startOf(LocalDate date) {
        Objects.requireNonNull(date, "date must not be null");
        int monthIndex = date.getMonthValue() - 1;
        int startMonth = monthIndex - monthIndex % months + 1;
        return LocalDate.of(date.getYear(), startMonth, 1);
    }

    /**
     * Returns the first day of the period that contains the given date, for periods anchored on
     * {@code anchor}: one period starts on the anchor's month and day, and the others every
     * {@link #months()} months before and after it, on the same day of the month. A year anchored on
     * 1 October runs from 1 October to 30 September; a quarter anchored on 15 February starts on 15
     * February, May, August and November. In a month shorter than the anchor's day, the period
     * starts on the month's last day, as {@link MonthDay#atYear} clamps: a year anchored on
     * 29 February starts on 28 February in other years, a month anchored on the 31st starts on
     * 30 April.
     *
     * @param date a date
     * @param anchor the month and day on which one of the periods starts; 1 January for calendar periods
     * @return the first day of the period containing {@code date}; never after it
     * @throws NullPointerException if an argument is null
     */
    public LocalDate startOf(LocalDate date, MonthDay anchor) {
        Objects.requireNonNull(date, "date must not be null");
        Objects.requireNonNull(anchor, "anchor must not be null");
        long month = date.getYear() * 12L + date.getMonthValue() - 1; // months since year 0
        long phase = anchor.getMonthValue() - 1;
        long first = Math.floorDiv(month - phase, months) * months + phase;
        LocalDate start = startIn(first, anchor.getDayOfMonth());
        return start.isAfter(date) ? startIn(first - months, anchor.getDayOfMonth()) : start;
    }

    /**
     * Returns the first day of the period {@code count} periods after the one starting on
     * {@code start}, for periods anchored on {@code anchor}.
     *
     * @param start the first day of a period, as returned by {@link #startOf(LocalDate, MonthDay)}
     * @param anchor the anchor
     * @param count how many periods later; may be negative
     * @return the first day of that period
     */
    LocalDate plusPeriods(LocalDate start, MonthDay anchor, long count) {
        long month = start.getYear() * 12L + start.getMonthValue() - 1 + count * months;
        return startIn(month, anchor.getDayOfMonth());
    }

    /** The anchor day in a month counted from year 0, or the month's last day if it is shorter. */
    private static LocalDate startIn(long month, int day) {
        LocalDate first = LocalDate.of(Math.toIntExact(Math.floorDiv(month, 12L)), (int) Math.floorMod(month, 12L) + 1, 1);
        return first.withDayOfMonth(Math.min(day, first.lengthOfMonth()));
    }
}
