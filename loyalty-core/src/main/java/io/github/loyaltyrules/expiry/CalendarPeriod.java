package io.github.loyaltyrules.expiry;

import java.time.LocalDate;

/**
 * A calendar period that points can expire at the end of: month, quarter, half year or year.
 * Periods are aligned to the calendar (quarters start in January, April, July and October).
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
     */
    public LocalDate startOf(LocalDate date) {
        int monthIndex = date.getMonthValue() - 1;
        int startMonth = monthIndex - monthIndex % months + 1;
        return LocalDate.of(date.getYear(), startMonth, 1);
    }
}
