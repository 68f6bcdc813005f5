package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rules.text.Ast.Act;
import io.github.loyaltyrules.rules.text.Ast.Amount;
import io.github.loyaltyrules.rules.text.Ast.Cap;
import io.github.loyaltyrules.rules.text.Ast.Cash;
import io.github.loyaltyrules.rules.text.Ast.Cond;
import io.github.loyaltyrules.rules.text.Ast.Expiry;
import io.github.loyaltyrules.rules.text.Ast.LineAtom;
import io.github.loyaltyrules.rules.text.Ast.Lines;
import io.github.loyaltyrules.rules.text.Ast.Name;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import io.github.loyaltyrules.rules.text.Ast.Stmt;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A recursive-descent parser from tokens to {@link Ast}, recovering at statement boundaries. */
final class Parser {

    static final List<String> STATEMENTS = List.of("program", "zone", "multipliers", "currency", "tiers", "attributes",
            "group", "campaign", "rule", "reward", "ladder", "tier", "challenge");
    /** The statements that declare a name, given right after their keyword. */
    private static final List<String> NAMED = List.of("currency", "group", "campaign", "rule", "reward", "tier",
            "challenge");
    /** What a challenge counts. */
    static final List<String> CHALLENGE_MEASURES = List.of("purchases", "spend", "items", "stores", "streak");
    /** The periods of a streak goal after its length. */
    static final List<String> STREAK_PERIODS = List.of("days", "weeks", "months");
    /** The windows of a challenge after {@code per}. */
    static final List<String> CHALLENGE_WINDOWS = List.of("week", "month", "quarter", "year");
    static final List<String> CONDITIONS = List.of("category", "sku", "store", "channel", "event", "weekday", "time",
            "date", "tier", "tag", "badge", "attribute", "birthday", "first", "purchases", "basket", "quantity", "spend", "always", "not", "code", "tender");
    /** The words that may follow a money amount of a spend or threshold: an earning base. */
    static final List<String> BASES = List.of("net", "excluding");
    static final List<String> RULE_CLAUSES = List.of("priority", "valid", "group", "campaign", "when", "then", "cap");
    static final List<String> PERIODS = List.of("month", "quarter", "half-year", "year");
    static final List<String> CAP_PERIODS = List.of("day", "week", "month", "year");
    static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    static final int MAX_DEPTH = 100;

    /** Longest number read, in characters, as for amounts given to Points.parse and Money.of. */
    static final int MAX_NUMBER = 100;

