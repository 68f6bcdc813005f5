package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rules.Action;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Campaign;
import io.github.loyaltyrules.rules.CapPeriod;
import io.github.loyaltyrules.rules.Condition;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.GroupSelection;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.Multiplier;
import io.github.loyaltyrules.rules.MultiplierStacking;
import io.github.loyaltyrules.rules.Rule;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.rules.text.Ast.Act;
import io.github.loyaltyrules.rules.text.Ast.Amount;
import io.github.loyaltyrules.rules.text.Ast.Cash;
import io.github.loyaltyrules.rules.text.Ast.Cond;
import io.github.loyaltyrules.rules.text.Ast.LineAtom;
import io.github.loyaltyrules.rules.text.Ast.Lines;
import io.github.loyaltyrules.rules.text.Ast.Name;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import io.github.loyaltyrules.rules.text.Ast.Stmt;
import io.github.loyaltyrules.tier.ExpiryProtection;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Requirement;
import io.github.loyaltyrules.tier.ReturnRule;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierLadder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks the names in an {@link Ast.Program} and builds the currencies, rule set and rewards it describes. */
final class Compiler {

    /** Thrown inside one declaration after its problem was recorded. */
    private static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip() {
            super(null, null, false, false);
        }
    }

    private final Ast.Program program;
    private final List<Problem> problems;
    private final Set<String> failed;
    private String id = "program";
    private ZoneId zone = ZoneOffset.UTC;
    private MultiplierStacking stacking = MultiplierStacking.ADDITIVE;
    private final Map<String, PointCurrency> currencies = new LinkedHashMap<>();
    private final Map<String, Pos> currencyDecls = new LinkedHashMap<>();
    private List<String> tiers;
    /** The badges the program's challenges award. */
    private final java.util.Set<String> badges = new java.util.TreeSet<>();
    private List<String> attributes;
    private final Map<String, GroupSelection> groups = new LinkedHashMap<>();
    private final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    private final Map<String, Pos> seen = new LinkedHashMap<>();
    private final List<Ast.TierDecl> tierDecls = new ArrayList<>();
    private Ast.TiersDecl tiersDecl;
    private Ast.LadderDecl ladderDecl;
    private TierLadder ladder;
    private final List<RedemptionRule> redemptionRules = new ArrayList<>();
    private final List<io.github.loyaltyrules.program.VoucherConversion> voucherConversions = new ArrayList<>();
    /** The currencies' {@code kept while tier} clauses, by currency code, checked once the tiers are known. */
    private final Map<String, Ast.Kept> keptClauses = new LinkedHashMap<>();
    private final List<ExpiryProtection> protections = new ArrayList<>();

    Compiler(Ast.Program program, List<Problem> problems, Set<String> failed) {
        this.program = program;
        this.problems = problems;
        this.failed = failed;
    }

    ParsedProgram compile() {
        // declarations first, so that rules may refer to names declared after them
        for (Stmt s : program.statements()) {
            try {
                declare(s);
            } catch (Skip e) {
                // recorded
            } catch (LoyaltyException e) {
                report(s.pos(), e.getMessage());
            }
        }
        tierStatements();
        keptClauses();
        for (Stmt s : program.statements()) {
            if (s instanceof Ast.CampaignDecl c) {
                try {
                    campaign(c);
                } catch (Skip e) {
                    // recorded
                } catch (LoyaltyException e) {
                    report(c.pos(), e.getMessage());
                }
            }
        }
        List<Rule> rules = new ArrayList<>();
        List<Reward> rewards = new ArrayList<>();
        List<io.github.loyaltyrules.engagement.Challenge> challenges = new ArrayList<>();
        for (Stmt s : program.statements()) {
            try {
                if (s instanceof Ast.RuleDecl r) {
                    rules.add(rule(r));
                } else if (s instanceof Ast.RewardDecl r) {
                    rewards.add(reward(r));
                } else if (s instanceof Ast.ChallengeDecl c) {
                    challenges.add(challenge(c));
                }
            } catch (Skip e) {
                // recorded
            } catch (LoyaltyException e) { // a rule the builders refuse that no check above named: at its statement
                report(s.pos(), e.getMessage());
            }
        }
        boolean anyRule = program.statements().stream().anyMatch(s -> s instanceof Ast.RuleDecl);
        if (currencyDecls.isEmpty() && !failedAny("currency") && anyRule) {
            problems.add(new Problem(1, 1, "", "a program needs at least one 'currency' declaration"));
        }
        if (!problems.isEmpty() || currencies.isEmpty()) {
            return null;
        }
        RuleSet.Builder b = RuleSet.builder(currencies.values().toArray(new PointCurrency[0])).multipliers(stacking);
        if (tiers != null) {
            b.tiers(tiers.toArray(new String[0]));
        }
        if (attributes != null) {
            b.memberAttributes(attributes.toArray(new String[0]));
        }
        groups.forEach(b::exclusiveGroup);
        campaigns.values().forEach(b::campaign);
        rules.forEach(b::add);
        RuleSet ruleSet;
        try {
            ruleSet = b.build();
        } catch (LoyaltyException e) {
            problems.add(new Problem(1, 1, "", e.getMessage()));
            return null;
        }
        return new ParsedProgram(id, zone, List.copyOf(currencies.values()), ruleSet, List.copyOf(rewards),
                tiers == null ? List.of() : List.copyOf(tiers), ladder, List.copyOf(redemptionRules),
                List.copyOf(voucherConversions), List.copyOf(protections), List.copyOf(challenges));
    }

    private void declare(Stmt s) {
        if (s instanceof Ast.ProgramId p) {
            once("program", p.pos());
            if (p.id().isBlank()) {
                report(p.pos(), "program id must not be blank");
            }
            id = p.id();
        } else if (s instanceof Ast.Zone z) {
            once("zone", z.pos());
            try {
                zone = ZoneId.of(z.zone());
            } catch (DateTimeException e) {
                String hint = Names.closest(z.zone(), ZoneId.getAvailableZoneIds().stream().sorted().toList());
                report(z.zonePos(), "unknown time zone '" + Inputs.shown(z.zone()) + "'"
                        + (hint == null ? "; expected a region such as \"Europe/Paris\" or \"UTC\""
                        : ", did you mean '" + hint + "'?"));
            }
        } else if (s instanceof Ast.Stacking m) {
            once("multipliers", m.pos());
            stacking = m.mode().equals("compound") ? MultiplierStacking.COMPOUND : MultiplierStacking.ADDITIVE;
        } else if (s instanceof Ast.CurrencyDecl c) {
            currency(c);
        } else if (s instanceof Ast.LadderDecl l) {
            once("ladder", l.pos());
            ladderDecl = l;
        } else if (s instanceof Ast.TierDecl t) {
            unique("tier", t.name());
            tierDecls.add(t);
        } else if (s instanceof Ast.TiersDecl t) {
            once("tiers", t.pos());
            tiersDecl = t;
            tiers = distinct("tier", t.tiers());
        } else if (s instanceof Ast.AttributesDecl a) {
            once("attributes", a.pos());
            attributes = distinct("attribute", a.names());
        } else if (s instanceof Ast.GroupDecl g) {
            unique("group", g.name());
            groups.put(g.name().value(), g.selection().equals("best") ? GroupSelection.BEST : GroupSelection.FIRST);
        } else if (s instanceof Ast.RuleDecl r) {
            unique("rule", r.id());
        } else if (s instanceof Ast.RewardDecl r) {
            unique("reward", r.id());
        } else if (s instanceof Ast.ChallengeDecl c) {
            unique("challenge", c.id());
            if (c.badge() != null) {
                badges.add(c.badge().value());
            }
        } else if (s instanceof Ast.CampaignDecl c) {
            unique("campaign", c.id());
        }
    }

    private void tierStatements() {
        if (tierDecls.isEmpty()) {
            if (ladderDecl != null && !failedAny("tier")) {
                report(ladderDecl.pos(), "'ladder' needs 'tier' statements, one per tier from lowest to highest");
            }
            return;
        }
        if (tiersDecl != null) {
            report(tierDecls.get(0).pos(), "tiers are already listed by the 'tiers' statement at line "
                    + tiersDecl.pos().line() + "; use either 'tiers' or 'tier' statements, not both");
            return;
        }
        tiers = new ArrayList<>();
        for (Ast.TierDecl t : tierDecls) {
            tiers.add(t.name().value());
        }
        TierLadder.Builder b = TierLadder.builder().zone(zone);
        Set<Metric> metrics = new LinkedHashSet<>();
        boolean broken = false;
        int before = problems.size();
        for (Ast.TierDecl d : tierDecls) {
            try {
                Tier t = Tier.of(d.name().value());
                if (d.requirement() != null) {
                    Requirement r = TierRequirements.compile(d.requirement(), th -> {
                        Metric m = metric(th);
                        metrics.add(m);
                        return m;
                    }, this::report);
                    if (r != null) {
                        t = t.withRequirement(r);
                    }
                }
                if (d.multiplier() != null) {
                    t = t.withMultiplier(d.multiplier());
                }
                if (!d.perks().isEmpty()) {
                    t = t.withPerks(d.perks().toArray(new String[0]));
                }
                if (d.neverDowngrade()) {
                    t = t.withNeverDowngrade();
                }
                b.tier(t);
            } catch (Skip e) {
                broken = true;
            } catch (LoyaltyException e) {
                report(d.pos(), e.getMessage());
            }
        }
        Pos at = ladderDecl != null ? ladderDecl.pos() : tierDecls.get(0).pos();
        try {
            if (ladderDecl != null) {
                if (ladderDecl.window() != null) {
                    b.window(window(ladderDecl));
                }
                if (ladderDecl.retention() != null) {
                    b.retention(ladderDecl.retention());
                }
                if (ladderDecl.grace() != null) {
                    b.gracePeriod(ladderDecl.grace());
                }
                b.softLanding(ladderDecl.softLanding());
                if (ladderDecl.immediateReturns()) {
                    b.returnRule(ReturnRule.IMMEDIATE);
                }
                for (Ast.Threshold th : ladderDecl.tracked()) {
                    try {
                        metrics.add(metric(th));
                    } catch (Skip e) {
                        broken = true;
                    }
                }
            }
            if (broken || problems.size() > before) {
                return;
            }
            ladder = b.metrics(metrics.toArray(new Metric[0])).build();
        } catch (LoyaltyException e) {
            report(at, e.getMessage());
        }
    }

    private static QualificationWindow window(Ast.LadderDecl l) {
        switch (l.window()) {
            case "calendar year": return QualificationWindow.calendarYear();
            case "anniversary year": return QualificationWindow.anniversaryYear();
            case "lifetime": return QualificationWindow.lifetime();
            default: return QualificationWindow.rollingMonths(l.months());
        }
    }

    private Metric metric(Ast.Threshold th) {
        if (th.kind().equals("purchases")) {
            return Metric.purchases();
        }
        if (th.kind().equals("counter")) {
            try {
                return Metric.counter(th.unit().value());
            } catch (LoyaltyException e) {
                report(th.unit().pos(), e.getMessage());
                throw new Skip();
            }
        }
        String code = th.unit().value();
        PointCurrency pc = currencies.get(code);
        if (pc != null) {
            return Metric.points(pc);
        }
        if (currencyDecls.containsKey(code)) {
            throw new Skip();
        }
        try {
            return Metric.spend(Currency.getInstance(code));
        } catch (IllegalArgumentException e) {
            if (!failed.contains("currency") && !failed.contains("currency " + code)) {
                List<String> known = new ArrayList<>(currencyDecls.keySet());
                known.addAll(failedNames("currency"));
                known.add("purchases");
                known.add("counter");
                report(th.unit().pos(), Names.unknown("currency", code, known)
                        .replace("; expected one of", "; expected a point currency, an ISO money code, 'purchases' or"
                                + " 'counter', such as"));
            }
            throw new Skip();
        }
    }

    private void currency(Ast.CurrencyDecl c) {
        unique("currency", c.code());
        currencyDecls.put(c.code().value(), c.pos());
        try {
            PointCurrency pc = PointCurrency.of(c.code().value(), c.name(), c.decimals());
            ExpiryPolicy policy = policy(c.expiry());
            if (c.inactivity() != null) {
                policy = policy.withInactivity(c.inactivity());
            }
            pc = pc.withExpiry(policy).withHold(c.hold());
            if (c.activity() != null) {
                pc = pc.withActivity(postingTypes(c));
            }
            pc = pc.withConsumptionOrder(c.order());
            currencies.put(pc.code(), pc);
            if (c.kept() != null) {
                keptClauses.put(pc.code(), c.kept());
            }
            if (c.redeem() != null) {
                try {
                    redemptionRules.add(RedemptionClauses.compile(c.redeem(), pc,
                            c.redeem().worth() == null ? null : money(c.redeem().worth().value())));
                } catch (Skip e) {
                    // reported
                } catch (LoyaltyException | ArithmeticException e) {
                    report(c.redeem().pos(), "currency " + Inputs.shown(c.code().value()) + ": " + e.getMessage());
                }
            }
            if (c.convert() != null) {
                try {
                    voucherConversions.add(VoucherClauses.compile(c.convert(), pc, money(c.convert().value())));
                } catch (Skip e) {
                    // reported
                } catch (LoyaltyException | ArithmeticException e) {
                    report(c.convert().pos(), "currency " + Inputs.shown(c.code().value()) + ": " + e.getMessage());
                }
            }
        } catch (LoyaltyException e) {
            report(c.code().pos(), "currency " + Inputs.shown(c.code().value()) + ": " + e.getMessage());
        }
    }

    /** The expiry an {@code expires} clause (of a currency, or after a {@code kept} clause) states. */
    private static ExpiryPolicy policy(Ast.Expiry expiry) {
        if (expiry instanceof Ast.After a) {
            return ExpiryPolicy.afterTerm(a.term());
        } else if (expiry instanceof Ast.EndOf e) {
            return e.anchor() == null ? ExpiryPolicy.endOfPeriod(calendarPeriod(e.period()), e.after())
                    : ExpiryPolicy.endOfPeriod(calendarPeriod(e.period()), e.anchor(), e.after());
        }
        return ExpiryPolicy.never();
    }

    /**
     * Checks each currency's {@code kept while tier} clause against the ladder (its tiers must be on
     * it) and makes it an {@link ExpiryProtection}.
     */
    private void keptClauses() {
        for (Map.Entry<String, Ast.Kept> e : keptClauses.entrySet()) {
            Ast.Kept kept = e.getValue();
            if (ladder == null) {
                if (tierDecls.isEmpty() && !failedAny("tier")) { // else the ladder's own errors are reported
                    report(kept.pos(), "currency " + e.getKey() + " is kept while a tier is held, but the program has"
                            + " no tier ladder; declare its tiers with 'tier' statements");
                }
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            boolean bad = false;
            for (Name n : kept.tiers()) {
                if (!tiers.contains(n.value())) {
                    report(n.pos(), Names.unknown("tier", n.value(), tiers));
                    bad = true;
                } else if (!names.add(n.value())) {
                    report(n.pos(), "tier " + n.value() + " is named twice in the 'kept' clause of currency "
                            + e.getKey() + "; name each tier once");
                    bad = true;
                }
            }
            if (bad) {
                continue;
            }
            try {
                protections.add(ExpiryProtection.of(e.getKey(), names, policy(kept.after())));
            } catch (LoyaltyException x) {
                report(kept.pos(), "currency " + e.getKey() + ": " + x.getMessage());
            }
        }
    }

    private java.util.Set<PostingType> postingTypes(Ast.CurrencyDecl c) {
        List<String> known = new ArrayList<>();
        for (PostingType t : PostingType.values()) {
            known.add(t.name().toLowerCase(java.util.Locale.ROOT));
        }
        java.util.Set<PostingType> out = java.util.EnumSet.noneOf(PostingType.class);
        boolean bad = false;
        for (Name n : c.activity()) {
            int k = known.indexOf(n.value());
            if (k < 0) {
                report(n.pos(), Names.unknown("posting type", n.value(), known));
                bad = true;
            } else {
                out.add(PostingType.values()[k]);
            }
        }
        if (bad) {
            throw new Skip();
        }
        return out;
    }

    private static CalendarPeriod calendarPeriod(String p) {
        switch (p) {
            case "month": return CalendarPeriod.MONTH;
            case "quarter": return CalendarPeriod.QUARTER;
            case "half-year": return CalendarPeriod.HALF_YEAR;
            default: return CalendarPeriod.YEAR;
        }
    }

    private void campaign(Ast.CampaignDecl c) {
        Campaign campaign;
        try {
            campaign = Campaign.of(c.id().value(), c.name() == null ? c.id().value() : c.name(), instant(c.from()),
                    instant(c.until()));
        } catch (LoyaltyException e) {
            report(c.pos(), e.getMessage());
            return;
        }
        for (Amount a : c.budgets()) {
            try {
                campaign = campaign.withBudget(a.currency().value(), points(a).minorUnits());
            } catch (Skip e) {
                // recorded; go on with the other budgets
            } catch (LoyaltyException e) {
                report(a.pos(), e.getMessage());
            }
        }
        campaigns.put(campaign.id(), campaign);
    }

    private Rule rule(Ast.RuleDecl r) {
        int before = problems.size();
        boolean broken = false;
        Rule.Builder b;
        try {
            b = Rule.builder(r.id().value());
        } catch (LoyaltyException e) {
            report(r.id().pos(), e.getMessage());
            throw new Skip();
        }
        try {
            if (r.name() != null) {
                b.name(r.name());
            }
            b.priority(r.priority());
            if (r.validFrom() != null) {
                b.validBetween(r.validFrom(), r.validTo());
            }
        } catch (LoyaltyException e) {
            report(r.pos(), ruleMessage(r, e));
        }
        if (r.group() != null) {
            known("exclusive group", r.group(), groups.keySet(), "group");
            b.exclusiveGroup(r.group().value());
        }
        if (r.campaign() != null) {
            Pos declared = seen.get("campaign " + r.campaign().value());
            known("campaign", r.campaign(), campaignIds(), "campaign");
            if (declared != null) {
                b.campaign(r.campaign().value());
            }
        }
        if (r.when() != null) {
            try {
                b.when(condition(r.when()));
            } catch (LoyaltyException e) {
                report(r.pos(), ruleMessage(r, e));
            } catch (Skip e) {
                broken = true;
            }
        }
        List<Action> actions = new ArrayList<>();
        for (Act a : r.actions()) {
            try {
                if (a instanceof Ast.Multiply m) {
                    currencyOf(m.currency());
                    LineMatcher on = m.lines() == null ? LineMatcher.anyLine() : lines(m.lines());
                    Multiplier mult = m.factor() == null
                            ? new Multiplier(m.currency().value(), java.math.BigDecimal.ONE, on, true)
                            : new Multiplier(m.currency().value(), m.factor(), on);
                    b.multiply(mult);
                } else {
                    actions.add(action(a));
                }
            } catch (LoyaltyException e) {
                report(a instanceof Ast.Multiply m ? m.pos() : a instanceof Ast.PerMeasure pm ? pm.pos() : amountOf(a).pos(),
                        e.getMessage());
            } catch (Skip e) {
                broken = true;
            }
        }
        for (Ast.Cap c : r.caps()) {
            try {
                long minor = points(c.amount()).minorUnits();
                if (c.period() == null) {
                    b.capPerTransaction(c.amount().currency().value(), minor);
                } else {
                    b.capPerMember(c.amount().currency().value(), minor, capPeriod(c.period()));
                }
            } catch (LoyaltyException e) {
                report(c.pos(), e.getMessage());
            } catch (Skip e) {
                broken = true;
            }
        }
        if (broken || problems.size() > before) {
            throw new Skip();
        }
        try {
            if (!actions.isEmpty()) {
                b.award(actions.toArray(new Action[0]));
            }
            return b.build();
        } catch (LoyaltyException e) {
            report(r.pos(), ruleMessage(r, e));
            throw new Skip();
        }
    }

    private static String ruleMessage(Ast.RuleDecl r, LoyaltyException e) {
        String prefix = "rule '" + Inputs.shown(r.id().value()) + "'";
        return e.getMessage().startsWith(prefix) ? e.getMessage() : prefix + ": " + e.getMessage();
    }

    private static Amount amountOf(Act a) {
        return a instanceof Ast.Earn e ? e.amount() : a instanceof Ast.PerMeasure m ? m.amount()
                : ((Ast.PerItem) a).amount();
    }

    private static CapPeriod capPeriod(String p) {
        switch (p) {
            case "day": return CapPeriod.DAY;
            case "week": return CapPeriod.WEEK;
            case "month": return CapPeriod.MONTH;
            case "year": return CapPeriod.YEAR;
            default: return CapPeriod.LIFETIME;
        }
    }

    private Action action(Act a) {
        if (a instanceof Ast.PerItem p) {
            Points per = points(p.amount());
            return Actions.perItem(p.lines() == null ? LineMatcher.anyLine() : lines(p.lines()), per);
        }
        if (a instanceof Ast.PerMeasure m) {
            Points per = points(m.amount());
            LineMatcher on = m.lines() == null ? LineMatcher.anyLine() : lines(m.lines());
            if (m.unit().isEmpty()) {
                long step;
                try {
                    step = m.step().longValueExact();
                } catch (ArithmeticException notWhole) {
                    report(m.pos(), "items per step must be a whole number from 1 to " + Long.MAX_VALUE + "; got "
                            + Inputs.shown(m.step()));
                    throw new Skip();
                }
                return Actions.perItemsOn(on, per, step);
            }
            return Actions.perMeasureOn(on, per, m.step(), m.unit());
        }
        Ast.Earn e = (Ast.Earn) a;
        Points pts = points(e.amount());
        if (e.per() == null) {
            return Actions.fixed(pts);
        }
        Money step = money(e.per());
        return Actions.perUnitSpentOn(e.lines() == null ? LineMatcher.anyLine() : lines(e.lines()), pts, step, e.base());
    }

    Condition condition(Cond c) {
        if (c instanceof Ast.And a) {
            return Conditions.allOf(conditions(a.parts()));
        }
        if (c instanceof Ast.Or o) {
            return Conditions.anyOf(conditions(o.parts()));
        }
        if (c instanceof Ast.Not n) {
            return Condition.not(condition(n.inner()));
        }
        if (c instanceof Ast.In in) {
            String[] v = in.values().toArray(new String[0]);
            switch (in.field()) {
                case "category": return Conditions.category(v);
                case "sku": return Conditions.sku(v);
                case "store": return Conditions.store(v);
                case "channel": return Conditions.channel(v);
                case "code": return Conditions.code(v);
                case "tender": return Conditions.paidWith(v);
                default: return Conditions.eventType(v);
            }
        }
        if (c instanceof Ast.Weekdays w) {
            return Conditions.daysOfWeek(w.days().toArray(new java.time.DayOfWeek[0]));
        }
        if (c instanceof Ast.TimeOfDay t) {
            return Conditions.timeOfDay(t.from(), t.until());
        }
        if (c instanceof Ast.Dates d) {
            return Conditions.dates(d.from(), d.to());
        }
        if (c instanceof Ast.TierIs t) {
            return Conditions.tier(tierNames(t));
        }
        if (c instanceof Ast.Tag t) {
            return Conditions.tag(t.tag());
        }
        if (c instanceof Ast.HasBadge b) {
            if (!badges.contains(b.badge().value())) {
                known("badge", b.badge(), badges, "challenge");
                throw new Skip();
            }
            return Conditions.badge(b.badge().value());
        }
        if (c instanceof Ast.Attr a) {
            if (attributes != null) {
                known("member attribute", a.key(), attributes, "attributes");
            }
            return Conditions.attribute(a.key().value(), a.value());
        }
        if (c instanceof Ast.EventAttr a) {
            return Conditions.eventAttribute(a.key(), a.value());
        }
        if (c instanceof Ast.Birthday b) {
            return b.days() == -1 ? Conditions.birthdayToday() : b.days() == -2 ? Conditions.birthdayMonth()
                    : Conditions.birthdayWithin(b.days());
        }
        if (c instanceof Ast.FirstPurchase) {
            return Conditions.firstPurchase();
        }
        if (c instanceof Ast.Always) {
            return Conditions.always();
        }
        if (c instanceof Ast.Purchases p) {
            return p.op().equals(">=") ? Conditions.purchasesSoFarAtLeast(p.count())
                    : Conditions.purchasesSoFarAtMost(p.count());
        }
        if (c instanceof Ast.Basket b) {
            return Conditions.basketAtLeast(money(b.threshold()), b.base());
        }
        if (c instanceof Ast.Quantity q) {
            return Conditions.quantityAtLeast(lines(q.lines()), q.units());
        }
        Ast.Spend s = (Ast.Spend) c;
        return Conditions.spendAtLeast(lines(s.lines()), money(s.threshold()), s.base());
    }

    private Condition[] conditions(List<Cond> parts) {
        Condition[] out = new Condition[parts.size()];
        boolean skipped = false;
        for (int k = 0; k < out.length; k++) {
            try {
                out[k] = condition(parts.get(k));
            } catch (Skip e) {
                skipped = true;
            }
        }
        if (skipped) {
            throw new Skip();
        }
        return out;
    }

    private String[] tierNames(Ast.TierIs t) {
        if (tiers == null) {
            if (t.op().equals(">=")) {
                if (!failed.contains("tiers") && !failedAny("tier")) {
                    report(t.pos(), "'tier >= " + Inputs.shown(t.tiers().get(0).value())
                            + "' needs a 'tiers' declaration listing the tiers from lowest to highest");
                }
                throw new Skip();
            }
            return t.tiers().stream().map(Name::value).toArray(String[]::new);
        }
        boolean bad = false;
        for (Name n : t.tiers()) {
            if (!tiers.contains(n.value())) {
                known("tier", n, tiers, "tiers");
                bad = true;
            }
        }
        if (bad) {
            throw new Skip();
        }
        if (t.op().equals(">=")) {
            return tiers.subList(tiers.indexOf(t.tiers().get(0).value()), tiers.size()).toArray(new String[0]);
        }
        return t.tiers().stream().map(Name::value).toArray(String[]::new);
    }

    private LineMatcher lines(Lines l) {
        if (l.terms().isEmpty()) {
            return LineMatcher.anyLine();
        }
        LineMatcher m = null;
        for (List<LineAtom> term : l.terms()) {
            LineMatcher all = null;
            for (LineAtom a : term) {
                String[] v = a.values().toArray(new String[0]);
                LineMatcher one = a.field().equals("sku") ? LineMatcher.sku(v) : LineMatcher.category(v);
                all = all == null ? one : all.and(one);
            }
            m = m == null ? all : m.or(all);
        }
        return m;
    }

    private io.github.loyaltyrules.engagement.Challenge challenge(Ast.ChallengeDecl c) {
        int before = problems.size();
        Points reward = null;
        Money spend = null;
        try {
            reward = points(c.reward());
        } catch (Skip e) {
            // recorded; the spend is still checked
        }
        if (c.spend() != null) {
            spend = money(c.spend());
        }
        if (reward == null || problems.size() > before) {
            throw new Skip();
        }
        try {
            return ChallengeClauses.compile(c, reward, spend);
        } catch (LoyaltyException e) {
            report(c.pos(), e.getMessage());
            throw new Skip();
        }
    }

    private Reward reward(Ast.RewardDecl r) {
        int before = problems.size();
        Points cost = null;
        try {
            cost = points(r.cost());
        } catch (Skip e) {
            // recorded; the tiers are still checked
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Name n : r.tiers()) {
            if (tiers != null && !tiers.contains(n.value())) {
                known("tier", n, tiers, "tiers");
            }
            allowed.add(n.value());
        }
        if (cost == null || problems.size() > before) {
            throw new Skip();
        }
        try {
            Reward reward = Reward.of(r.id().value(), r.name(), cost);
            if (!allowed.isEmpty()) {
                reward = reward.forTiers(allowed);
            }
            if (r.limit() != null) {
                reward = reward.limitPerMember(r.limit());
            }
            if (r.upTo() != null) {
                reward = reward.upTo(r.upTo());
            }
            List<io.github.loyaltyrules.program.UsageLimit> limits = new ArrayList<>();
            for (Ast.Usage u : r.usage()) {
                limits.add(UsageLimitClauses.compile(u));
            }
            for (io.github.loyaltyrules.program.UsageLimit l : UsageLimitClauses.sorted(limits)) {
                reward = reward.withLimit(l);
            }
            if (r.from() != null || r.until() != null) {
                reward = reward.availableBetween(r.from() == null ? Instant.MIN : instant(r.from()),
                        r.until() == null ? Instant.MAX : instant(r.until()));
            }
            return reward;
        } catch (LoyaltyException e) {
            report(r.pos(), e.getMessage());
            throw new Skip();
        }
    }

    private Points points(Amount a) {
        PointCurrency c = currencyOf(a.currency());
        try {
            return Points.fromDecimal(c, a.value());
        } catch (LoyaltyException | ArithmeticException e) {
            report(a.pos(), e.getMessage());
            throw new Skip();
        }
    }

    private PointCurrency currencyOf(Name code) {
        PointCurrency c = currencies.get(code.value());
        if (c == null) {
            if (!currencyDecls.containsKey(code.value())) {
                known("currency", code, currencyDecls.keySet(), "currency");
            }
            throw new Skip();
        }
        return c;
    }

    private Money money(Cash cash) {
        Currency cur;
        try {
            cur = Currency.getInstance(cash.currency().value());
        } catch (IllegalArgumentException e) {
            TreeSet<String> codes = new TreeSet<>();
            for (Currency x : Currency.getAvailableCurrencies()) {
                codes.add(x.getCurrencyCode());
            }
            String hint = Names.closest(cash.currency().value(), codes);
            report(cash.currency().pos(), "unknown money currency '" + Inputs.shown(cash.currency().value()) + "'"
                    + (hint == null ? "; expected an ISO 4217 code such as EUR" : ", did you mean '" + hint + "'?"));
            throw new Skip();
        }
        Money m;
        try {
            m = Money.of(cash.value(), cur);
        } catch (LoyaltyException e) {
            report(cash.pos(), e.getMessage());
            throw new Skip();
        }
        // money is counted in minor units that fit a long (baskets, steps, thresholds)
        java.math.BigDecimal max = java.math.BigDecimal.valueOf(Long.MAX_VALUE, m.amount().scale());
        if (m.amount().abs().compareTo(max) > 0) {
            report(cash.pos(), "money amount " + Inputs.shown(cash.value()) + " " + cur.getCurrencyCode()
                    + " is too large; expected at most " + max.toPlainString() + " " + cur.getCurrencyCode());
            throw new Skip();
        }
        return m;
    }

    private Instant instant(Ast.DayTime d) {
        return d.time() == null ? d.day().atStartOfDay(zone).toInstant() : d.day().atTime(d.time()).atZone(zone).toInstant();
    }

    private List<String> campaignIds() {
        List<String> ids = new ArrayList<>();
        for (String k : seen.keySet()) {
            if (k.startsWith("campaign ")) {
                ids.add(k.substring("campaign ".length()));
            }
        }
        return ids;
    }

    /**
     * Reports an unknown name, with the closest declared one, unless a statement that may have declared
     * it failed to parse: one of that kind whose name could not be read, or one with this name.
     */
    private void known(String kind, Name n, java.util.Collection<String> names, String declaredBy) {
        String statement = declaredBy.equals("tiers") ? "tier" : declaredBy;
        boolean declarationFailed = failed.contains(declaredBy) || failed.contains(statement)
                || failed.contains(statement + " " + n.value());
        if (!names.contains(n.value()) && !declarationFailed) {
            List<String> known = new ArrayList<>(names);
            known.addAll(failedNames(statement));
            report(n.pos(), Names.unknown(kind, n.value(), known));
        }
    }

    /** Whether a statement of this kind failed to parse. */
    private boolean failedAny(String statement) {
        return failed.contains(statement) || !failedNames(statement).isEmpty();
    }

    /** The names declared by the statements of this kind that failed to parse. */
    private List<String> failedNames(String statement) {
        List<String> out = new ArrayList<>();
        for (String f : failed) {
            if (f.startsWith(statement + " ")) {
                out.add(f.substring(statement.length() + 1));
            }
        }
        out.sort(null);
        return out;
    }

    private void once(String statement, Pos pos) {
        Pos first = seen.putIfAbsent(statement, pos);
        if (first != null) {
            report(pos, "'" + statement + "' is declared twice; first at line " + first.line() + ", column "
                    + first.column());
        }
    }

    private void unique(String kind, Name n) {
        Pos first = seen.putIfAbsent(kind + " " + n.value(), n.pos());
        if (first != null) {
            report(n.pos(), "duplicate " + kind + " '" + Inputs.shown(n.value()) + "'; first declared at line "
                    + first.line()
                    + ", column " + first.column());
        }
    }

    private List<String> distinct(String kind, List<Name> names) {
        List<String> out = new ArrayList<>();
        for (Name n : names) {
            unique(kind, n);
            if (!out.contains(n.value())) {
                out.add(n.value());
            }
        }
        return out;
    }

    private void report(Pos pos, String message) {
        problems.add(new Problem(pos.line(), pos.column(), pos.text(), message));
    }
}
