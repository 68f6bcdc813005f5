package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.rules.text.Ast.Act;
import io.github.loyaltyrules.rules.text.Ast.Amount;
import io.github.loyaltyrules.rules.text.Ast.Cap;
import io.github.loyaltyrules.rules.text.Ast.Cash;
import io.github.loyaltyrules.rules.text.Ast.Cond;
import io.github.loyaltyrules.rules.text.Ast.LineAtom;
import io.github.loyaltyrules.rules.text.Ast.Lines;
import io.github.loyaltyrules.rules.text.Ast.Name;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import io.github.loyaltyrules.rules.text.Ast.Stmt;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid program syntax trees, for round-trip properties. */
final class Programs {

    static final Pos NOWHERE = new Pos(0, 0, "");
    static final List<String> TIERS = List.of("Green", "Gold", "Grün", "Gülden", "ذهبي", "Platin Plus", "金");
    static final List<String> CURRENCIES = List.of("STARS", "MILES");

    private Programs() {
    }

    static Name name(String s) {
        return new Name(NOWHERE, s);
    }

    /** Non-blank text with quotes, backslashes, control characters and non-Latin letters. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().withChars("ab Zé\"\\\n\t\u0001ü\u0645\u0631\u4e2d")
                .withChars("\uD83D\uDE00".toCharArray()).ofMaxLength(8).map(s -> "x" + s);
    }

    static Arbitrary<BigDecimal> decimal(int maxScale, long max) {
        return Combinators.combine(Arbitraries.longs().between(1, max), Arbitraries.integers().between(0, maxScale))
                .as((unscaled, scale) -> BigDecimal.valueOf(unscaled, scale));
    }

    static Arbitrary<Amount> amount() {
        return Arbitraries.of(CURRENCIES).flatMap(c -> decimal(c.equals("STARS") ? 0 : 2, 100_000)
                .map(v -> new Amount(NOWHERE, v, name(c))));
    }

    static Arbitrary<Cash> cash() {
        return decimal(2, 100_000).map(v -> new Cash(NOWHERE, v, name("EUR")));
    }

    /** Purchase codes and tender methods: letters, digits, '_' and '-', in any case. */
    static Arbitrary<List<String>> codes() {
        return Arbitraries.strings().withChars("aZx09_-").ofMinLength(1).ofMaxLength(8).list().ofMinSize(1).ofMaxSize(3);
    }

    static Arbitrary<io.github.loyaltyrules.rule.EarningBase> base() {
        return Arbitraries.of(io.github.loyaltyrules.rule.EarningBase.class);
    }

    static Arbitrary<List<String>> values() {
        return text().list().ofMinSize(1).ofMaxSize(3);
    }

    static Arbitrary<Lines> lines(boolean allowAny) {
        Arbitrary<LineAtom> atom = Combinators.combine(Arbitraries.of("category", "sku"), values()).as(LineAtom::new);
        Arbitrary<Lines> some = atom.list().ofMinSize(1).ofMaxSize(2).list().ofMinSize(1).ofMaxSize(3).map(Lines::new);
        return allowAny ? Arbitraries.oneOf(some, Arbitraries.just(new Lines(List.of()))) : some;
    }

