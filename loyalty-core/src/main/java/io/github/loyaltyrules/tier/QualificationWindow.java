package io.github.loyaltyrules.tier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The span of time whose qualifying activity counts toward a tier: calendar year, rolling N months,
 * membership anniversary year, or lifetime. Boundaries are computed in the ladder's zone.
 *
 * <p>A window "closes" when members are re-assessed and may be downgraded: on 1 January for the
 * calendar year, on each membership anniversary for the anniversary year (an anniversary on
 * 29 February falls on 28 February in other years), on the first day of every month for a rolling
 * window, and never for lifetime. Instances are immutable.
 *
 * @since 0.1.0
 */
public final class QualificationWindow {

    /** The kinds of window. */
    public enum Kind {
        /** 1 January to 31 December. */
        CALENDAR_YEAR,
        /** The last N months, re-assessed on the first of each month. */
        ROLLING_MONTHS,
        /** From one membership anniversary to the next. */
        ANNIVERSARY_YEAR,
        /** All activity ever; never closes. */
        LIFETIME
    }

    private final Kind kind;
    private final int months;

    private QualificationWindow(Kind kind, int months) {
        this.kind = kind;
        this.months = months;
    }

    /**
     * Returns the calendar-year window.
     *
     * @return the window
     */
    public static QualificationWindow calendarYear() {
        return new QualificationWindow(Kind.CALENDAR_YEAR, 12);
    }

    /**
     * Returns a rolling window of the last {@code months} months.
     *
     * @param months 1 to 120
     * @return the window
     * @throws InvalidLadderException if {@code months} is out of range
     */
    public static QualificationWindow rollingMonths(int months) {
        if (months < 1 || months > 120) {
            throw new InvalidLadderException("rolling qualification window must span 1 to 120 months; got " + months);
        }
        return new QualificationWindow(Kind.ROLLING_MONTHS, months);
    }

    /**
     * Returns the membership-anniversary-year window.
     *
     * @return the window
     */
    public static QualificationWindow anniversaryYear() {
        return new QualificationWindow(Kind.ANNIVERSARY_YEAR, 12);
    }

    /**
     * Returns the lifetime window, which never closes.
     *
     * @return the window
     */
    public static QualificationWindow lifetime() {
        return new QualificationWindow(Kind.LIFETIME, 0);
    }

    /**
     * Returns the kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the length in months: 12 for the yearly windows, N for rolling, 0 for lifetime.
     *
     * @return the months
     */
    public int months() {
        return months;
    }

    private static LocalDate date(Instant t, ZoneId zone) {
        return t.atZone(zone).toLocalDate();
    }

    private static Instant start(LocalDate d, ZoneId zone) {
        return d.atStartOfDay(zone).toInstant();
    }

    private static int anniversaryIndex(Instant t, ZoneId zone, LocalDate enrolled) {
        int k = date(t, zone).getYear() - enrolled.getYear();
        if (start(enrolled.plusYears(k), zone).isAfter(t)) {
            k--;
        }
        return Math.max(k, 0);
    }

    /** Start (inclusive) of the window used for upgrades at {@code t}; null when unbounded. */
    Instant currentStart(Instant t, ZoneId zone, LocalDate enrolled) {
        switch (kind) {
            case CALENDAR_YEAR:
                return start(date(t, zone).withDayOfYear(1), zone);
            case ANNIVERSARY_YEAR:
                return start(enrolled.plusYears(anniversaryIndex(t, zone, enrolled)), zone);
            case ROLLING_MONTHS:
                return t.atZone(zone).minusMonths(months).toInstant();
            default:
                return null;
        }
    }

    /** The first window close strictly after {@code after}; null for lifetime. */
    Instant nextClose(Instant after, ZoneId zone, LocalDate enrolled) {
        switch (kind) {
            case CALENDAR_YEAR:
                return start(date(after, zone).withDayOfYear(1).plusYears(1), zone);
            case ANNIVERSARY_YEAR: {
                Instant first = start(enrolled, zone);
                if (first.isAfter(after)) {
                    return start(enrolled.plusYears(1), zone);
                }
                return start(enrolled.plusYears(anniversaryIndex(after, zone, enrolled) + 1L), zone);
            }
            case ROLLING_MONTHS:
                return start(date(after, zone).withDayOfMonth(1).plusMonths(1), zone);
            default:
                return null;
        }
    }

    /** The most recent close at or before {@code t}, or null if none. */
    Instant lastClose(Instant t, ZoneId zone, LocalDate enrolled) {
        switch (kind) {
            case CALENDAR_YEAR:
                return start(date(t, zone).withDayOfYear(1), zone);
            case ANNIVERSARY_YEAR: {
                int k = anniversaryIndex(t, zone, enrolled);
                return k == 0 ? null : start(enrolled.plusYears(k), zone);
            }
            case ROLLING_MONTHS:
                return start(date(t, zone).withDayOfMonth(1), zone);
            default:
                return null;
        }
    }

    /** Start (inclusive) of the window that closes at {@code close}. */
    Instant closedStart(Instant close, ZoneId zone, LocalDate enrolled) {
        switch (kind) {
            case ANNIVERSARY_YEAR:
                return start(enrolled.plusYears(Math.max(0, anniversaryIndex(close, zone, enrolled) - 1L)), zone);
            default:
                return start(date(close, zone).minusMonths(months), zone);
        }
    }

    /** Whether the window has a fixed end the member can be told ("by 31 December"). */
    boolean hasFixedEnd() {
        return kind == Kind.CALENDAR_YEAR || kind == Kind.ANNIVERSARY_YEAR;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualificationWindow w && w.kind == kind && w.months == months;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + months;
    }

    /**
     * Returns e.g. {@code "calendar year"} or {@code "rolling 12 months"}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        switch (kind) {
            case CALENDAR_YEAR:
                return "calendar year";
            case ANNIVERSARY_YEAR:
                return "anniversary year";
            case ROLLING_MONTHS:
                return "rolling " + months + " months";
            default:
                return "lifetime";
        }
    }
}