    /** Unwinds to the statement loop after a problem has been recorded. */
    private static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fail() {
            super(null, null, false, false);
        }
    }

    private final List<Token> toks;
    private final List<Problem> problems;
    /** What reads well but may not mean what it seems: the program is built all the same. */
    private final List<Problem> warnings = new ArrayList<>();
    private final java.util.Set<String> failedStatements = new java.util.HashSet<>();
    /** Set when the statement being read ended without its ';' (already reported). */
    private boolean semicolonMissing;
    private int i;
    private int depth;

    Parser(List<Token> toks, List<Problem> problems) {
        this.toks = toks;
        this.problems = problems;
    }

    Ast.Program program() {
        List<Stmt> out = new ArrayList<>();
        while (peek().kind() != Token.Kind.EOF) {
            int start = i;
            semicolonMissing = false;
            try {
                out.add(statement());
            } catch (Fail f) {
                Token name = toks.get(Math.min(start + 1, toks.size() - 1));
                if (NAMED.contains(toks.get(start).text()) && (name.kind() == Token.Kind.IDENT
                        || name.kind() == Token.Kind.STRING) && name.line() == toks.get(start).line()) {
                    // the statement declared this name: only that name is not reported unknown
                    failedStatements.add(toks.get(start).text() + " " + name.text());
                } else {
                    failedStatements.add(toks.get(start).text());
                }
                recover(start);
            }
        }
        return new Ast.Program(out);
    }

    /** The warnings found while reading, in the order of the text. */
    List<Problem> warnings() {
        return warnings;
    }

    /**
     * What the statements that could not be parsed declared, so that their names are not reported
     * unknown: "kind name" when the statement's name was read ({@code "tier Gold"}), else the kind.
     */
    java.util.Set<String> failedStatements() {
        return failedStatements;
    }

    private void recover(int start) {
        if (i == start) {
            i++;
        }
        while (peek().kind() != Token.Kind.EOF) {
            Token t = peek();
            if (t.is(";")) {
                i++;
                return;
            }
            if (t.kind() == Token.Kind.IDENT && STATEMENTS.contains(t.text()) && t.line() > toks.get(i - 1).line()
                    && t.column() <= toks.get(start).column()) {
                return;
            }
            i++;
        }
    }

    // ---- statements

    private Stmt statement() {
        Token t = peek();
        Pos pos = Pos.of(t);
        String kw = oneOf("a statement", STATEMENTS);
        switch (kw) {
            case "program": {
                String id = string("a program id");
                end();
                return new Ast.ProgramId(pos, id);
            }
            case "zone": {
                Pos zp = Pos.of(peek());
                String z = string("a time zone such as \"Europe/Paris\"");
                end();
                return new Ast.Zone(pos, z, zp);
            }
            case "multipliers": {
                String mode = oneOf("a multiplier stacking", List.of("additive", "compound"));
                end();
                return new Ast.Stacking(pos, mode);
            }
            case "currency":
                return currency(pos);
            case "tiers": {
                List<Name> names = nameList("a tier name");
                end();
                return new Ast.TiersDecl(pos, names);
            }
            case "attributes": {
                List<Name> names = nameList("an attribute name");
                end();
                return new Ast.AttributesDecl(pos, names);
            }
            case "group": {
                Name n = name("a group name");
                String sel = oneOf("a group selection", List.of("best", "first"));
                end();
                return new Ast.GroupDecl(pos, n, sel);
            }
            case "campaign":
                return campaign(pos);
            case "rule":
                return rule(pos);
            case "ladder":
                return ladder(pos);
            case "tier":
                return tier(pos);
            case "challenge":
                return challenge(pos);
            default:
                return reward(pos);
        }
    }

    private Stmt currency(Pos pos) {
        Name code = name("a currency code");
        String display = string("the currency's display name");
        word("decimals");
        int decimals = intValue("the number of decimal places");
        Expiry expiry = new Ast.Never();
        Period hold = Period.ZERO;
        Period inactivity = null;
        List<Name> activity = null;
        ConsumptionOrder order = ConsumptionOrder.SOONEST_EXPIRY_FIRST;
        Ast.Redeem redeem = null;
        Ast.Convert convert = null;
        Ast.Worth worth = null;
        Ast.Kept kept = null;
        List<String> seen = new ArrayList<>();
        while (more(pos)) {
            Token t = peek();
            String clause = oneOf("'expires', 'hold', 'inactivity', 'activity', 'spend', 'redeem', 'worth', 'convert',"
                    + " 'kept' or ';'",
                    RedemptionClauses.CLAUSES);
            duplicate(seen, clause, t, "currency");
            switch (clause) {
                case "expires":
                    expiry = expiry();
                    break;
                case "redeem":
                    redeem = RedemptionClauses.read(this, t);
                    break;
                case "worth":
                    worth = RedemptionClauses.readWorth(this, t);
                    break;
                case "convert":
                    convert = VoucherClauses.read(this, t);
                    break;
                case "kept":
                    kept = kept(t);
                    break;
                case "hold":
                    hold = duration();
                    break;
                case "activity": {
                    activity = nameList("a posting type such as earn");
                    break;
                }
                case "spend":
                    order = consumptionOrder();
                    break;
                default:
                    inactivity = duration();
            }
        }
        end();
        if (worth != null) {
            redeem = (redeem == null ? new Ast.Redeem(worth.pos(), null, null) : redeem).withWorth(worth);
        }
        return new Ast.CurrencyDecl(pos, code, display, decimals, expiry, hold, inactivity, activity, order, redeem,
                convert, kept);
    }

    /** What follows {@code kept}: {@code while tier NAME, ... then expires EXPIRY}. */
    private Ast.Kept kept(Token keyword) {
        word("while");
        word("tier");
        List<Name> tiers = nameList("a tier name");
        word("then");
        word("expires");
        return new Ast.Kept(Pos.of(keyword), tiers, expiry());
    }

    /** What follows {@code spend}: {@code oldest first} or {@code soonest expiring first}. */
    private ConsumptionOrder consumptionOrder() {
        String which = oneOf("'oldest first' or 'soonest expiring first'", List.of("oldest", "soonest"));
        if ("soonest".equals(which)) {
            word("expiring");
        }
        word("first");
        return "oldest".equals(which) ? ConsumptionOrder.OLDEST_FIRST : ConsumptionOrder.SOONEST_EXPIRY_FIRST;
    }

    private Expiry expiry() {
        String how = oneOf("'never', 'after' or 'at'", List.of("never", "after", "at"));
        if (how.equals("never")) {
            return new Ast.Never();
        }
        if (how.equals("after")) {
            return new Ast.After(duration());
        }
        word("end");
        word("of");
        String period = oneOf("a calendar period", PERIODS);
        int after = 0;
        if (peek().kind() == Token.Kind.NUMBER && peekAt(1).is("after")) {
            after = intValue("a number of periods");
            word("after");
        }
        Token next = peek();
        if (next.kind() == Token.Kind.IDENT && !next.is("starting") && Names.closest(next.text(), List.of("starting")) != null) {
            fail(next, "'starting', a clause or ';'", List.of("starting"));
        }
        return new Ast.EndOf(period, after, next.is("starting") ? PeriodAnchors.read(this) : null);
    }

    Period duration() {
        int years = 0;
        int months = 0;
        int days = 0;
        boolean any = false;
        while (!any || (peek().kind() == Token.Kind.NUMBER && peekAt(1).kind() == Token.Kind.IDENT
                && unit(peekAt(1).text()) != null)) {
            int n = intValue("a duration such as '6 months'");
            Token u = peek();
            String unit = u.kind() == Token.Kind.IDENT ? unit(u.text()) : null;
            if (unit == null) {
                fail(u, "a duration unit (days, weeks, months, years)", List.of("days", "weeks", "months", "years"));
            }
            i++;
            try {
                switch (unit) {
                    case "day": days = Math.addExact(days, n); break;
                    case "week": days = Math.addExact(days, Math.multiplyExact(n, 7)); break;
                    case "month": months = Math.addExact(months, n); break;
                    default: years = Math.addExact(years, n);
                }
            } catch (ArithmeticException e) {
                problems.add(new Problem(u.line(), u.column(), u.text(), "duration is too long"));
            }
            any = true;
        }
        return Period.of(years, months, days);
    }

    private static String unit(String w) {
        switch (w) {
            case "day": case "days": return "day";
            case "week": case "weeks": return "week";
            case "month": case "months": return "month";
            case "year": case "years": return "year";
            default: return null;
        }
    }

    private Stmt ladder(Pos pos) {
        String window = null;
        int months = 0;
        Boolean retention = null;
        Period grace = null;
        boolean soft = false;
        boolean immediate = false;
        List<Ast.Threshold> tracked = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        while (more(pos)) {
            Token t = peek();
            String clause = oneOf("'window', 'retention', 'no retention', 'grace', 'soft landing', 'returns', 'tracks'"
                    + " or ';'", List.of("window", "retention", "no", "grace", "soft", "returns", "tracks"));
            if (clause.equals("no")) {
                word("retention");
                clause = "retention";
                retention = Boolean.FALSE;
                duplicate(seen, clause, t, "ladder");
                continue;
            }
            duplicate(seen, clause, t, "ladder");
            switch (clause) {
                case "window": {
                    window = oneOf("a qualification window (calendar year, rolling N months, anniversary year, lifetime)",
                            List.of("calendar", "rolling", "anniversary", "lifetime"));
                    if (window.equals("rolling")) {
                        months = intValue("a number of months");
                        word("months");
                    } else if (!window.equals("lifetime")) {
                        word("year");
                        window = window + " year";
                    }
                    break;
                }
                case "retention": retention = Boolean.TRUE; break;
                case "grace": grace = duration(); break;
                case "returns":
                    if (oneOf("'immediate' or 'at window close'", List.of("immediate", "at")).equals("at")) {
                        word("window");
                        word("close");
                    } else {
                        immediate = true;
                    }
                    break;
                case "tracks":
                    tracked.add(metric());
                    while (peek().is(",")) {
                        i++;
                        tracked.add(metric());
                    }
                    break;
                default:
                    word("landing");
                    soft = true;
            }
        }
        end();
        return new Ast.LadderDecl(pos, window, months, retention, grace, soft, immediate, List.copyOf(tracked));
    }

    /** A metric without a value: 'purchases', 'counter' name, or a currency code. */
    private Ast.Threshold metric() {
        Token t = peek();
        if (t.is("purchases")) {
            i++;
            return new Ast.Threshold(Pos.of(t), null, "purchases", null);
        }
        if (t.is("counter")) {
            i++;
            return new Ast.Threshold(Pos.of(t), null, "counter", name("a counter name"));
        }
        return new Ast.Threshold(Pos.of(t), null, "amount", name("a currency code, 'purchases' or 'counter'"));
    }

    /** A date with an optional time of day. */
    private Ast.DayTime dayTime() {
        LocalDate d = date();
        return new Ast.DayTime(d, peek().kind() == Token.Kind.TIME ? time() : null);
    }

    private Stmt tier(Pos pos) {
        Name name = name("a tier name");
        Ast.Req requirement = null;
        BigDecimal multiplier = null;
        List<String> perks = List.of();
        boolean never = false;
        List<String> seen = new ArrayList<>();
        while (more(pos)) {
            Token t = peek();
            String clause = oneOf("'from', 'multiplier', 'perks', 'never' or ';'",
                    List.of("from", "multiplier", "perks", "never"));
            duplicate(seen, clause, t, "tier");
            switch (clause) {
                case "from":
                    requirement = TierRequirements.read(this, warnings);
                    break;
                case "multiplier": multiplier = decimal("a multiplier such as 1.25"); break;
                case "perks": {
                    List<String> p = new ArrayList<>();
                    p.add(value("a perk"));
                    while (peek().is(",")) {
                        i++;
                        p.add(value("a perk"));
                    }
                    perks = List.copyOf(p);
                    break;
                }
                default:
                    word("downgrade");
                    never = true;
            }
        }
        end();
        return new Ast.TierDecl(pos, name, requirement, multiplier, perks, never);
    }

    Ast.Threshold threshold() {
        Token t = peek();
        BigDecimal v = decimal("a threshold such as '300 TQP', '500.00 EUR' or '10 purchases'");
        Token u = peek();
        if (u.is("purchases")) {
            i++;
            return new Ast.Threshold(Pos.of(t), v, "purchases", null);
        }
        if (u.is("counter")) {
            i++;
            return new Ast.Threshold(Pos.of(t), v, "counter", name("a counter name"));
        }
        return new Ast.Threshold(Pos.of(t), v, "amount", name("a currency code, 'purchases' or 'counter'"));
    }

    private Stmt campaign(Pos pos) {
        Name id = name("a campaign id");
        String display = peek().kind() == Token.Kind.STRING ? string("a name") : null;
        word("from");
        Ast.DayTime from = dayTime();
        word("until");
        Ast.DayTime until = dayTime();
        List<Amount> budgets = new ArrayList<>();
        if (peek().is("budget")) {
            i++;
            budgets.add(amount());
            while (peek().is(",")) {
                i++;
                budgets.add(amount());
            }
        }
        end();
        return new Ast.CampaignDecl(pos, id, display, from, until, budgets);
    }

    private Stmt rule(Pos pos) {
        Name id = name("a rule id");
        String display = peek().kind() == Token.Kind.STRING ? string("a name") : null;
        int priority = 0;
        LocalDate from = null;
        LocalDate to = null;
        Name group = null;
        Name campaign = null;
        Cond when = null;
        List<Act> actions = null;
        List<Cap> caps = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        while (more(pos)) {
            Token t = peek();
            String clause = oneOf("a rule clause (priority, valid, group, campaign, when, then, cap) or ';'",
                    RULE_CLAUSES);
            if (!clause.equals("cap")) {
                duplicate(seen, clause, t, "rule");
            }
            switch (clause) {
                case "priority": priority = signedInt(); break;
                case "valid":
                    word("from");
                    from = date();
                    word("to");
                    to = date();
                    break;
                case "group": group = name("a group name"); break;
                case "campaign": campaign = name("a campaign id"); break;
                case "when": when = condition(); break;
                case "then":
                    actions = new ArrayList<>();
                    actions.add(action());
                    while (peek().is(",")) {
                        i++;
                        actions.add(action());
                    }
                    break;
                default: caps.add(cap(t));
            }
        }
        if (actions == null) {
            Token t = peek();
            problems.add(new Problem(t.line(), t.column(), t.source(), "expected 'then' and an action before ';' in rule '"
                    + Inputs.shown(id.value()) + "', found " + t.shown()));
            end();
            throw new Fail();
        }
        end();
        return new Ast.RuleDecl(pos, id, display, priority, from, to, group, campaign, when, actions, caps);
    }

    private Cap cap(Token at) {
        Amount a = amount();
        word("per");
        String what = oneOf("'transaction' or 'member'", List.of("transaction", "member"));
        String period = null;
        if (what.equals("member")) {
            period = "lifetime";
            if (peek().is("per")) {
                i++;
                period = oneOf("a cap period (day, week, month, year)", CAP_PERIODS);
            }
        }
        return new Cap(Pos.of(at), a, period);
    }

    /**
     * {@code challenge ID "NAME" MEASURE TARGET [PERIODS] [in category NAME] (per WINDOW | ever) reward
     * AMOUNT [once | repeatable] [returns (revoke | keep)] [badge ID] ;}, PERIODS ({@code days}, {@code weeks} or
     * {@code months}) after the length of a {@code streak}
     */
    private Stmt challenge(Pos pos) {
        Name id = name("a challenge id");
        String display = string("the challenge's name");
        String measure = oneOf("what the challenge counts", CHALLENGE_MEASURES);
        Long target = null;
        Cash spend = null;
        if (measure.equals("spend")) {
            spend = cash();
        } else {
            target = longValue("the number that completes the challenge");
        }
        String period = measure.equals("streak") ? oneOf("the streak's periods (days, weeks or months)", STREAK_PERIODS)
                : null;
        Name category = null;
        if (peek().is("in")) {
            advance();
            word("category");
            category = name("a category");
        }
        String window = oneOf("'per' and a window, or 'ever'", List.of("per", "ever"));
        window = window.equals("ever") ? "lifetime" : oneOf("a challenge window", CHALLENGE_WINDOWS);
        word("reward");
        Amount reward = amount();
        boolean repeatable = false;
        boolean keep = false;
        Name badge = null;
        List<String> seen = new ArrayList<>();
        while (more(pos)) {
            Token t = peek();
            String clause = oneOf("'once', 'repeatable', 'returns', 'badge' or ';'",
                    List.of("once", "repeatable", "returns", "badge"));
            duplicate(seen, clause.equals("returns") || clause.equals("badge") ? clause : "once", t, "challenge");
            if (clause.equals("returns")) {
                keep = oneOf("'revoke' or 'keep'", List.of("revoke", "keep")).equals("keep");
            } else if (clause.equals("badge")) {
                badge = name("a badge id");
            } else {
                repeatable = clause.equals("repeatable");
            }
        }
        end();
        return new Ast.ChallengeDecl(pos, id, display, measure, target, spend, period, category, window, reward,
                repeatable, keep, badge);
    }

    private Stmt reward(Pos pos) {
        Name id = name("a reward id");
        String display = string("the reward's name");
        word("costs");
        Amount cost = amount();
        List<Name> tiers = List.of();
        Integer limit = null;
        Integer upTo = null;
        Ast.DayTime from = null;
        Ast.DayTime until = null;
        List<Ast.Usage> usage = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        while (more(pos)) {
            Token t = peek();
            String clause = oneOf("'each', 'for', 'limit', 'from', 'until' or ';'",
                    List.of("each", "for", "limit", "from", "until"));
            if (!clause.equals("limit")) {
                duplicate(seen, clause, t, "reward");
            }
            switch (clause) {
                case "for":
                    word("tier");
                    tiers = nameList("a tier name");
                    break;
                case "each":
                    word("up");
                    word("to");
                    upTo = intValue("the most units one redemption takes");
                    break;
                case "limit":
                    Ast.Usage u = UsageLimitClauses.read(this, t);
                    for (Ast.Usage other : usage) {
                        if (UsageLimitClauses.sameCount(other, u) && u.perMember() && u.period() == null) {
                            problem(t, "'limit' is given twice in this reward; expected it at most once");
                        } else if (UsageLimitClauses.sameCount(other, u)) {
                            problem(t, "'" + UsageLimitClauses.print(other) + "' and '" + UsageLimitClauses.print(u)
                                    + "' count the same uses of this reward; expected one limit for each count");
                        }
                    }
                    usage.add(u);
                    break;
                case "from":
                    from = dayTime();
                    break;
                default:
                    until = dayTime();
            }
        }
        end();
        List<Ast.Usage> others = new ArrayList<>();
        for (Ast.Usage u : usage) {
            if (u.perMember() && u.period() == null) {
                limit = u.uses();
            } else {
                others.add(u);
            }
        }
        return new Ast.RewardDecl(pos, id, display, cost, tiers, limit, from, until, List.copyOf(others), upTo);
    }

    // ---- conditions

    Cond condition() {
        List<Cond> parts = new ArrayList<>();
        parts.add(conjunction());
        while (peek().is("or")) {
            i++;
            parts.add(conjunction());
        }
        return parts.size() == 1 ? parts.get(0) : new Ast.Or(List.copyOf(parts));
    }

    private Cond conjunction() {
        List<Cond> parts = new ArrayList<>();
        parts.add(unary());
        while (peek().is("and")) {
            i++;
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new Ast.And(List.copyOf(parts));
    }

    private Cond unary() {
        Token t = peek();
        if (++depth > MAX_DEPTH) {
            problems.add(new Problem(t.line(), t.column(), t.source(), "condition is nested deeper than " + MAX_DEPTH
                    + " levels"));
            throw new Fail();
        }
        try {
            if (t.is("not")) {
                i++;
                return new Ast.Not(unary());
            }
            if (t.is("(")) {
                i++;
                Cond c = condition();
                symbol(")");
                return c;
            }
            return atom();
        } finally {
            depth--;
        }
    }

    private Cond atom() {
        Token t = peek();
        String kw = oneOf("a condition", CONDITIONS);
        switch (kw) {
            case "category": case "sku": case "store": case "channel": case "code": case "tender":
                return new Ast.In(kw, values());
            case "event":
                if (peek().is("attribute")) {
                    i++;
                    String key = value("an event attribute name");
                    symbol("=");
                    return new Ast.EventAttr(key, value("a value"));
                }
                return new Ast.In("event", values());
            case "weekday": {
                List<DayOfWeek> days = new ArrayList<>();
                if (peek().is("in")) {
                    i++;
                    symbol("(");
                    days.add(day());
                    while (peek().is(",")) {
                        i++;
                        days.add(day());
                    }
                    symbol(")");
                } else {
                    symbol("=");
                    days.add(day());
                }
                return new Ast.Weekdays(List.copyOf(days));
            }
            case "time": {
                word("from");
                LocalTime from = time();
                word("until");
                return new Ast.TimeOfDay(Pos.of(t), from, time());
            }
            case "date": {
                word("from");
                LocalDate from = date();
                word("to");
                return new Ast.Dates(Pos.of(t), from, date());
            }
            case "tier": {
                Token op = peek();
                if (op.is(">=")) {
                    i++;
                    return new Ast.TierIs(Pos.of(t), ">=", List.of(name("a tier name")));
                }
                if (op.is("in")) {
                    i++;
                    symbol("(");
                    List<Name> names = nameList("a tier name");
                    symbol(")");
                    return new Ast.TierIs(Pos.of(t), "=", names);
                }
                symbol("=", "'=', '>=' or 'in'");
                return new Ast.TierIs(Pos.of(t), "=", List.of(name("a tier name")));
            }
            case "tag":
                symbol("=");
                return new Ast.Tag(value("a tag"));
            case "badge":
                symbol("=");
                return new Ast.HasBadge(name("a badge id"));
            case "attribute": {
                Name key = name("an attribute name");
                symbol("=");
                return new Ast.Attr(key, value("a value"));
            }
            case "birthday": {
                String how = oneOf("'today', 'month' or 'within'", List.of("today", "month", "within"));
                if (how.equals("today")) {
                    return new Ast.Birthday(-1);
                }
                if (how.equals("month")) {
                    return new Ast.Birthday(-2);
                }
                int days = intValue("a number of days");
                word("days");
                return new Ast.Birthday(days);
            }
            case "first":
                word("purchase");
                return new Ast.FirstPurchase();
            case "always":
                return new Ast.Always();
            case "purchases": {
                Token op = peek();
                if (!op.is(">=") && !op.is("<=")) {
                    fail(op, "'>=' or '<='", List.of());
                }
                i++;
                return new Ast.Purchases(op.text(), longValue("a number of purchases"));
            }
            case "basket": {
                symbol(">=");
                Cash total = cash();
                return new Ast.Basket(total, base(false));
            }
            case "quantity": {
                word("of");
                Lines lines = lines(true);
                symbol(">=");
                return new Ast.Quantity(lines, longValue("a number of units"));
            }
            case "spend": {
                word("on");
                Lines lines = lines(true);
                symbol(">=");
                Cash least = cash();
                return new Ast.Spend(lines, least, base(false));
            }
            default: // "not" is handled by unary(); unreachable
                throw new Fail();
        }
    }

    private DayOfWeek day() {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT) {
            fail(t, "a weekday (MON, TUE, WED, THU, FRI, SAT, SUN)", List.of());
        }
        i++;
        String w = t.text().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(w) || d.name().substring(0, 3).equals(w)) {
                return d;
            }
        }
        problems.add(new Problem(t.line(), t.column(), t.text(), Names.unknown("weekday", t.text(), DAYS)));
        return DayOfWeek.MONDAY;
    }

    private List<String> values() {
        List<String> out = new ArrayList<>();
        if (peek().is("in")) {
            i++;
            symbol("(");
            out.add(value("a value"));
            while (peek().is(",")) {
                i++;
                out.add(value("a value"));
            }
            symbol(")");
        } else {
            symbol("=", "'=' or 'in'");
            out.add(value("a value"));
        }
        return List.copyOf(out);
    }

    private Lines lines(boolean inCondition) {
        if (inCondition && peek().is("any")) {
            i++;
            word("line");
            return new Lines(List.of());
        }
        List<List<LineAtom>> terms = new ArrayList<>();
        List<LineAtom> atoms = new ArrayList<>();
        while (true) {
            String field = oneOf(inCondition ? "'any line', 'category' or 'sku'" : "'category' or 'sku'",
                    List.of("category", "sku"));
            atoms.add(new LineAtom(field, values()));
            if (peek().is("and")) {
                i++;
                continue;
            }
            terms.add(List.copyOf(atoms));
            atoms = new ArrayList<>();
            if (!peek().is("or")) {
                return new Lines(List.copyOf(terms));
            }
            i++;
        }
    }

    // ---- actions

    private Act action() {
        Token t = peek();
        String kw = oneOf("an action ('earn' or 'multiply')", List.of("earn", "multiply"));
        if (kw.equals("multiply")) {
            Name cur = name("a currency code");
            word("by");
            Token f = peek();
            BigDecimal factor = null;
            if (f.is("tier")) {
                i++;
            } else {
                factor = decimal("a factor such as 2 or 1.5, or 'tier'");
            }
            Lines lines = null;
            if (peek().is("on")) {
                i++;
                lines = lines(false);
            }
            return new Ast.Multiply(Pos.of(f), cur, factor, lines);
        }
        Amount a = amount();
        if (!peek().is("per")) {
            return new Ast.Earn(a, null, null);
        }
        i++;
        if (peek().is("item")) {
            i++;
            Lines lines = null;
            if (peek().is("on")) {
                i++;
                lines = lines(false);
            }
            return new Ast.PerItem(a, lines);
        }
        Cash per = cash();
        Token after = peek();
        if (after.kind() == Token.Kind.IDENT && after.is("measured")) {
            i++;
            Lines lines = null;
            if (peek().is("on")) {
                i++;
                lines = lines(false);
            }
            return new Ast.PerMeasure(per.pos(), a, per.value(), per.currency().value(), lines);
        }
        String code = per.currency().value();
        if (!code.equals("items") && !code.matches("[A-Z]{3}") && Names.closest(code, List.of("items")) != null) {
            Pos at = per.currency().pos();
            problems.add(new Problem(at.line(), at.column(), at.text(), "expected an ISO currency code, 'items' or a"
                    + " unit and 'measured', found '" + Inputs.shown(code) + "'; did you mean 'items'?"));
            throw new Fail();
        }
        if (code.equals("items")) { // per 3 items: counted units, in steps
            Lines lines = null;
            if (peek().is("on")) {
                i++;
                lines = lines(false);
            }
            return new Ast.PerMeasure(per.pos(), a, per.value(), "", lines);
        }
        EarningBase base = base(true);
        Lines lines = null;
        if (peek().is("on")) {
            i++;
            lines = lines(false);
        }
        return new Ast.Earn(a, per, lines, base);
    }

    /**
     * Reads the earning base that may follow a money amount: {@code [net of discounts] [excluding tax]}.
     * A word close to one of them (not one that may follow an amount) is reported with a suggestion.
     */
    private EarningBase base(boolean action) {
        boolean net = false;
        boolean excluding = false;
        if (keyword("net")) {
            word("of");
            word("discounts");
            net = true;
        }
        if (keyword("excluding")) {
            word("tax");
            excluding = true;
        }
        Token t = peek();
        if (t.kind() == Token.Kind.IDENT && !FOLLOWERS.contains(t.text()) && !STATEMENTS.contains(t.text())) {
            List<String> options = new ArrayList<>();
            if (!net && !excluding) {
                options.add("net");
            }
            if (!excluding) {
                options.add("excluding");
            }
            if (action && !net && !excluding) {
                options.add("measured");
            }
            if (Names.closest(t.text(), options) != null) {
                fail(t, "'net of discounts', 'excluding tax'" + (action ? ", 'measured', 'on'" : "")
                        + " or the end of the " + (action ? "action" : "condition"), options);
            }
        }
        return EarningBase.of(net, excluding);
    }

    /** The words that may follow a money amount in an action or condition, besides an earning base. */
    private static final List<String> FOLLOWERS = List.of("on", "and", "or", "priority", "valid", "group", "campaign",
            "when", "then", "cap");

    /** Moves past the keyword if it comes next. */
    private boolean keyword(String w) {
        Token t = peek();
        if (t.kind() == Token.Kind.IDENT && t.is(w)) {
            i++;
            return true;
        }
        return false;
    }

    // ---- literals

    Amount amount() {
        Token t = peek();
        BigDecimal v = decimal("an amount such as '50 STARS'");
        Name code = name("a currency code after " + t.source());
        return new Amount(Pos.of(t), v, code);
    }

    Cash cash() {
        Token t = peek();
        BigDecimal v = decimal("a money amount such as '1.00 EUR'");
        Token c = peek();
        if (c.kind() != Token.Kind.IDENT) {
            fail(c, "an ISO currency code after " + t.source(), List.of());
        }
        i++;
        return new Cash(Pos.of(t), v, new Name(Pos.of(c), c.text()));
    }

    BigDecimal decimal(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.NUMBER) {
            fail(t, what, List.of());
        }
        i++;
        if (t.text().length() > MAX_NUMBER) { // reading a million digits takes minutes
            problems.add(new Problem(t.line(), t.column(), t.text(), "number " + Inputs.shown(t.text()) + " has "
                    + t.text().length() + " characters; expected at most " + MAX_NUMBER));
            throw new Fail();
        }
        return new BigDecimal(t.text());
    }

    int intValue(String what) {
        long v = longValue(what);
        if (v > Integer.MAX_VALUE) {
            Token t = toks.get(i - 1);
            problems.add(new Problem(t.line(), t.column(), t.text(), "number " + Inputs.shown(t.text())
                    + " is too large; at most "
                    + Integer.MAX_VALUE));
            return 0;
        }
        return (int) v;
    }

    private int signedInt() {
        Token t = peek();
        if (t.kind() != Token.Kind.NUMBER || t.text().indexOf('.') >= 0) {
            fail(t, "a priority (a whole number)", List.of());
        }
        i++;
        BigInteger v = t.text().length() > 12 ? null : new BigInteger(t.text()); // longer is out of range anyway
        if (v == null || v.bitLength() > 31) {
            problems.add(new Problem(t.line(), t.column(), t.text(), "priority " + Inputs.shown(t.text())
                    + " is out of range; expected " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE));
            return 0;
        }
        return v.intValue();
    }

    long longValue(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.NUMBER || t.text().indexOf('.') >= 0 || t.text().startsWith("-")) {
            fail(t, what + " (a whole number, 0 or more)", List.of());
        }
        i++;
        BigInteger v = t.text().length() > 20 ? null : new BigInteger(t.text()); // longer is too large anyway
        if (v == null || v.bitLength() > 62) {
            problems.add(new Problem(t.line(), t.column(), t.text(), "number " + Inputs.shown(t.text())
                    + " is too large; at most "
                    + Long.MAX_VALUE / 2));
            return 0;
        }
        return v.longValue();
    }

    private LocalDate date() {
        Token t = peek();
        if (t.kind() != Token.Kind.DATE) {
            fail(t, "a date such as 2024-06-01", List.of());
        }
        i++;
        try {
            return LocalDate.parse(t.text());
        } catch (DateTimeParseException e) {
            problems.add(new Problem(t.line(), t.column(), t.text(), "invalid date '" + Inputs.shown(t.text())
                    + "'; expected a real day as YYYY-MM-DD"));
            return LocalDate.of(2000, 1, 1);
        }
    }

    private LocalTime time() {
        Token t = peek();
        if (t.kind() != Token.Kind.TIME) {
            fail(t, "a time of day such as 07:30", List.of());
        }
        i++;
        String[] hm = t.text().split(":");
        try {
            if (hm[1].length() != 2) {
                throw new DateTimeException("minutes");
            }
            return LocalTime.of(Integer.parseInt(hm[0]), Integer.parseInt(hm[1]));
        } catch (DateTimeException | NumberFormatException e) {
            problems.add(new Problem(t.line(), t.column(), t.text(), "invalid time '" + Inputs.shown(t.text())
                    + "'; expected HH:MM from 00:00 to 23:59"));
            return LocalTime.MIDNIGHT;
        }
    }

    private String string(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.STRING) {
            fail(t, what + " in double quotes", List.of());
        }
        i++;
        return t.text();
    }

    String value(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.IDENT) {
            fail(t, what, List.of());
        }
        i++;
        return t.text();
    }

    Name name(String what) {
        Token t = peek();
        if (t.kind() != Token.Kind.STRING && t.kind() != Token.Kind.IDENT) {
            fail(t, what, List.of());
        }
        i++;
        return new Name(Pos.of(t), t.text());
    }

    private List<Name> nameList(String what) {
        List<Name> out = new ArrayList<>();
        out.add(name(what));
        while (peek().is(",")) {
            i++;
            out.add(name(what));
        }
        return List.copyOf(out);
    }

    private void duplicate(List<String> seen, String clause, Token t, String where) {
        if (seen.contains(clause)) {
            problems.add(new Problem(t.line(), t.column(), t.text(), "'" + clause + "' is given twice in this "
                    + where + "; expected it at most once"));
        }
        seen.add(clause);
    }

    /**
     * Whether another clause of the statement follows. A statement keyword first on its line, where a
     * clause was expected, means the ';' before it is missing: that is reported and the statement
     * ends there, so that it is still checked and the next statement parsed.
     */
    private boolean more(Pos statement) {
        Token t = peek();
        if (t.is(";")) {
            return false;
        }
        if (t.kind() == Token.Kind.IDENT && STATEMENTS.contains(t.text()) && t.line() > toks.get(i - 1).line()
                && !(statement.text().equals("rule") && RULE_CLAUSES.contains(t.text()))) {
            problems.add(new Problem(t.line(), t.column(), t.text(), "expected ';' to end the " + statement.text()
                    + " statement at line " + statement.line() + ", found '" + t.text() + "'"));
            semicolonMissing = true;
            return false;
        }
        return true;
    }

    private void end() {
        if (semicolonMissing) {
            semicolonMissing = false;
            return;
        }
        symbol(";", "';'");
    }

    void symbol(String s) {
        symbol(s, "'" + s + "'");
    }

    void symbol(String s, String expected) {
        Token t = peek();
        if (!t.is(s) || t.kind() != Token.Kind.SYMBOL) {
            fail(t, expected, List.of());
        }
        i++;
    }

    void word(String w) {
        word(w, "'" + w + "'");
    }

    void word(String w, String expected) {
        Token t = peek();
        if (!t.is(w) || t.kind() != Token.Kind.IDENT) {
            fail(t, expected, List.of(w));
        }
        i++;
    }

    /** Reads one of the given keywords; otherwise records "expected ..." or "unknown ..., did you mean ...". */
    String oneOf(String what, List<String> options) {
        Token t = peek();
        if (t.kind() == Token.Kind.IDENT && options.contains(t.text())) {
            i++;
            return t.text();
        }
        fail(t, what, options);
        return null;
    }

    void fail(Token t, String expected, List<String> options) {
        String message;
        String suggestion = t.kind() == Token.Kind.IDENT ? Names.closest(t.text(), options) : null;
        if (suggestion != null) {
            message = "expected " + expected + ", found '" + t.text() + "'; did you mean '" + suggestion + "'?";
        } else {
            message = "expected " + expected + ", found " + t.shown();
        }
        problems.add(new Problem(t.line(), t.column(), t.source(), message));
        throw new Fail();
    }

    /** Moves past the current token. */
    void advance() {
        i++;
    }

    /** Records a problem found while reading (an error, not a warning). */
    void problem(Token t, String message) {
        problems.add(new Problem(t.line(), t.column(), t.source(), message));
    }

    Token peek() {
        return toks.get(i);
    }

    Token peekAt(int ahead) {
        return toks.get(Math.min(i + ahead, toks.size() - 1));
    }
}