    static Arbitrary<Cond> condition(int depth) {
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 3000).map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
        List<Arbitrary<? extends Cond>> atoms = new ArrayList<>(List.of(
                Combinators.combine(Arbitraries.of("category", "sku", "store", "channel", "event"), values())
                        .as(Ast.In::new),
                Combinators.combine(Arbitraries.of("code", "tender"), codes()).as(Ast.In::new),
                Arbitraries.of(DayOfWeek.class).list().ofMinSize(1).ofMaxSize(3).map(Ast.Weekdays::new),
                Combinators.combine(Arbitraries.integers().between(0, 1438), Arbitraries.integers().between(1, 600))
                        .as((from, len) -> new Ast.TimeOfDay(NOWHERE, LocalTime.MIN.plusMinutes(from),
                                LocalTime.MIN.plusMinutes(Math.min(1439, from + len)))),
                Combinators.combine(day, Arbitraries.integers().between(0, 400))
                        .as((d, len) -> new Ast.Dates(NOWHERE, d, d.plusDays(len))),
                Combinators.combine(Arbitraries.of("=", ">="), Arbitraries.of(TIERS).list().ofMinSize(1).ofMaxSize(3))
                        .as((op, t) -> new Ast.TierIs(NOWHERE, op, (op.equals(">=") ? t.subList(0, 1) : t).stream()
                                .map(Programs::name).toList())),
                text().map(Ast.Tag::new),
                Combinators.combine(Arbitraries.of("city", "segment"), text()).as((k, v) -> new Ast.Attr(name(k), v)),
                Combinators.combine(text(), text()).as(Ast.EventAttr::new),
                Arbitraries.integers().between(-2, 30).map(Ast.Birthday::new),
                Arbitraries.just(new Ast.FirstPurchase()),
                Arbitraries.just(new Ast.Always()),
                Combinators.combine(Arbitraries.of(">=", "<="), Arbitraries.longs().between(0, 1000))
                        .as(Ast.Purchases::new),
                Combinators.combine(cash(), base()).as(Ast.Basket::new),
                Combinators.combine(lines(true), Arbitraries.longs().between(1, 50)).as(Ast.Quantity::new),
                Combinators.combine(lines(true), cash(), base()).as(Ast.Spend::new)));
        Arbitrary<Cond> atom = Arbitraries.oneOf(atoms);
        if (depth <= 0) {
            return atom;
        }
        Arbitrary<Cond> sub = condition(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, atom),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Ast.And::new)),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(Ast.Or::new)),
                net.jqwik.api.Tuple.of(1, sub.map(Ast.Not::new)));
    }

    static Arbitrary<Act> award() {
        Arbitrary<Lines> maybeLines = Arbitraries.oneOf(lines(false), Arbitraries.just(null));
        return Arbitraries.oneOf(
                amount().map(a -> new Ast.Earn(a, null, null)),
                Combinators.combine(amount(), cash(), maybeLines, base()).as(Ast.Earn::new),
                Combinators.combine(amount(), decimal(6, 100_000), Arbitraries.of("L", "kg", "Liter"), maybeLines)
                        .as((a, step, unit, l) -> new Ast.PerMeasure(NOWHERE, a, step, unit, l)),
                Combinators.combine(amount(), Arbitraries.longs().between(1, 12), maybeLines)
                        .as((a, step, l) -> new Ast.PerMeasure(NOWHERE, a, BigDecimal.valueOf(step), "", l)),
                Combinators.combine(amount(), maybeLines).as(Ast.PerItem::new));
    }

    static Arbitrary<Act> multiplier() {
        Arbitrary<Lines> maybeLines = Arbitraries.oneOf(lines(false), Arbitraries.just(null));
        return Combinators.combine(Arbitraries.of(CURRENCIES), decimal(3, 5000).map(BigDecimal.ONE::add).injectNull(0.2), maybeLines)
                .as((c, f, l) -> new Ast.Multiply(NOWHERE, name(c), f, l));
    }

    static Arbitrary<Cap> cap() {
        return Combinators.combine(amount(), Arbitraries.of("day", "week", "month", "year", "lifetime").injectNull(0.3))
                .as((a, p) -> new Cap(NOWHERE, a, p));
    }

    static Arbitrary<Ast.RuleDecl> rule(int index) {
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 3000).map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
        Arbitrary<Boolean> isMultiplier = Arbitraries.integers().between(0, 3).map(n -> n == 0);
        return isMultiplier.flatMap(mult -> Combinators.combine(
                text().injectNull(0.3),
                Arbitraries.integers().between(-100, 100),
                day.injectNull(0.7),
                mult ? Arbitraries.just(null) : Arbitraries.of("g-best", "g-first").injectNull(0.7),
                Arbitraries.just("summer").injectNull(0.7),
                condition(2).injectNull(0.2),
                mult ? multiplier().list().ofSize(1) : award().list().ofMinSize(1).ofMaxSize(3),
                cap().list().ofMaxSize(2))
                .as((n, prio, from, group, campaign, when, acts, caps) -> new Ast.RuleDecl(NOWHERE,
                        name("r" + index + (index % 2 == 0 ? "" : "-ü")), n, prio, from,
                        from == null ? null : from.plusDays(prio + 100), group == null ? null : name(group),
                        campaign == null ? null : name(campaign), when, acts, caps)));
    }

    static Arbitrary<Ast.RewardDecl> reward(int index) {
        Arbitrary<LocalDate> day = Arbitraries.integers().between(0, 3000).map(d -> LocalDate.of(2024, 1, 1).plusDays(d));
        return Combinators.combine(text(), amount(), Arbitraries.of(TIERS).list().uniqueElements().ofMaxSize(2),
                Arbitraries.integers().between(1, 9).injectNull(0.5), day.injectNull(0.5), usage().list().ofMaxSize(3),
                Arbitraries.integers().between(2, 12).injectNull(0.6))
                .as((n, cost, tiers, limit, from, usage, upTo) -> new Ast.RewardDecl(NOWHERE, name("reward-" + index), n,
                        cost,
                        tiers.stream().map(Programs::name).toList(), limit,
                        from == null || index == 2 ? null : new Ast.DayTime(from, index == 1 ? LocalTime.of(9, 30) : null),
                        from == null ? null : new Ast.DayTime(from.plusDays(30), null), canonical(usage), upTo));
    }

    /** A usage limit other than the per-member one for the reward's life: per member per period, or overall. */
    static Arbitrary<Ast.Usage> usage() {
        return Combinators.combine(Arbitraries.integers().between(1, 1000), Arbitraries.of(true, false),
                Arbitraries.of(Parser.PERIODS).injectNull(0.3), anchor().injectNull(0.5))
                .as((uses, perMember, period, anchor) -> new Ast.Usage(NOWHERE, uses, perMember && period != null, period,
                        period == null ? null : anchor));
    }

    /** Usage clauses in the printer's order, one per count. */
    static List<Ast.Usage> canonical(List<Ast.Usage> usage) {
        java.util.Map<io.github.loyaltyrules.program.UsageLimit, Ast.Usage> byLimit = new java.util.TreeMap<>(
                UsageLimitClauses.ORDER);
        for (Ast.Usage u : usage) {
            byLimit.putIfAbsent(UsageLimitClauses.compile(u), u);
        }
        return List.copyOf(byLimit.values());
    }

    /**
     * A rule for paying with STARS: a minimum, a step, or a minimum that is a multiple of the step; what
     * returns give back of points spent on an order; and maybe a money value, with factors per channel.
     */
    static Arbitrary<Ast.Redeem> redeem() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 500),
                Arbitraries.integers().between(1, 5), Arbitraries.of("none", "pro rata", "on full return"),
                Arbitraries.integers().between(0, 3))
                .as((form, step, times, refund, worth) -> new Ast.Redeem(NOWHERE,
                        form == 1 ? null : BigDecimal.valueOf(form == 0 ? step : (long) step * times),
                        form == 0 ? null : BigDecimal.valueOf(step), refund, worth == 0 ? null
                                : new Ast.Worth(NOWHERE, new Ast.Cash(NOWHERE, new BigDecimal("1.00"), name("EUR")),
                                        BigDecimal.valueOf(step), java.util.stream.IntStream.range(1, worth)
                                                .mapToObj(i -> new Ast.ChannelFactor(NOWHERE,
                                                        new BigDecimal(i + ".5"), name("partner-" + i))).toList())));
    }

    /** A period anchor other than 1 January (which is written as none), or none. */
    static Arbitrary<java.time.MonthDay> anchor() {
        return Arbitraries.integers().between(1, 365).map(d -> java.time.MonthDay.from(LocalDate.of(2024, 1, 1).plusDays(d)))
                .injectNull(0.5);
    }

    /** A whole valid program: fixed declarations, then generated rules and rewards. */
    static Arbitrary<Ast.Program> program() {
        Arbitrary<List<Ast.RuleDecl>> rules = Arbitraries.integers().between(0, 6)
                .flatMap(n -> Combinators.combine(indexed(n)).as(l -> l));
        Arbitrary<List<Ast.RewardDecl>> rewards = Arbitraries.integers().between(0, 3)
                .flatMap(n -> Combinators.combine(indexedRewards(n)).as(l -> l));
        Arbitrary<Ast.Expiry> expiry = Arbitraries.oneOf(Arbitraries.just(new Ast.Never()),
                Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 24))
                        .as((y, m) -> new Ast.After(Period.of(y, m, 0))),
                Combinators.combine(Arbitraries.of("month", "quarter", "half-year", "year"),
                        Arbitraries.integers().between(0, 4), anchor()).as(Ast.EndOf::new));
        Arbitrary<Period> hold = Arbitraries.integers().between(0, 60).map(Period::ofDays);
        Arbitrary<String> displayName = Arbitraries.strings().withChars("ab Zé\"\\ü\u0645").ofMaxLength(8)
                .map(x -> "S" + x);
        return Combinators.combine(displayName, expiry, hold, Arbitraries.of("additive", "compound"), rules, rewards,
                        ladder().injectNull(0.4), redeem().injectNull(0.5))
                .as((display, exp, h, stacking, rs, ws, ladder, redeem) -> {
                    List<Stmt> s = new ArrayList<>();
                    s.add(new Ast.ProgramId(NOWHERE, "generated"));
                    s.add(new Ast.Zone(NOWHERE, "Europe/Berlin", NOWHERE));
                    s.add(new Ast.Stacking(NOWHERE, stacking));
                    int days = h.getDays();
                    s.add(new Ast.CurrencyDecl(NOWHERE, name("STARS"), display, 0, exp, h, null, null,
                            days % 5 == 2 ? ConsumptionOrder.OLDEST_FIRST : ConsumptionOrder.SOONEST_EXPIRY_FIRST, redeem,
                            days % 3 != 0 ? null : new Ast.Convert(NOWHERE, BigDecimal.valueOf(100 + days),
                                    new Ast.Cash(NOWHERE, new BigDecimal("5.00"), name("EUR")),
                                    days % 2 == 0 ? Period.ofMonths(3) : null),
                            ladder == null || days % 2 != 0 ? null : new Ast.Kept(NOWHERE,
                                    TIERS.subList(TIERS.size() - 1 - days % 3 % 2, TIERS.size()).stream()
                                            .map(Programs::name).toList(), exp)));
                    s.add(new Ast.CurrencyDecl(NOWHERE, name("MILES"), "Miles", 2, new Ast.Never(), Period.ZERO,
                            Period.ofMonths(18), List.of(name("earn"), name("adjust_credit")),
                            days % 2 == 1 ? ConsumptionOrder.OLDEST_FIRST : ConsumptionOrder.SOONEST_EXPIRY_FIRST,
                            redeem == null ? null : new Ast.Redeem(NOWHERE, new BigDecimal("5.00"), null),
                            days % 4 != 1 ? null : new Ast.Convert(NOWHERE, new BigDecimal("10.50"),
                                    new Ast.Cash(NOWHERE, new BigDecimal("0.50"), name("USD")), Period.ofYears(1)),
                            null));
                    if (ladder == null) {
                        s.add(new Ast.TiersDecl(NOWHERE, TIERS.stream().map(Programs::name).toList()));
                    } else {
                        s.addAll(ladder);
                    }
                    s.add(new Ast.AttributesDecl(NOWHERE, List.of(name("city"), name("segment"))));
                    s.add(new Ast.GroupDecl(NOWHERE, name("g-best"), "best"));
                    s.add(new Ast.GroupDecl(NOWHERE, name("g-first"), "first"));
                    s.add(new Ast.CampaignDecl(NOWHERE, name("summer"), "Summer \"sale\"",
                            new Ast.DayTime(LocalDate.of(2024, 6, 1), LocalTime.of(18, 0)),
                            new Ast.DayTime(LocalDate.of(2024, 9, 1), null), List.of(new Amount(NOWHERE, new BigDecimal("5000"), name("STARS")))));
                    s.addAll(rs);
                    s.addAll(ws);
                    return new Ast.Program(s);
                });
    }

    /** A ladder statement and one tier statement per name of {@link #TIERS}, thresholds rising. */
    static Arbitrary<List<Stmt>> ladder() {
        Arbitrary<Ast.LadderDecl> options = Combinators.combine(
                Arbitraries.of("calendar year", "anniversary year", "lifetime", "rolling").injectNull(0.3),
                Arbitraries.integers().between(1, 120), Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.5),
                Arbitraries.integers().between(1, 6).map(Period::ofDays).injectNull(0.5), Arbitraries.of(true, false),
                Arbitraries.of(true, false))
                .as((w, m, r, g, soft, immediate) -> new Ast.LadderDecl(NOWHERE, w, m, r, w != null && w.equals("rolling")
                        && m == 1 ? null : g, soft, immediate, immediate
                        ? List.of(new Ast.Threshold(NOWHERE, null, "counter", name("nights"))) : List.of()));
        List<Arbitrary<Stmt>> tiers = new ArrayList<>();
        for (int k = 0; k < TIERS.size(); k++) {
            int level = k;
            Arbitrary<Ast.Req> thresholds = level == 0 ? Arbitraries.just(null)
                    : Combinators.combine(Arbitraries.integers().between(0, 999), Arbitraries.of(true, false),
                            Arbitraries.of(true, false), Arbitraries.integers().between(0, 2))
                    .as((r, spend, counter, shape) -> {
                        List<Ast.Threshold> out = new ArrayList<>();
                        out.add(new Ast.Threshold(NOWHERE, BigDecimal.valueOf(level * 1000L + r), "amount", name("STARS")));
                        if (spend) {
                            out.add(new Ast.Threshold(NOWHERE, BigDecimal.valueOf(level * 10000L + r, 2), "amount",
                                    name("EUR")));
                        }
                        if (counter) {
                            out.add(new Ast.Threshold(NOWHERE, BigDecimal.valueOf(level * 5L), "purchases", null));
                            out.add(new Ast.Threshold(NOWHERE, BigDecimal.valueOf(level * 3L), "counter", name("nights")));
                        }
                        return requirement(out, shape);
                    });
            tiers.add(Combinators.combine(thresholds, decimal(2, 400).injectNull(0.5),
                    Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).list().ofMaxSize(2),
                    Arbitraries.of(true, false))
                    .as((th, mult, perks, never) -> new Ast.TierDecl(NOWHERE, name(TIERS.get(level)), th, mult, perks,
                            never)));
        }
        return Combinators.combine(options, Combinators.combine(tiers).as(l -> l)).as((o, t) -> {
            List<Stmt> out = new ArrayList<>();
            out.add(o);
            out.addAll(t);
            return out;
        });
    }

    /** One threshold as it is; several as any of (shape 0), all of (1), or the first or all of the rest (2). */
    static Ast.Req requirement(List<Ast.Threshold> thresholds, int shape) {
        if (thresholds.size() == 1) {
            return thresholds.get(0);
        }
        List<Ast.Req> parts = List.copyOf(thresholds);
        if (shape == 0) {
            return new Ast.AnyReq(NOWHERE, parts);
        }
        if (shape == 1 || parts.size() < 3) {
            return new Ast.AllReq(NOWHERE, parts);
        }
        return new Ast.AnyReq(NOWHERE, List.of(parts.get(0), new Ast.AllReq(NOWHERE, parts.subList(1, parts.size()))));
    }

    private static List<Arbitrary<Ast.RuleDecl>> indexed(int n) {
        List<Arbitrary<Ast.RuleDecl>> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(rule(k));
        }
        return out;
    }

    private static List<Arbitrary<Ast.RewardDecl>> indexedRewards(int n) {
        List<Arbitrary<Ast.RewardDecl>> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            out.add(reward(k));
        }
        return out;
    }
}
