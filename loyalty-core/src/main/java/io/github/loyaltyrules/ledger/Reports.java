package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.LiabilityReport;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Report reads: the checks of a report request, then the store's figures (see {@link io.github.loyaltyrules.report}). */
final class Reports {

    /** The most months {@link Ledger#activityByMonth} reports at once: a century. */
    static final int MAX_MONTHS = 1200;

    private final LedgerContext ctx;

    Reports(LedgerContext ctx) {
        this.ctx = ctx;
    }

    /** A period's activity; see {@link Ledger#activity(PointCurrency, Instant, Instant)}. */
    ActivityReport activity(PointCurrency currency, Instant from, Instant to) {
        PointCurrency c = ctx.configured(currency);
        period(from, to);
        return ctx.store.activity(c, from, to);
    }

    /** Month by month; see {@link Ledger#activityByMonth}. */
    List<ActivityReport> activityByMonth(PointCurrency currency, YearMonth first, YearMonth last) {
        PointCurrency c = ctx.configured(currency);
        Checks.notNull(first, "first month");
        Checks.notNull(last, "last month");
        long months = ChronoUnit.MONTHS.between(first, last) + 1;
        if (months < 1 || months > MAX_MONTHS) {
            throw new InvalidRequestException("months to report must run forwards, at most " + MAX_MONTHS
                    + " of them; got " + first + " to " + last);
        }
        List<ActivityReport> reports = new ArrayList<>((int) months);
        Instant from = start(first);
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Instant to = start(m.plusMonths(1));
            period(from, to);
            reports.add(ctx.store.activity(c, from, to));
            from = to;
        }
        return List.copyOf(reports);
    }

    /** The liability now; see {@link Ledger#liability(PointCurrency)}. */
    LiabilityReport liability(PointCurrency currency) {
        PointCurrency c = ctx.configured(currency);
        return ctx.store.liability(c, ctx.clock.instant(), ctx.zone);
    }

    private Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ctx.zone).toInstant();
    }

    private static void period(Instant from, Instant to) {
        Checks.businessTime(from, "from");
        Checks.businessTime(to, "to");
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("a report period must end after it starts; got from " + from + " to " + to);
        }
    }
}
