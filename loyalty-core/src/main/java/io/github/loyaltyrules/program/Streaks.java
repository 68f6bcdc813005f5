package io.github.loyaltyrules.program;

import io.github.loyaltyrules.engagement.Challenge;
import io.github.loyaltyrules.engagement.StreakPeriod;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeSet;

/**
 * The runs of a streak goal in one window, from the window's counted purchases per period (keyed by
 * the period's first day, as {@link ChallengeSteps} keeps them in a progress record's per-key counts):
 * a run is a longest sequence of consecutive periods each with a count. The cost is that of the
 * window's active periods, never of the member's other history.
 */
final class Streaks {

    private Streaks() {
    }

    /** The window's active periods' first days, in order. */
    private static TreeSet<LocalDate> days(Map<String, Long> periods) {
        TreeSet<LocalDate> out = new TreeSet<>();
        for (String k : periods.keySet()) {
            out.add(LocalDate.parse(k));
        }
        return out;
    }

    /** The completions the window's runs make: each run's, summed, and at most 1 unless repeatable. */
    static long completions(Challenge c, Map<String, Long> periods) {
        StreakPeriod period = c.goal().period();
        long total = 0;
        long run = 0;
        LocalDate last = null;
        for (LocalDate d : days(periods)) {
            if (last != null && !period.next(last).equals(d)) {
                total += c.completions(run);
                run = 0;
            }
            run++;
            last = d;
        }
        total += c.completions(run);
        return c.repeatable() ? total : Math.min(1, total);
    }

    /** The longest run in the window (the value a progress record keeps). */
    static long longest(StreakPeriod period, Map<String, Long> periods) {
        long best = 0;
        long run = 0;
        LocalDate last = null;
        for (LocalDate d : days(periods)) {
            run = last != null && period.next(last).equals(d) ? run + 1 : 1;
            best = Math.max(best, run);
            last = d;
        }
        return best;
    }

    /**
     * The run still going in the period starting on {@code now}: the one that reaches it, or, while the
     * period has no purchase yet, the one that reaches the period before (it can still go on); else 0.
     */
    static long current(StreakPeriod period, Map<String, Long> periods, LocalDate now) {
        TreeSet<LocalDate> days = days(periods);
        LocalDate d = days.contains(now) ? now : days.lower(now);
        if (d == null || !(d.equals(now) || period.next(d).equals(now))) {
            return 0;
        }
        long run = 1;
        for (LocalDate before = days.lower(d); before != null && period.next(before).equals(d); before = days.lower(d)) {
            run++;
            d = before;
        }
        return run;
    }
}
