package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.TQP;
import static io.github.loyaltyrules.rules.Fixtures.TUESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.context;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static io.github.loyaltyrules.rules.Fixtures.tqp;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of evaluation over random rule sets, baskets, members and times. */
class RuleSetProperties {

    private static final String[] SKUS = {"A", "B", "C", "D", "E"};
    private static final String[] CATEGORIES = {"coffee", "coffee", "food", "tea", "food"};

    /** A rule as generated data, so that the same rule can be added to several rule sets. */
    record Spec(String id, String condition, Condition when, Action award, Multiplier multiplier, int priority,
            String group, Long cap) {

        void addTo(RuleSet.Builder b) {
            b.rule(id, r -> {
                r.when(when).priority(priority);
                if (multiplier != null) {
                    r.multiply(multiplier);
                    if (group != null) {
                        r.exclusiveGroup("m-" + group);
                    }
                } else {
                    r.award(award);
                    if (group != null) {
                        r.exclusiveGroup("a-" + group);
                    }
                }
                if (cap != null) {
                    r.capPerTransaction("STARS", cap);
                }
            });
        }

        @Override
        public String toString() {
            return id + "[" + condition + (multiplier != null ? ", x" + multiplier.factor() : "") + ", p" + priority
                    + (group != null ? ", group " + group : "") + (cap != null ? ", cap " + cap : "") + "]";
        }
    }

    /** A condition with its description, for readable counterexamples. */
    record Named(String text, Condition condition) {
    }

    static RuleSet build(List<Spec> specs, MultiplierStacking stacking) {
        RuleSet.Builder b = RuleSet.builder(STARS, TQP).multipliers(stacking)
                .exclusiveGroup("a-best", GroupSelection.BEST).exclusiveGroup("a-first", GroupSelection.FIRST)
                .exclusiveGroup("m-best", GroupSelection.BEST).exclusiveGroup("m-first", GroupSelection.FIRST);
        for (Spec s : specs) {
            s.addTo(b);
        }
        return b.build();
    }

