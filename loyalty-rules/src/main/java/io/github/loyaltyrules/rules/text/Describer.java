package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rules.Action;
import io.github.loyaltyrules.rules.Campaign;
import io.github.loyaltyrules.rules.CapPeriod;
import io.github.loyaltyrules.rules.Condition;
import io.github.loyaltyrules.rules.GroupSelection;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.Multiplier;
import io.github.loyaltyrules.rules.MultiplierStacking;
import io.github.loyaltyrules.rules.Rule;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.rules.internal.ActionNodes;
import io.github.loyaltyrules.rules.internal.Nodes;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import io.github.loyaltyrules.tier.ExpiryProtection;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.ReturnRule;
import io.github.loyaltyrules.tier.Threshold;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a program built in Java (a {@link RuleSet}, rewards and a tier ladder) into the syntax tree
 * that {@link Printer} writes, or throws {@link UnprintableProgramException} naming the part the
 * language cannot state.
 */
final class Describer {

    private static final Pos NOWHERE = new Pos(0, 0, "");

    /** The id a program has when its text has no {@code program} statement; not printed. */
    static final String DEFAULT_ID = "program";

    private final ZoneId zone;
    private final Map<String, PointCurrency> currencies = new LinkedHashMap<>();
    /** The tiers lowest first, when the program declares them; {@code tier >= X} is written with them. */
    private List<String> tierOrder = List.of();
    /** The terms that keep a currency's points while a tier is held, by currency code. */
    private final Map<String, ExpiryProtection> protections = new java.util.HashMap<>();
    /** The ladder's tier names, lowest first; empty without a ladder. */
    private final List<String> ladderTiers = new ArrayList<>();
    private final List<Ast.Stmt> out = new ArrayList<>();
    private Map<String, RedemptionRule> redemptionRules = Map.of();
    private Map<String, io.github.loyaltyrules.program.VoucherConversion> voucherConversions = Map.of();

