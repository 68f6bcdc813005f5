package io.github.loyaltyrules.rules.text;

import java.time.DateTimeException;
import java.time.Month;
import java.time.MonthDay;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The day a program's periods start on, as in {@code expires at end of year 1 after starting 1 October}:
 * read as {@code "starting" INT month}, printed as {@code starting 1 October}; 1 January, the calendar
 * anchor, is not printed.
 */
final class PeriodAnchors {

    /** Month names as printed, January first. */
    static final List<String> MONTHS;

    static {
        List<String> m = new ArrayList<>();
        for (Month month : Month.values()) {
            m.add(month.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        }
        MONTHS = List.copyOf(m);
    }

    private PeriodAnchors() {
    }

    /** Reads {@code starting INT month} after the keyword; a day the month does not have is reported. */
    static MonthDay read(Parser p) {
        p.word("starting");
        Token dayToken = p.peek();
        int day = p.intValue("a day of the month such as '1 October'");
        Token m = p.peek();
        if (m.kind() != Token.Kind.IDENT) {
            p.fail(m, "a month such as 'October'", List.of());
        }
        p.advance();
        Month month = month(m.text());
        if (month == null) {
            p.problem(m, Names.unknown("month", m.text(), MONTHS));
            return MonthDay.of(1, 1);
        }
        try {
            return MonthDay.of(month, day);
        } catch (DateTimeException e) {
            p.problem(dayToken, "invalid day '" + dayToken.text() + " " + MONTHS.get(month.ordinal())
                    + "'; expected a day from 1 to " + month.maxLength() + " of " + MONTHS.get(month.ordinal()));
            return MonthDay.of(1, 1);
        }
    }

    /** A month by its English name or its first three letters, in any case; null if it is neither. */
    static Month month(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (int k = 0; k < MONTHS.size(); k++) {
            String name = MONTHS.get(k).toLowerCase(Locale.ROOT);
            if (name.equals(w) || name.substring(0, 3).equals(w)) {
                return Month.of(k + 1);
            }
        }
        return null;
    }

    /** The anchor as the text writes it: {@code " starting 1 October"}, or nothing for 1 January (or none). */
    static String print(MonthDay anchor) {
        if (anchor == null || anchor.equals(MonthDay.of(1, 1))) {
            return "";
        }
        return " starting " + anchor.getDayOfMonth() + " " + MONTHS.get(anchor.getMonthValue() - 1);
    }
}
