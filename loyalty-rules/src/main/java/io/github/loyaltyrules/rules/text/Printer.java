package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.rules.text.Ast.Act;
import io.github.loyaltyrules.rules.text.Ast.Amount;
import io.github.loyaltyrules.rules.text.Ast.Cap;
import io.github.loyaltyrules.rules.text.Ast.Cash;
import io.github.loyaltyrules.rules.text.Ast.Cond;
import io.github.loyaltyrules.rules.text.Ast.LineAtom;
import io.github.loyaltyrules.rules.text.Ast.Lines;
import io.github.loyaltyrules.rules.text.Ast.Name;
import io.github.loyaltyrules.rules.text.Ast.Stmt;
import java.time.DayOfWeek;
import java.time.Period;
import java.util.List;

/** Writes an {@link Ast.Program} as canonical text. */
final class Printer {

    private final StringBuilder out = new StringBuilder();

    private Printer() {
    }

    static String print(Ast.Program program) {
        Printer p = new Printer();
        StringBuilder text = new StringBuilder();
        Stmt previous = null;
        boolean previousOneLine = false;
        for (Stmt s : program.statements()) {
            p.out.setLength(0);
            p.statement(s);
            boolean oneLine = p.out.indexOf("\n") == p.out.length() - 1;
            if (previous != null && !(oneLine && previousOneLine && previous.getClass() == s.getClass())) {
                text.append('\n');
            }
            text.append(p.out);
            previous = s;
            previousOneLine = oneLine;
        }
        return text.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                case '\r': sb.append("\\r"); break;
                default:
                    if (Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(s, k)) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.toString();
    }