    Arbitrary<Named> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.of(SKUS).map(s -> new Named("sku " + s, Conditions.sku(s))),
                Arbitraries.of("coffee", "food", "tea").map(c -> new Named("category " + c, Conditions.category(c))),
                Arbitraries.of("S1", "S2").map(s -> new Named("store " + s, Conditions.store(s))),
                Arbitraries.of("pos", "web").map(s -> new Named("channel " + s, Conditions.channel(s))),
                Arbitraries.of("Gold", "Green").map(t -> new Named("tier " + t, Conditions.tier(t))),
                Arbitraries.of(DayOfWeek.class).map(d -> new Named("on " + d, Conditions.daysOfWeek(d))),
                Arbitraries.integers().between(0, 40).map(n -> new Named("basket >= " + n,
                        Conditions.basketAtLeast(eur(n + ".00")))),
                Combinators.combine(Arbitraries.of("coffee", "food"), Arbitraries.integers().between(0, 30))
                        .as((c, n) -> new Named(c + " spend >= " + n,
                                Conditions.spendAtLeast(LineMatcher.category(c), eur(n + ".00")))),
                Arbitraries.just(new Named("first purchase", Conditions.firstPurchase())),
                Arbitraries.just(new Named("always", Conditions.always())));
    }

    Arbitrary<Named> conditions() {
        return Combinators.combine(leaves(), leaves(), Arbitraries.integers().between(0, 4)).as((a, b, op) -> {
            switch (op) {
                case 1:
                    return new Named("(" + a.text() + " and " + b.text() + ")", a.condition().and(b.condition()));
                case 2:
                    return new Named("(" + a.text() + " or " + b.text() + ")", a.condition().or(b.condition()));
                case 3:
                    return new Named("not " + a.text(), Condition.not(a.condition()));
                default:
                    return a;
            }
        });
    }

    Arbitrary<Action> actions() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 100).map(n -> Actions.fixed(stars(n))),
                Combinators.combine(Arbitraries.longs().between(1, 5), Arbitraries.of("0.50", "1.00", "2.00", "0.30"))
                        .as((rate, step) -> Actions.perUnitSpent(stars(rate), eur(step))),
                Combinators.combine(Arbitraries.of("coffee", "food"), Arbitraries.longs().between(1, 5))
                        .as((c, rate) -> Actions.perUnitSpentOn(LineMatcher.category(c), stars(rate), eur("1.00"))),
                Combinators.combine(Arbitraries.of(SKUS), Arbitraries.longs().between(1, 10))
                        .as((s, n) -> Actions.perItem(LineMatcher.sku(s), stars(n))),
                Arbitraries.longs().between(1, 5).map(n -> Actions.all(Actions.perUnitSpent(stars(n), eur("1.00")),
                        Actions.perUnitSpent(tqp(1), eur("1.00")))));
    }

    Arbitrary<Multiplier> multipliers() {
        return Combinators.combine(Arbitraries.of("1.5", "2", "3", "1.25"), Arbitraries.of("all", "coffee", "food"))
                .as((f, on) -> on.equals("all") ? Multiplier.of("STARS", new BigDecimal(f))
                        : Multiplier.on(LineMatcher.category(on), "STARS", new BigDecimal(f)));
    }

    Arbitrary<Spec> spec(String id) {
        Arbitrary<Multiplier> maybeMultiplier = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just((Multiplier) null)),
                net.jqwik.api.Tuple.of(1, multipliers()));
        return Combinators.combine(conditions(), actions(), maybeMultiplier, Arbitraries.integers().between(-2, 2),
                Arbitraries.of("best", "first", "none", "none"), Arbitraries.longs().between(1, 120).injectNull(0.6))
                .as((c, a, m, p, g, cap) -> new Spec(id, c.text(), c.condition(), a, m, p, g.equals("none") ? null : g,
                        cap));
    }

    @Provide
    Arbitrary<List<Spec>> ruleSets() {
        return Arbitraries.integers().between(0, 8).flatMap(n -> {
            List<Arbitrary<Spec>> specs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                specs.add(spec("r" + i));
            }
            return Combinators.combine(specs).as(List::copyOf);
        });
    }

    @Provide
    Arbitrary<RuleContext> contexts() {
        Arbitrary<BasketLine> line = Combinators.combine(Arbitraries.integers().between(0, SKUS.length - 1),
                Arbitraries.longs().between(1, 5), Arbitraries.integers().between(0, 2000))
                .as((i, q, cents) -> BasketLine.of("x", SKUS[i], CATEGORIES[i], q,
                        Money.of(BigDecimal.valueOf(cents, 2), java.util.Currency.getInstance("EUR"))));
        Arbitrary<Purchase> purchase = Combinators.combine(line.list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of("S1", "S2", "S3"), Arbitraries.of("pos", "web")).as((lines, store, channel) -> {
                    List<BasketLine> numbered = new ArrayList<>();
                    for (BasketLine l : lines) {
                        numbered.add(BasketLine.of("L" + (numbered.size() + 1), l.sku(), l.category(), l.quantity(),
                                l.unitPrice()));
                    }
                    return Purchase.of(store, channel, numbered);
                });
        Arbitrary<MemberProfile> member = Combinators.combine(Arbitraries.of("Gold", "Green", "none"),
                Arbitraries.longs().between(0, 3)).as((t, n) -> new MemberProfile(MemberId.of("m"),
                        t.equals("none") ? null : t, Set.of(), Map.of(), null, n));
        return Combinators.combine(member, purchase, Arbitraries.integers().between(0, 13 * 24))
                .as((m, p, hours) -> context(m, p, TUESDAY_NOON.plusHours(hours)));
    }

    @Provide
    Arbitrary<List<RuleContext>> contextLists() {
        return contexts().list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<Spec> neverMatching() {
        Arbitrary<Named> never = Arbitraries.of(
                new Named("sku NEVER", Conditions.sku("NEVER")),
                new Named("false", c -> false),
                new Named("tier Nobody", Conditions.tier("Nobody")),
                new Named("store NOWHERE and always", Conditions.store("NOWHERE").and(Conditions.always())),
                new Named("signup only", Conditions.eventType("signup")));
        Arbitrary<Multiplier> maybeMultiplier = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just((Multiplier) null)),
                net.jqwik.api.Tuple.of(1, multipliers()));
        return Combinators.combine(never, actions(), maybeMultiplier, Arbitraries.integers().between(-3, 3),
                Arbitraries.of("best", "first", "none")).as((c, a, m, p, g) -> new Spec("never", c.text(), c.condition(),
                        a, m, p, g.equals("none") ? null : g, null));
    }

    @Property
    void addingARuleThatCannotMatchNeverChangesAnyAward(@ForAll("ruleSets") List<Spec> specs,
            @ForAll("neverMatching") Spec never, @ForAll("contexts") RuleContext context,
            @ForAll MultiplierStacking stacking) {
        List<Spec> more = new ArrayList<>(specs);
        more.add(never);
        assertThat(build(more, stacking).evaluate(context)).isEqualTo(build(specs, stacking).evaluate(context));
    }

    @Property
    void awardLinesSumExactlyToTheTotal(@ForAll("ruleSets") List<Spec> specs, @ForAll("contexts") RuleContext context,
            @ForAll MultiplierStacking stacking) {
        Evaluation e = build(specs, stacking).evaluate(context);
        Map<String, Long> byCurrency = new HashMap<>();
        Map<String, Long> byLine = new HashMap<>();
        for (Award a : e.awards()) {
            byCurrency.merge(a.currency(), a.amount(), Long::sum);
            long shares = 0;
            for (Map.Entry<String, Long> s : a.lineShares().entrySet()) {
                shares += s.getValue();
                byLine.merge(a.currency() + "/" + s.getKey(), s.getValue(), Long::sum);
            }
            assertThat(shares).as("shares of %s", a).isEqualTo(a.amount());
        }
        for (String currency : List.of("STARS", "TQP")) {
            assertThat(byCurrency.getOrDefault(currency, 0L)).isEqualTo(e.total(currency));
            long lines = 0;
            for (Map.Entry<String, Long> l : byLine.entrySet()) {
                if (l.getKey().startsWith(currency + "/")) {
                    lines += l.getValue();
                }
            }
            assertThat(lines).isEqualTo(e.total(currency));
        }
    }

    @Property
    void evaluationIsDeterministic(@ForAll("ruleSets") List<Spec> specs, @ForAll("contexts") RuleContext context,
            @ForAll MultiplierStacking stacking) {
        RuleSet rules = build(specs, stacking);
        Evaluation first = rules.evaluate(context);
        assertThat(rules.evaluate(context)).isEqualTo(first);
        assertThat(build(specs, stacking).evaluate(context)).isEqualTo(first);
    }

    @Property
    void noCapIsEverExceeded(@ForAll("ruleSets") List<Spec> specs, @ForAll("contexts") RuleContext context,
            @ForAll MultiplierStacking stacking) {
        Map<String, Long> byRule = new HashMap<>();
        for (Award a : build(specs, stacking).evaluate(context).awards()) {
            if (a.currency().equals("STARS")) {
                byRule.merge(a.ruleId(), a.amount(), Long::sum);
            }
        }
        for (Spec s : specs) {
            if (s.cap() != null) {
                assertThat(byRule.getOrDefault(s.id(), 0L)).as("rule %s", s).isLessThanOrEqualTo(s.cap());
            }
        }
    }

    @Property
    void indexNeverLeavesOutARuleThatMatches(@ForAll("ruleSets") List<Spec> specs,
            @ForAll("contexts") RuleContext context) {
        RuleSet rules = build(specs, MultiplierStacking.ADDITIVE);
        List<Rule> candidates = rules.candidates(context);
        for (Rule r : rules.rules()) {
            if (r.condition().test(context)) {
                assertThat(candidates).as("candidates for %s", r).contains(r);
            }
        }
    }

    @Property(tries = 50)
    void perMemberCapIsNeverExceeded(@ForAll("ruleSets") List<Spec> specs,
            @ForAll("contextLists") List<RuleContext> activities, @ForAll CapPeriod period) {
        long cap = 61;
        RuleSet.Builder b = RuleSet.builder(STARS, TQP);
        for (Spec s : specs) {
            b.rule(s.id(), r -> {
                r.when(s.when()).capPerMember("STARS", cap, period);
                if (s.multiplier() != null) {
                    r.multiply(s.multiplier());
                } else {
                    r.award(s.award());
                }
            });
        }
        RuleSet rules = b.build();
        Map<String, Long> earned = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (RuleContext context : activities) {
                for (Award a : rules.evaluate(Fixtures.fresh(context)).awards()) {
                    if (a.currency().equals("STARS")) {
                        String key = a.ruleId() + "/" + period.startOf(context.at().toLocalDate());
                        assertThat(earned.merge(key, a.amount(), Long::sum)).as(key).isLessThanOrEqualTo(cap);
                    }
                }
            }
        }
    }

    @Property(tries = 50)
    void campaignBudgetIsNeverExceeded(@ForAll("ruleSets") List<Spec> specs,
            @ForAll("contextLists") List<RuleContext> activities) {
        long budget = 97;
        RuleSet.Builder b = RuleSet.builder(STARS, TQP).campaign(Campaign.of("c", "C", Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z")).withBudget("STARS", budget));
        for (Spec s : specs) {
            b.rule(s.id(), r -> {
                r.when(s.when()).campaign("c");
                if (s.multiplier() != null) {
                    r.multiply(s.multiplier());
                } else {
                    r.award(s.award());
                }
            });
        }
        RuleSet rules = b.build();
        long awarded = 0;
        for (int round = 0; round < 3; round++) {
            for (RuleContext context : activities) {
                awarded += rules.evaluate(Fixtures.fresh(context)).total("STARS");
            }
        }
        assertThat(awarded).isLessThanOrEqualTo(budget);
        assertThat(awarded + rules.budgetRemaining("c", "STARS")).isEqualTo(budget);
    }
}