    private Describer(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * The canonical syntax tree of a program: header (id, zone, multipliers), currencies, attributes,
     * tiers or the ladder, groups and campaigns sorted by id, rules in evaluation order (priority, then
     * the order added, which decides ties), rewards in catalogue order. Sets are written sorted.
     */
    static Ast.Program describe(String id, ZoneId zone, RuleSet rules, List<Reward> rewards, TierLadder ladder,
            Map<String, RedemptionRule> redemptionRules) {
        return describe(id, zone, rules, rewards, ladder, redemptionRules, Map.of());
    }

    /** {@link #describe(String, ZoneId, RuleSet, List, TierLadder, Map)} with the currencies' voucher conversions. */
    static Ast.Program describe(String id, ZoneId zone, RuleSet rules, List<Reward> rewards, TierLadder ladder,
            Map<String, RedemptionRule> redemptionRules,
            Map<String, io.github.loyaltyrules.program.VoucherConversion> voucherConversions) {
        return describe(id, zone, rules, rewards, ladder, redemptionRules, voucherConversions, List.of());
    }

    /**
     * {@link #describe(String, ZoneId, RuleSet, List, TierLadder, Map, Map)} with the terms that keep
     * points while a tier is held, whose tiers are written in the ladder's order.
     */
    static Ast.Program describe(String id, ZoneId zone, RuleSet rules, List<Reward> rewards, TierLadder ladder,
            Map<String, RedemptionRule> redemptionRules,
            Map<String, io.github.loyaltyrules.program.VoucherConversion> voucherConversions,
            List<ExpiryProtection> protections) {
        Describer d = new Describer(zone);
        for (ExpiryProtection p : protections) {
            if (ladder == null) {
                throw new UnprintableProgramException("currency " + p.currency() + " is kept while a tier is held,"
                        + " but there is no tier ladder; the text states the tiers with the ladder");
            }
            d.protections.put(p.currency(), p);
        }
        if (ladder != null) {
            for (Tier t : ladder.tiers()) {
                d.ladderTiers.add(t.name());
            }
        }
        d.redemptionRules = redemptionRules;
        d.voucherConversions = voucherConversions;
        if (id != null && !id.equals(DEFAULT_ID)) {
            d.out.add(new Ast.ProgramId(NOWHERE, id));
        }
        if (!zone.normalized().equals(ZoneOffset.UTC)) {
            d.out.add(new Ast.Zone(NOWHERE, zone.getId(), NOWHERE));
        }
        if (rules.multiplierStacking() == MultiplierStacking.COMPOUND) {
            d.out.add(new Ast.Stacking(NOWHERE, "compound"));
        }
        for (PointCurrency c : rules.currencies()) {
            d.currencies.put(c.code(), c);
        }
        for (Reward r : rewards) {
            d.currencies.putIfAbsent(r.cost().currency().code(), r.cost().currency());
        }
        for (RedemptionRule r : redemptionRules.values()) {
            d.currencies.putIfAbsent(r.currency().code(), r.currency());
        }
        for (io.github.loyaltyrules.program.VoucherConversion v : voucherConversions.values()) {
            d.currencies.putIfAbsent(v.currency().code(), v.currency());
        }
        for (PointCurrency c : d.currencies.values()) {
            d.out.add(d.currency(c));
        }
        for (String code : d.protections.keySet()) {
            if (!d.currencies.containsKey(code)) {
                throw new UnprintableProgramException("currency " + code + " is kept while a tier is held, but the"
                        + " program does not use it; the text states the term with the currency");
            }
        }
        rules.declaredMemberAttributes().ifPresent(a -> d.out.add(new Ast.AttributesDecl(NOWHERE,
                names(new TreeSet<>(a)))));
        if (ladder != null) {
            d.ladder(ladder, rules.declaredTiers().orElse(null));
        } else {
            rules.declaredTiers().ifPresent(t -> {
                d.tierOrder = List.copyOf(t);
                d.out.add(new Ast.TiersDecl(NOWHERE, names(t)));
            });
        }
        for (Map.Entry<String, GroupSelection> g : new java.util.TreeMap<>(rules.exclusiveGroups()).entrySet()) {
            d.out.add(new Ast.GroupDecl(NOWHERE, name(g.getKey()),
                    g.getValue() == GroupSelection.BEST ? "best" : "first"));
        }
        List<Campaign> campaigns = new ArrayList<>(rules.campaigns());
        campaigns.sort(java.util.Comparator.comparing(Campaign::id));
        for (Campaign c : campaigns) {
            d.out.add(d.campaign(c));
        }
        for (Rule r : rules.rules()) {
            d.out.add(d.rule(r));
        }
        for (Reward r : rewards) {
            d.out.add(d.reward(r));
        }
        return new Ast.Program(List.copyOf(d.out));
    }

    private static Ast.Expiry expiry(ExpiryPolicy p) {
        if (p.term().isPresent()) {
            return new Ast.After(p.term().get());
        } else if (p.calendarPeriod().isPresent()) {
            java.time.MonthDay anchor = p.periodAnchor().orElseThrow();
            return new Ast.EndOf(period(p.calendarPeriod().get()), p.periodsAfter(),
                    anchor.equals(java.time.MonthDay.of(1, 1)) ? null : anchor);
        }
        return new Ast.Never();
    }

    private Ast.Kept kept(String currency) {
        ExpiryProtection p = protections.get(currency);
        if (p == null) {
            return null;
        }
        List<Ast.Name> tiers = new ArrayList<>();
        for (String t : ladderTiers) {
            if (p.tiers().contains(t)) {
                tiers.add(name(t));
            }
        }
        if (tiers.size() != p.tiers().size()) {
            throw new UnprintableProgramException("currency " + currency + " is kept while tiers " + p.tiers()
                    + " are held, but the ladder has only " + ladderTiers);
        }
        return new Ast.Kept(NOWHERE, tiers, expiry(p.after()));
    }

    private Ast.CurrencyDecl currency(PointCurrency c) {
        ExpiryPolicy p = c.expiry();
        Ast.Expiry expiry = expiry(p);
        List<Ast.Name> activity = null;
        if (!c.activity().equals(PointCurrency.of(c.code(), c.displayName(), c.decimalPlaces()).activity())) {
            activity = new ArrayList<>();
            for (io.github.loyaltyrules.ledger.PostingType t : c.activity()) {
                activity.add(name(t.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        RedemptionRule redeem = redemptionRules.get(c.code());
        return new Ast.CurrencyDecl(NOWHERE, name(c.code()), c.displayName(), c.decimalPlaces(), expiry, c.hold(),
                p.inactivity().orElse(null), activity, c.consumptionOrder(), redeem == null ? null : RedemptionClauses.describe(redeem),
                voucherConversions.containsKey(c.code()) ? VoucherClauses.describe(voucherConversions.get(c.code())) : null,
                kept(c.code()));
    }

    private static String period(CalendarPeriod p) {
        switch (p) {
            case MONTH: return "month";
            case QUARTER: return "quarter";
            case HALF_YEAR: return "half-year";
            default: return "year";
        }
    }

    private void ladder(TierLadder ladder, Set<String> declaredTiers) {
        List<String> names = new ArrayList<>();
        for (Tier t : ladder.tiers()) {
            names.add(t.name());
        }
        if (declaredTiers != null && !List.copyOf(declaredTiers).equals(names)) {
            throw new UnprintableProgramException("the rule set declares tiers " + declaredTiers + " but the ladder has "
                    + names + "; the text lists the tiers once, with the ladder's tier statements");
        }
        tierOrder = List.copyOf(names);
        if (!ladder.zone().equals(zone)) {
            throw new UnprintableProgramException("the ladder's zone " + ladder.zone() + " is not the program zone "
                    + zone + "; the text states one zone for the whole program");
        }
        QualificationWindow w = ladder.window();
        String window;
        switch (w.kind()) {
            case CALENDAR_YEAR: window = "calendar year"; break;
            case ANNIVERSARY_YEAR: window = "anniversary year"; break;
            case LIFETIME: window = "lifetime"; break;
            default: window = "rolling";
        }
        Set<Metric> used = new java.util.LinkedHashSet<>();
        for (Tier t : ladder.tiers()) {
            for (Threshold th : t.thresholds()) {
                used.add(th.metric());
            }
        }
        List<Ast.Threshold> tracked = new ArrayList<>();
        for (Metric m : ladder.metrics()) {
            if (!used.contains(m)) {
                tracked.add(threshold(m, null, "the ladder"));
            }
        }
        out.add(new Ast.LadderDecl(NOWHERE, w.kind() == QualificationWindow.Kind.CALENDAR_YEAR ? null : window, w.kind() == QualificationWindow.Kind.ROLLING_MONTHS ? w.months() : 0,
                ladder.retention() ? null : Boolean.FALSE, ladder.gracePeriod().isZero() ? null : ladder.gracePeriod(),
                ladder.softLanding(), ladder.returnRule() == ReturnRule.IMMEDIATE, tracked));
        for (Tier t : ladder.tiers()) {
            String who = "tier '" + t.name() + "'";
            Ast.Req requirement = t.requirement().map(r -> TierRequirements.describe(r,
                    (metric, amount) -> threshold(metric, amount, who))).orElse(null);
            out.add(new Ast.TierDecl(NOWHERE, name(t.name()), requirement,
                    t.multiplier().compareTo(BigDecimal.ONE) == 0 ? null : t.multiplier(), List.copyOf(t.perks()),
                    t.isNeverDowngrade()));
        }
    }

    private Ast.Threshold threshold(Metric m, BigDecimal amount, String who) {
        switch (m.kind()) {
            case PURCHASES:
                return new Ast.Threshold(NOWHERE, amount, "purchases", null);
            case COUNTER:
                return new Ast.Threshold(NOWHERE, amount, "counter", name(m.key()));
            case POINTS:
                if (!currencies.containsKey(m.key())) {
                    throw new UnprintableProgramException(who + " counts points in " + m.key()
                            + ", a currency the program does not have; add it to the rule set's currencies");
                }
                return new Ast.Threshold(NOWHERE, amount, "amount", name(m.key()));
            default:
                if (currencies.containsKey(m.key())) {
                    throw new UnprintableProgramException(who + " counts spend in " + m.key()
                            + ", which is also the code of a point currency; the text could not tell them apart");
                }
                return new Ast.Threshold(NOWHERE, amount, "amount", name(m.key()));
        }
    }

    private Ast.CampaignDecl campaign(Campaign c) {
        List<Ast.Amount> budgets = new ArrayList<>();
        for (Map.Entry<String, Long> b : new java.util.TreeMap<>(c.budgets()).entrySet()) {
            budgets.add(amount(b.getKey(), b.getValue()));
        }
        String who = "campaign '" + c.id() + "'";
        return new Ast.CampaignDecl(NOWHERE, name(c.id()), c.name().equals(c.id()) ? null : c.name(),
                date(c.from(), who), date(c.until(), who), budgets);
    }

    private Ast.RewardDecl reward(Reward r) {
        String who = "reward '" + r.id() + "'";
        List<Ast.Name> tiers = names(new TreeSet<>(r.tiers()));
        boolean always = r.availableFrom().equals(Instant.MIN) && r.availableUntil().equals(Instant.MAX);
        return new Ast.RewardDecl(NOWHERE, name(r.id()), r.name(), amount(r.cost()), tiers,
                r.perMemberLimit() == Integer.MAX_VALUE ? null : r.perMemberLimit(),
                always || r.availableFrom().equals(Instant.MIN) ? null : date(r.availableFrom(), who),
                always || r.availableUntil().equals(Instant.MAX) ? null : date(r.availableUntil(), who),
                UsageLimitClauses.describe(r.usageLimits()), r.maxQuantity() == 1 ? null : r.maxQuantity());
    }

    private Ast.DayTime date(Instant at, String who) {
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(at, zone);
        if (!local.atZone(zone).toInstant().equals(at) || local.getNano() != 0 || local.getSecond() != 0) {
            throw new UnprintableProgramException(who + " starts or ends at " + at + ", which is not a whole minute"
                    + " of a local time in the program zone " + zone + "; the text states windows as a date and an"
                    + " optional HH:MM time in the program zone");
        }
        return new Ast.DayTime(day(local.toLocalDate(), who), local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? null
                : local.toLocalTime());
    }

    /** A day the text can write as YYYY-MM-DD. */
    private static LocalDate day(LocalDate d, String who) {
        if (d.getYear() < 0 || d.getYear() > 9999) {
            throw new UnprintableProgramException(who + " names the day " + d + "; the text writes days as YYYY-MM-DD,"
                    + " years 0000 to 9999");
        }
        return d;
    }

    private Ast.RuleDecl rule(Rule r) {
        String who = "rule '" + r.id() + "'";
        Ast.Cond when = cond(r.condition(), who);
        if (when instanceof Ast.Always) {
            when = null;
        }
        List<Ast.Act> acts = new ArrayList<>();
        for (Action a : r.actions()) {
            action(a, who, acts);
        }
        if (r.multiplier().isPresent()) {
            Multiplier m = r.multiplier().get();
            acts.add(new Ast.Multiply(NOWHERE, name(m.currency()), m.fromTier() ? null : m.factor(),
                    actionLines(m.lines(), who)));
        }
        List<Ast.Cap> caps = new ArrayList<>();
        for (Map.Entry<String, Long> c : new java.util.TreeMap<>(r.capsPerTransaction()).entrySet()) {
            caps.add(new Ast.Cap(NOWHERE, amount(c.getKey(), c.getValue()), null));
        }
        for (Map.Entry<String, Rule.MemberCap> c : new java.util.TreeMap<>(r.capsPerMember()).entrySet()) {
            CapPeriod p = c.getValue().period();
            caps.add(new Ast.Cap(NOWHERE, amount(c.getKey(), c.getValue().max()),
                    p == CapPeriod.LIFETIME ? "lifetime" : p.label()));
        }
        return new Ast.RuleDecl(NOWHERE, name(r.id()), r.name().equals(r.id()) ? null : r.name(), r.priority(),
                r.validFrom().map(d -> day(d, who)).orElse(null), r.validUntil().map(d -> day(d, who)).orElse(null),
                r.exclusiveGroup().map(Describer::name).orElse(null),
                r.campaign().map(Describer::name).orElse(null), when, acts, caps);
    }

    private void action(Action a, String who, List<Ast.Act> acts) {
        if (a instanceof ActionNodes.All all) {
            for (Action part : all.parts()) {
                action(part, who, acts);
            }
        } else if (a instanceof ActionNodes.Fixed f) {
            acts.add(new Ast.Earn(amount(f.points()), null, null));
        } else if (a instanceof ActionNodes.PerUnitSpent p) {
            acts.add(new Ast.Earn(amount(p.rate()), cash(p.step()), actionLines(p.lines(), who), p.base()));
        } else if (a instanceof ActionNodes.PerMeasure p) {
            acts.add(new Ast.PerMeasure(NOWHERE, amount(p.rate()), p.step(), p.unit(), actionLines(p.lines(), who)));
        } else if (a instanceof ActionNodes.PerItem p) {
            acts.add(new Ast.PerItem(amount(p.perItem()), actionLines(p.lines(), who)));
        } else {
            throw new UnprintableProgramException(who + ": action " + a + " was written in Java and cannot be printed;"
                    + " only actions built with the factories of Actions can be printed");
        }
    }

    private Ast.Lines actionLines(LineMatcher m, String who) {
        Ast.Lines l = lines(m, who);
        return l.terms().isEmpty() ? null : l;
    }

    private Ast.Cond cond(Condition c, String who) {
        if (c instanceof Nodes.AllOf a) {
            return a.parts().size() == 1 ? cond(a.parts().get(0), who) : new Ast.And(conds(a.parts(), who));
        }
        if (c instanceof Nodes.AnyOf a) {
            return a.parts().size() == 1 ? cond(a.parts().get(0), who) : new Ast.Or(conds(a.parts(), who));
        }
        if (c instanceof Nodes.Not n) {
            return new Ast.Not(cond(n.part(), who));
        }
        if (c instanceof Nodes.Always) {
            return new Ast.Always();
        }
        if (c instanceof Nodes.LinesMatch m) {
            if (m.minQuantity() == 1 && m.matcher() instanceof Nodes.SkuIn s) {
                return new Ast.In("sku", sorted(s.skus()));
            }
            if (m.minQuantity() == 1 && m.matcher() instanceof Nodes.CategoryIn k) {
                return new Ast.In("category", sorted(k.categories()));
            }
            return new Ast.Quantity(lines(m.matcher(), who), m.minQuantity());
        }
        if (c instanceof Nodes.LinesSpend s) {
            return new Ast.Spend(lines(s.matcher(), who), cash(s.threshold()), s.base());
        }
        if (c instanceof Nodes.StoreIn s) {
            return new Ast.In("store", sorted(s.stores()));
        }
        if (c instanceof Nodes.ChannelIn s) {
            return new Ast.In("channel", sorted(s.channels()));
        }
        if (c instanceof Nodes.CodeIn k) {
            return new Ast.In("code", sorted(k.codes()));
        }
        if (c instanceof Nodes.PaidWith w) {
            return new Ast.In("tender", sorted(w.methods()));
        }
        if (c instanceof Nodes.EventTypeIn s) {
            return new Ast.In("event", sorted(s.types()));
        }
        if (c instanceof Nodes.TierIn t) {
            return tierIs(t.tiers());
        }
        if (c instanceof Nodes.AttributeIs a) {
            return new Ast.Attr(name(a.key()), a.value());
        }
        if (c instanceof Nodes.BasketAtLeast b) {
            return new Ast.Basket(cash(b.threshold()), b.base());
        }
        if (c instanceof Nodes.EventAttributeIs a) {
            return new Ast.EventAttr(a.key(), a.value());
        }
        if (c instanceof Nodes.DaysOfWeek d) {
            List<DayOfWeek> days = new ArrayList<>(new TreeSet<>(d.days()));
            return new Ast.Weekdays(days);
        }
        if (c instanceof Nodes.TimeOfDay t) {
            if (t.from().getSecond() != 0 || t.from().getNano() != 0 || t.until().getSecond() != 0
                    || t.until().getNano() != 0) {
                throw new UnprintableProgramException(who + ": time-of-day window " + t.from() + "-" + t.until()
                        + " has seconds; the text states times of day as HH:MM");
            }
            return new Ast.TimeOfDay(NOWHERE, t.from(), t.until());
        }
        if (c instanceof Nodes.Dates d) {
            return new Ast.Dates(NOWHERE, day(d.first(), who), day(d.last(), who));
        }
        if (c instanceof Nodes.HasTag t) {
            return new Ast.Tag(t.tag());
        }
        if (c instanceof Nodes.HasBadge b) {
            return new Ast.HasBadge(new Ast.Name(NOWHERE, b.badge()));
        }
        if (c instanceof Nodes.BirthdayToday) {
            return new Ast.Birthday(-1);
        }
        if (c instanceof Nodes.BirthdayMonth) {
            return new Ast.Birthday(-2);
        }
        if (c instanceof Nodes.BirthdayWithin b) {
            return new Ast.Birthday(b.days());
        }
        if (c instanceof Nodes.FirstPurchase) {
            return new Ast.FirstPurchase();
        }
        if (c instanceof Nodes.PurchasesSoFar p) {
            return new Ast.Purchases(p.atLeast() ? ">=" : "<=", p.count());
        }
        throw new UnprintableProgramException(who + ": condition " + c + " was written in Java and cannot be printed;"
                + " only conditions built with Conditions, Condition.and/or/not and LineMatcher's factories can be"
                + " printed");
    }

    /**
     * {@code tier = X} for one tier, {@code tier >= X} for the declared tiers from X up, else
     * {@code tier in (...)} lowest first (undeclared names last, alphabetically).
     */
    private Ast.TierIs tierIs(Set<String> tiers) {
        List<String> ordered = new ArrayList<>(tiers);
        ordered.sort(java.util.Comparator.<String>comparingInt(n -> tierOrder.contains(n) ? tierOrder.indexOf(n)
                : tierOrder.size()).thenComparing(java.util.Comparator.naturalOrder()));
        if (ordered.size() > 1 && tierOrder.size() >= ordered.size()
                && tierOrder.subList(tierOrder.size() - ordered.size(), tierOrder.size()).equals(ordered)) {
            return new Ast.TierIs(NOWHERE, ">=", List.of(name(ordered.get(0))));
        }
        return new Ast.TierIs(NOWHERE, "=", names(ordered));
    }

    private static List<String> sorted(Set<String> values) {
        return List.copyOf(new TreeSet<>(values));
    }

    private List<Ast.Cond> conds(List<Condition> parts, String who) {
        List<Ast.Cond> out = new ArrayList<>();
        for (Condition p : parts) {
            out.add(cond(p, who));
        }
        return out;
    }

    /**
     * A matcher as a union of intersections (an intersection of unions is multiplied out, which
     * selects the same lines); any line is the empty union.
     */
    private Ast.Lines lines(LineMatcher m, String who) {
        List<List<Ast.LineAtom>> terms = terms(m, who);
        for (List<Ast.LineAtom> t : terms) {
            if (t.isEmpty()) {
                return new Ast.Lines(List.of());
            }
        }
        return new Ast.Lines(terms);
    }

    /** The terms of a union; an empty term selects every line. */
    private List<List<Ast.LineAtom>> terms(LineMatcher m, String who) {
        if (m instanceof Nodes.AnyLine) {
            return List.of(List.of());
        }
        if (m instanceof Nodes.SkuIn s) {
            return List.of(List.of(new Ast.LineAtom("sku", sorted(s.skus()))));
        }
        if (m instanceof Nodes.CategoryIn k) {
            return List.of(List.of(new Ast.LineAtom("category", sorted(k.categories()))));
        }
        if (m instanceof Nodes.EitherLine e) {
            List<List<Ast.LineAtom>> out = new ArrayList<>(terms(e.a(), who));
            out.addAll(terms(e.b(), who));
            return out;
        }
        if (m instanceof Nodes.BothLine b) {
            List<List<Ast.LineAtom>> out = new ArrayList<>();
            for (List<Ast.LineAtom> x : terms(b.a(), who)) {
                for (List<Ast.LineAtom> y : terms(b.b(), who)) {
                    List<Ast.LineAtom> t = new ArrayList<>(x);
                    t.addAll(y);
                    out.add(List.copyOf(t));
                }
            }
            return out;
        }
        throw new UnprintableProgramException(who + ": line matcher " + m + " was written in Java and cannot be"
                + " printed; only matchers built with LineMatcher.sku, category, anyLine, and() and or() can be printed");
    }

    private Ast.Amount amount(Points p) {
        return amount(p.currency().code(), p.minorUnits());
    }

    private Ast.Amount amount(String code, long minorUnits) {
        PointCurrency c = currencies.get(code);
        int scale = c == null ? 0 : c.decimalPlaces();
        return new Ast.Amount(NOWHERE, BigDecimal.valueOf(minorUnits, scale), name(code));
    }

    private static Ast.Cash cash(Money m) {
        return new Ast.Cash(NOWHERE, m.amount(), name(m.currency().getCurrencyCode()));
    }

    private static Ast.Name name(String s) {
        return new Ast.Name(NOWHERE, s);
    }

    private static List<Ast.Name> names(java.util.Collection<String> names) {
        List<Ast.Name> out = new ArrayList<>();
        for (String n : names) {
            out.add(name(n));
        }
        return out;
    }
}