    private static boolean validSurrogate(String s, int k) {
        char c = s.charAt(k);
        if (Character.isHighSurrogate(c)) {
            return k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1));
        }
        return k > 0 && Character.isHighSurrogate(s.charAt(k - 1));
    }

    static String quote(String s) {
        return "\"" + escape(s) + "\"";
    }

    /** A name as a bare identifier when it lexes as one, else as a string. */
    static String name(String s) {
        if (s.isEmpty() || !Lexer.identStart(s.codePointAt(0))) {
            return quote(s);
        }
        for (int k = 0; k < s.length(); k += Character.charCount(s.codePointAt(k))) {
            if (!Lexer.identPart(s.codePointAt(k))) {
                return quote(s);
            }
        }
        return s;
    }

    private void statement(Stmt s) {
        if (s instanceof Ast.ProgramId p) {
            out.append("program ").append(quote(p.id())).append(";\n");
        } else if (s instanceof Ast.Zone z) {
            out.append("zone ").append(quote(z.zone())).append(";\n");
        } else if (s instanceof Ast.Stacking m) {
            out.append("multipliers ").append(m.mode()).append(";\n");
        } else if (s instanceof Ast.CurrencyDecl c) {
            out.append("currency ").append(name(c.code().value())).append(' ').append(quote(c.name()))
                    .append(" decimals ").append(c.decimals());
            if (!(c.expiry() instanceof Ast.Never)) {
                out.append("\n  expires ");
                expiry(c.expiry());
            }
            if (!c.hold().isZero()) {
                out.append("\n  hold ").append(duration(c.hold()));
            }
            if (c.inactivity() != null) {
                out.append("\n  inactivity ").append(duration(c.inactivity()));
            }
            if (c.activity() != null) {
                out.append("\n  activity ").append(names(c.activity()));
            }
            if (c.order() == io.github.loyaltyrules.ledger.ConsumptionOrder.OLDEST_FIRST) {
                out.append("\n  spend oldest first");
            }
            if (c.redeem() != null) {
                out.append("\n  ").append(RedemptionClauses.print(c.redeem()));
            }
            if (c.convert() != null) {
                out.append("\n  ").append(VoucherClauses.print(c.convert()));
            }
            if (c.kept() != null) {
                out.append("\n  kept while tier ").append(names(c.kept().tiers())).append(" then expires ");
                expiry(c.kept().after());
            }
            out.append(";\n");
        } else if (s instanceof Ast.TiersDecl t) {
            out.append("tiers ").append(names(t.tiers())).append(";\n");
        } else if (s instanceof Ast.AttributesDecl a) {
            out.append("attributes ").append(names(a.names())).append(";\n");
        } else if (s instanceof Ast.GroupDecl g) {
            out.append("group ").append(name(g.name().value())).append(' ').append(g.selection()).append(";\n");
        } else if (s instanceof Ast.CampaignDecl c) {
            out.append("campaign ").append(name(c.id().value()));
            if (c.name() != null) {
                out.append(' ').append(quote(c.name()));
            }
            out.append("\n  from ").append(dayTime(c.from())).append(" until ").append(dayTime(c.until()));
            if (!c.budgets().isEmpty()) {
                out.append("\n  budget ");
                for (int k = 0; k < c.budgets().size(); k++) {
                    out.append(k == 0 ? "" : ", ").append(amount(c.budgets().get(k)));
                }
            }
            out.append(";\n");
        } else if (s instanceof Ast.RuleDecl r) {
            rule(r);
        } else if (s instanceof Ast.LadderDecl l) {
            out.append("ladder");
            if (l.window() != null) {
                out.append(" window ").append(l.window().equals("rolling") ? "rolling " + l.months() + " months"
                        : l.window());
            }
            if (l.retention() != null) {
                out.append(l.retention() ? " retention" : " no retention");
            }
            if (l.grace() != null) {
                out.append(" grace ").append(duration(l.grace()));
            }
            if (l.softLanding()) {
                out.append(" soft landing");
            }
            if (l.immediateReturns()) {
                out.append(" returns immediate");
            }
            for (int k = 0; k < l.tracked().size(); k++) {
                out.append(k == 0 ? " tracks " : ", ").append(metric(l.tracked().get(k)));
            }
            out.append(";\n");
        } else if (s instanceof Ast.TierDecl t) {
            out.append("tier ").append(name(t.name().value()));
            if (t.requirement() != null) {
                out.append(" from ").append(TierRequirements.print(t.requirement(), Printer::metric));
            }
            if (t.multiplier() != null) {
                out.append(" multiplier ").append(t.multiplier().toPlainString());
            }
            for (int k = 0; k < t.perks().size(); k++) {
                out.append(k == 0 ? " perks " : ", ").append(quote(t.perks().get(k)));
            }
            if (t.neverDowngrade()) {
                out.append(" never downgrade");
            }
            out.append(";\n");
        } else if (s instanceof Ast.ChallengeDecl c) {
            out.append(ChallengeClauses.print(c));
        } else if (s instanceof Ast.RewardDecl r) {
            out.append("reward ").append(name(r.id().value())).append(' ').append(quote(r.name()))
                    .append(" costs ").append(amount(r.cost()));
            if (r.upTo() != null) {
                out.append(" each up to ").append(r.upTo());
            }
            if (!r.tiers().isEmpty()) {
                out.append("\n  for tier ").append(names(r.tiers()));
            }
            if (r.limit() != null) {
                out.append("\n  limit ").append(r.limit()).append(" per member");
            }
            for (Ast.Usage u : r.usage()) {
                out.append("\n  ").append(UsageLimitClauses.print(u));
            }
            if (r.from() != null) {
                out.append("\n  from ").append(dayTime(r.from()));
            }
            if (r.until() != null) {
                out.append(r.from() == null ? "\n  " : " ").append("until ").append(dayTime(r.until()));
            }
            out.append(";\n");
        }
    }

    /** Writes what follows {@code expires}: {@code never}, {@code after 6 months} or {@code at end of ...}. */
    private void expiry(Ast.Expiry expiry) {
        if (expiry instanceof Ast.After a) {
            out.append("after ").append(duration(a.term()));
        } else if (expiry instanceof Ast.EndOf e) {
            out.append("at end of ").append(e.period());
            if (e.after() != 0) {
                out.append(' ').append(e.after()).append(" after");
            }
            out.append(PeriodAnchors.print(e.anchor()));
        } else {
            out.append("never");
        }
    }

    private void rule(Ast.RuleDecl r) {
        out.append("rule ").append(name(r.id().value()));
        if (r.name() != null) {
            out.append(' ').append(quote(r.name()));
        }
        if (r.priority() != 0) {
            out.append("\n  priority ").append(r.priority());
        }
        if (r.validFrom() != null) {
            out.append("\n  valid from ").append(r.validFrom()).append(" to ").append(r.validTo());
        }
        if (r.group() != null) {
            out.append("\n  group ").append(name(r.group().value()));
        }
        if (r.campaign() != null) {
            out.append("\n  campaign ").append(name(r.campaign().value()));
        }
        if (r.when() != null) {
            out.append("\n  when ").append(cond(r.when()));
        }
        out.append("\n  then ");
        for (int k = 0; k < r.actions().size(); k++) {
            out.append(k == 0 ? "" : ",\n       ").append(action(r.actions().get(k)));
        }
        for (Cap c : r.caps()) {
            out.append("\n  cap ").append(amount(c.amount())).append(" per ");
            if (c.period() == null) {
                out.append("transaction");
            } else if (c.period().equals("lifetime")) {
                out.append("member");
            } else {
                out.append("member per ").append(c.period());
            }
        }
        out.append(";\n");
    }

    static String cond(Cond c) {
        if (c instanceof Ast.And a) {
            return join(a.parts(), " and ");
        }
        if (c instanceof Ast.Or o) {
            return join(o.parts(), " or ");
        }
        if (c instanceof Ast.Not n) {
            return "not " + nested(n.inner());
        }
        if (c instanceof Ast.In in) {
            return in.field() + values(in.values());
        }
        if (c instanceof Ast.Weekdays w) {
            if (w.days().size() == 1) {
                return "weekday = " + day(w.days().get(0));
            }
            StringBuilder sb = new StringBuilder("weekday in (");
            for (int k = 0; k < w.days().size(); k++) {
                sb.append(k == 0 ? "" : ", ").append(day(w.days().get(k)));
            }
            return sb.append(')').toString();
        }
        if (c instanceof Ast.TimeOfDay t) {
            return "time from " + t.from() + " until " + t.until();
        }
        if (c instanceof Ast.Dates d) {
            return "date from " + d.from() + " to " + d.to();
        }
        if (c instanceof Ast.TierIs t) {
            if (t.op().equals(">=")) {
                return "tier >= " + name(t.tiers().get(0).value());
            }
            return t.tiers().size() == 1 ? "tier = " + name(t.tiers().get(0).value())
                    : "tier in (" + names(t.tiers()) + ")";
        }
        if (c instanceof Ast.Tag t) {
            return "tag = " + quote(t.tag());
        }
        if (c instanceof Ast.HasBadge b) {
            return "badge = " + name(b.badge().value());
        }
        if (c instanceof Ast.Attr a) {
            return "attribute " + name(a.key().value()) + " = " + quote(a.value());
        }
        if (c instanceof Ast.EventAttr a) {
            return "event attribute " + quote(a.key()) + " = " + quote(a.value());
        }
        if (c instanceof Ast.Birthday b) {
            return b.days() == -1 ? "birthday today" : b.days() == -2 ? "birthday month"
                    : "birthday within " + b.days() + " days";
        }
        if (c instanceof Ast.FirstPurchase) {
            return "first purchase";
        }
        if (c instanceof Ast.Always) {
            return "always";
        }
        if (c instanceof Ast.Purchases p) {
            return "purchases " + p.op() + " " + p.count();
        }
        if (c instanceof Ast.Basket b) {
            return "basket >= " + cash(b.threshold()) + base(b.base());
        }
        if (c instanceof Ast.Quantity q) {
            return "quantity of " + lines(q.lines()) + " >= " + q.units();
        }
        Ast.Spend s = (Ast.Spend) c;
        return "spend on " + lines(s.lines()) + " >= " + cash(s.threshold()) + base(s.base());
    }

    private static String join(List<Cond> parts, String op) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < parts.size(); k++) {
            sb.append(k == 0 ? "" : op).append(nested(parts.get(k)));
        }
        return sb.toString();
    }

    private static String nested(Cond c) {
        return c instanceof Ast.And || c instanceof Ast.Or ? "(" + cond(c) + ")" : cond(c);
    }

    private static String day(DayOfWeek d) {
        return d.name().substring(0, 3);
    }

    private static String values(List<String> values) {
        if (values.size() == 1) {
            return " = " + quote(values.get(0));
        }
        StringBuilder sb = new StringBuilder(" in (");
        for (int k = 0; k < values.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(quote(values.get(k)));
        }
        return sb.append(')').toString();
    }

    private static String lines(Lines l) {
        if (l.terms().isEmpty()) {
            return "any line";
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < l.terms().size(); k++) {
            List<LineAtom> term = l.terms().get(k);
            for (int j = 0; j < term.size(); j++) {
                LineAtom a = term.get(j);
                sb.append(k == 0 && j == 0 ? "" : j == 0 ? " or " : " and ").append(a.field()).append(values(a.values()));
            }
        }
        return sb.toString();
    }

    static String action(Act a) {
        if (a instanceof Ast.Multiply m) {
            return "multiply " + name(m.currency().value()) + " by "
                    + (m.factor() == null ? "tier" : m.factor().toPlainString())
                    + (m.lines() == null ? "" : " on " + lines(m.lines()));
        }
        if (a instanceof Ast.PerItem p) {
            return "earn " + amount(p.amount()) + " per item" + (p.lines() == null ? "" : " on " + lines(p.lines()));
        }
        if (a instanceof Ast.PerMeasure m) {
            return "earn " + amount(m.amount()) + " per " + m.step().toPlainString() + " "
                    + (m.unit().isEmpty() ? "items" : m.unit() + " measured")
                    + (m.lines() == null ? "" : " on " + lines(m.lines()));
        }
        Ast.Earn e = (Ast.Earn) a;
        if (e.per() == null) {
            return "earn " + amount(e.amount());
        }
        return "earn " + amount(e.amount()) + " per " + cash(e.per()) + base(e.base())
                + (e.lines() == null ? "" : " on " + lines(e.lines()));
    }

    /** The earning base after an amount: nothing for the gross base. */
    private static String base(io.github.loyaltyrules.rule.EarningBase base) {
        return (base.netOfDiscounts() ? " net of discounts" : "") + (base.excludingTax() ? " excluding tax" : "");
    }

    private static String amount(Amount a) {
        return a.value().toPlainString() + " " + name(a.currency().value());
    }

    private static String cash(Cash c) {
        return c.value().toPlainString() + " " + c.currency().value();
    }

    private static String names(List<Name> names) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < names.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(name(names.get(k).value()));
        }
        return sb.toString();
    }

    private static String metric(Ast.Threshold th) {
        if (th.kind().equals("purchases")) {
            return "purchases";
        }
        if (th.kind().equals("counter")) {
            return "counter " + name(th.unit().value());
        }
        return name(th.unit().value());
    }

    private static String dayTime(Ast.DayTime d) {
        return d.time() == null ? d.day().toString() : d.day() + " " + d.time();
    }

    static String duration(Period p) {
        StringBuilder sb = new StringBuilder();
        unit(sb, p.getYears(), "year");
        unit(sb, p.getMonths(), "month");
        unit(sb, p.getDays(), "day");
        return sb.length() == 0 ? "0 days" : sb.toString();
    }

    private static void unit(StringBuilder sb, int n, String unit) {
        if (n != 0) {
            sb.append(sb.length() == 0 ? "" : " ").append(n).append(' ').append(unit).append(n == 1 ? "" : "s");
        }
    }
}
