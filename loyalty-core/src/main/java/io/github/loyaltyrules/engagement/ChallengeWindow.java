package io.github.loyaltyrules.engagement;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The window a challenge's goal must be met in: a calendar period in the program's zone (weeks start
 * on Monday), or the member's whole membership. Progress starts again from zero in each window.
 *
 * @since 0.1.0
 */
public enum ChallengeWindow {
    /** A calendar week, Monday to Sunday. */
    WEEK,
    /** A calendar month. */
    MONTH,
    /** A calendar quarter. */
    QUARTER,
    /** A calendar year. */
    YEAR,
    /** No window: progress counts for as long as the member is in the program. */
    LIFETIME;

    /**
     * Returns the first day of the window a day falls in ({@link LocalDate#MIN} for {@link #LIFETIME}).
     *
     * @param day the day, in the program's zone
     * @return the window's first day
     * @throws NullPointerException if {@code day} is null
     */
    public LocalDate start(LocalDate day) {
        switch (this) {
            case WEEK:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH:
                return day.withDayOfMonth(1);
            case QUARTER:
                return LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
            case YEAR:
                return LocalDate.of(day.getYear(), 1, 1);
            default:
                return LocalDate.MIN;
        }
    }

    /**
     * Returns the key the progress of the window a day falls in is kept under: the window's first
     * day ({@code 2026-12-01}), or {@code lifetime}.
     *
     * @param day the day, in the program's zone
     * @return the key
     * @throws NullPointerException if {@code day} is null
     */
    public String key(LocalDate day) {
        return this == LIFETIME ? "lifetime" : start(day).toString();
    }

    /**
     * Returns the word the text language uses for the window: {@code week}, {@code month},
     * {@code quarter}, {@code year} or {@code lifetime}.
     *
     * @return the word
     */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
