package io.github.loyaltyrules.engagement;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * The calendar period of a streak goal ("a purchase on 3 consecutive weeks"): a day, a week (Monday
 * to Sunday) or a month, in the program's zone. A period belongs to the challenge window its first day
 * falls in, and a streak runs over consecutive periods of one window.
 *
 * @since 0.1.0
 */
public enum StreakPeriod {
    /** A calendar day. */
    DAY,
    /** A calendar week, Monday to Sunday. */
    WEEK,
    /** A calendar month. */
    MONTH;

    /**
     * Returns the first day of the period a day falls in.
     *
     * @param day the day, in the program's zone
     * @return the period's first day
     * @throws NullPointerException if {@code day} is null
     */
    public LocalDate start(LocalDate day) {
        Objects.requireNonNull(day, "day must not be null");
        switch (this) {
            case DAY:
                return day;
            case WEEK:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            default:
                return day.withDayOfMonth(1);
        }
    }

    /**
     * Returns the first day of the period after the one starting on {@code start}.
     *
     * @param start a period's first day
     * @return the next period's first day
     * @throws NullPointerException if {@code start} is null
     */
    public LocalDate next(LocalDate start) {
        Objects.requireNonNull(start, "start must not be null");
        switch (this) {
            case DAY:
                return start.plusDays(1);
            case WEEK:
                return start.plusWeeks(1);
            default:
                return start.plusMonths(1);
        }
    }

    /**
     * Returns the most periods whose first days fall in one window: how long a streak kept within the
     * window can get ({@link Long#MAX_VALUE} for {@link ChallengeWindow#LIFETIME}).
     *
     * @param window the window
     * @return the most periods
     * @throws NullPointerException if {@code window} is null
     */
    public long most(ChallengeWindow window) {
        Objects.requireNonNull(window, "window must not be null");
        if (window == ChallengeWindow.LIFETIME) {
            return Long.MAX_VALUE;
        }
        int w = window.ordinal(); // WEEK, MONTH, QUARTER, YEAR
        switch (this) {
            case DAY:
                return new long[] {7, 31, 92, 366}[w];
            case WEEK:
                return new long[] {1, 5, 14, 53}[w];
            default:
                return new long[] {1, 1, 3, 12}[w];
        }
    }

    /**
     * Returns the word the text language uses for a number of these periods: {@code days},
     * {@code weeks} or {@code months}.
     *
     * @return the word
     */
    public String word() {
        return name().toLowerCase(Locale.ROOT) + "s";
    }
}
