package io.github.loyaltyrules.rules;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The period of a per-member cap, in the program zone: what a member earns from one rule is
 * counted per day, ISO week (Monday to Sunday), calendar month or year, or over the rule's whole
 * life (for a campaign rule: the whole campaign).
 *
 * @since 0.1.0
 */
public enum CapPeriod {

    /** A calendar day. */
    DAY("day"),

    /** An ISO week, Monday to Sunday. */
    WEEK("week"),

    /** A calendar month. */
    MONTH("month"),

    /** A calendar year. */
    YEAR("year"),

    /** The rule's whole life; for a campaign rule, the campaign. */
    LIFETIME("member");

    private final String label;

    CapPeriod(String label) {
        this.label = label;
    }

    /**
     * Returns the first day of the period containing {@code day}.
     *
     * @param day a day in the program zone
     * @return the period's first day; {@link LocalDate#MIN} for {@link #LIFETIME}
     */
    public LocalDate startOf(LocalDate day) {
        switch (this) {
            case DAY:
                return day;
            case WEEK:
                return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH:
                return day.withDayOfMonth(1);
            case YEAR:
                return day.withDayOfYear(1);
            default:
                return LocalDate.MIN;
        }
    }

    /**
     * Returns the word used in explanations, e.g. "day" in "capped at 100 STARS per day".
     *
     * @return the label
     */
    public String label() {
        return label;
    }
}
