package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.program.UsageLimit;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A reward's limits counted in uses, {@code limit 2 per member per month},
 * {@code limit 5 per member per year starting 1 October}, {@code limit 500 overall}: read, printed,
 * compiled to {@link UsageLimit}s and described from them, in one canonical order (per member before
 * overall; without a period, then month, quarter, half-year, year; by anchor).
 */
final class UsageLimitClauses {

    /** Who a limit counts, as written after the number. */
    static final List<String> SCOPES = List.of("per", "overall");

    /** The canonical order of limits. */
    static final Comparator<UsageLimit> ORDER = Comparator.comparing(UsageLimit::scope)
            .thenComparing(l -> l.period() == null ? -1 : l.period().ordinal())
            .thenComparing(UsageLimit::anchor);

    private UsageLimitClauses() {
    }

    /**
     * Reads what follows {@code limit}: {@code INT ("per" "member" | "overall") ["per" period ["starting" INT
     * month]]}.
     */
    static Ast.Usage read(Parser p, Token keyword) {
        int uses = p.intValue("a number of uses such as 2");
        String scope = p.oneOf("'per member' or 'overall'", SCOPES);
        boolean perMember = scope.equals("per");
        if (perMember) {
            p.word("member");
        }
        String period = null;
        MonthDay anchor = null;
        if (p.peek().is("per")) {
            p.advance();
            period = p.oneOf("a calendar period", Parser.PERIODS);
            Token next = p.peek();
            if (next.kind() == Token.Kind.IDENT && !next.is("starting")
                    && Names.closest(next.text(), List.of("starting")) != null) {
                p.fail(next, "'starting', a clause or ';'", List.of("starting"));
            }
            if (next.is("starting")) {
                anchor = PeriodAnchors.read(p);
            }
        }
        return new Ast.Usage(Pos.of(keyword), uses, perMember, period, anchor);
    }

    /** Whether two clauses count the same uses: the same scope, period and anchor. */
    static boolean sameCount(Ast.Usage a, Ast.Usage b) {
        return a.perMember() == b.perMember() && java.util.Objects.equals(a.period(), b.period())
                && java.util.Objects.equals(anchorOf(a), anchorOf(b));
    }

    private static MonthDay anchorOf(Ast.Usage u) {
        return u.anchor() == null ? MonthDay.of(1, 1) : u.anchor();
    }

    /** The clause as the text writes it, after a new line and two spaces. */
    static String print(Ast.Usage u) {
        return "limit " + u.uses() + (u.perMember() ? " per member" : " overall")
                + (u.period() == null ? "" : " per " + u.period() + PeriodAnchors.print(u.anchor()));
    }

    /** The limit a clause says; throws what {@link UsageLimit} throws. */
    static UsageLimit compile(Ast.Usage u) {
        if (u.period() == null) {
            return u.perMember() ? UsageLimit.perMember(u.uses()) : UsageLimit.overall(u.uses());
        }
        CalendarPeriod period = CalendarPeriod.valueOf(u.period().toUpperCase(Locale.ROOT).replace('-', '_'));
        UsageLimit l = u.perMember() ? UsageLimit.perMember(u.uses(), period) : UsageLimit.overall(u.uses(), period);
        return u.anchor() == null ? l : l.startingOn(u.anchor());
    }

    /** The limits sorted in the canonical order. */
    static List<UsageLimit> sorted(List<UsageLimit> limits) {
        List<UsageLimit> out = new ArrayList<>(limits);
        out.sort(ORDER);
        return out;
    }

    /** The clauses of a reward's usage limits (not its per-member limit), in the canonical order. */
    static List<Ast.Usage> describe(List<UsageLimit> limits) {
        List<Ast.Usage> out = new ArrayList<>();
        for (UsageLimit l : sorted(limits)) {
            out.add(new Ast.Usage(new Pos(0, 0, ""), l.uses(), l.scope() == UsageLimit.Scope.PER_MEMBER,
                    l.period() == null ? null : l.period().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    l.anchor().equals(MonthDay.of(1, 1)) ? null : l.anchor()));
        }
        return out;
    }
}
