package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.TUESDAY_NOON;
import static io.github.loyaltyrules.rules.Fixtures.ZONE;
import static io.github.loyaltyrules.rules.Fixtures.context;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.rule.Activity;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The indexed evaluation (candidates from the index, compiled conditions, windowed rules on their
 * day slots, multipliers in longs) gives exactly the evaluation of a naive one that tests every
 * rule's condition in order and multiplies in decimals: the same awards, amounts, line shares,
 * explanations and draws, on random programs (conditions on every keyed dimension, nested
 * {@code and}, {@code or} and {@code not}, rules that can never match, windows, campaigns with
 * budgets, groups, caps, fixed and tier multipliers in both stackings) and random activities.
 */
class IndexedEvaluationProperties {

    private static final PointCurrency CASH = PointCurrency.of("CASH", "Store cash", 2);
    private static final String[] SKUS = {"A", "B", "C", "D", "NEVER"};
    private static final String[] CATEGORIES = {"coffee", "food", "tea", "nowhere"};
    private static final LocalDate DAY = TUESDAY_NOON.toLocalDate();
    private static final Currency EUR = Currency.getInstance("EUR");

    /** A rule as data, so that two rule sets can be built alike, with a description for counterexamples. */
    record Spec(String text, Condition when, Action award, Multiplier multiplier, int priority, String group,
            Long cap, Long memberCap, boolean campaign, Integer validFrom) {

        void addTo(RuleSet.Builder b, String id) {
            b.rule(id, r -> {
                r.when(when).priority(priority);
                if (multiplier != null) {
                    r.multiply(multiplier);
                } else {
                    r.award(award);
                }
                if (group != null) {
                    r.exclusiveGroup((multiplier != null ? "m-" : "a-") + group);
                }
                if (cap != null) {
                    r.capPerTransaction("STARS", cap);
                }
                if (memberCap != null) {
                    r.capPerMember("STARS", memberCap, CapPeriod.WEEK);
                }
                if (campaign) {
                    r.campaign("spring");
                }
                if (validFrom != null) {
                    r.validBetween(DAY.plusDays(validFrom), DAY.plusDays(validFrom + 3));
                }
            });
        }

        @Override
        public String toString() {
            return "[" + text + (multiplier != null ? " x" + (multiplier.fromTier() ? "tier" : multiplier.factor())
                    + " on " + multiplier.lines() : " " + award) + " p" + priority + (group != null ? " group " + group : "")
                    + (cap != null ? " cap " + cap : "") + (memberCap != null ? " member cap " + memberCap : "")
                    + (campaign ? " campaign" : "") + (validFrom != null ? " valid from day " + validFrom : "") + "]";
        }
    }

    /** A condition with its description. */
    record Named(String text, Condition condition) {
    }

    static RuleSet build(List<Spec> specs, MultiplierStacking stacking) {
        RuleSet.Builder b = RuleSet.builder(STARS, CASH).multipliers(stacking)
                .exclusiveGroup("a-best", GroupSelection.BEST).exclusiveGroup("a-first", GroupSelection.FIRST)
                .exclusiveGroup("m-best", GroupSelection.BEST).exclusiveGroup("m-first", GroupSelection.FIRST)
                .campaign(Campaign.of("spring", "Spring", TUESDAY_NOON.plusHours(30).toInstant(),
                        TUESDAY_NOON.plusDays(6).toInstant()).withBudget("STARS", 400));
        for (int i = 0; i < specs.size(); i++) {
            specs.get(i).addTo(b, "r" + i);
        }
        return b.build();
    }

    Arbitrary<Named> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.of(SKUS).map(s -> new Named("sku " + s, Conditions.sku(s))),
                Arbitraries.of(CATEGORIES).map(c -> new Named("category " + c, Conditions.category(c))),
                Arbitraries.of("S1", "S2", "NOWHERE").map(s -> new Named("store " + s, Conditions.store(s))),
                Arbitraries.of("pos", "web", "kiosk").map(s -> new Named("channel " + s, Conditions.channel(s))),
                Arbitraries.of("Gold", "Green", "Nobody").map(t -> new Named("tier " + t, Conditions.tier(t))),
                Arbitraries.of(DayOfWeek.class).set().ofMinSize(1).ofMaxSize(3).map(d -> new Named("on " + d,
                        Conditions.daysOfWeek(d.toArray(new DayOfWeek[0])))),
                Arbitraries.of("a", "b", "z").map(v -> new Named("segment " + v, Conditions.attribute("segment", v))),
                Arbitraries.of("5", "1").map(v -> new Named("stars " + v, Conditions.eventAttribute("stars", v))),
                Arbitraries.of("signup", "review", "purchase").map(t -> new Named("event " + t, Conditions.eventType(t))),
                Arbitraries.of("staff", "student").map(t -> new Named("tag " + t, Conditions.tag(t))),
                Arbitraries.integers().between(-2, 12).map(d -> new Named("dates from day " + d,
                        Conditions.dates(DAY.plusDays(d), DAY.plusDays(d + 2)))),
                Arbitraries.integers().between(6, 20).map(h -> new Named("time from " + h,
                        Conditions.timeOfDay(LocalTime.of(h, 0), LocalTime.of(h + 3, 0)))),
                Arbitraries.integers().between(0, 40).map(n -> new Named("basket >= " + (n * 50) + " cents",
                        Conditions.basketAtLeast(Money.of(BigDecimal.valueOf(n * 50L, 2), EUR)))),
                Arbitraries.integers().between(0, 10).map(n -> new Named("basket >= " + n + " USD",
                        Conditions.basketAtLeast(Money.of(n + ".00", "USD")))),
                Combinators.combine(Arbitraries.of("coffee", "food"), Arbitraries.integers().between(0, 30))
                        .as((c, n) -> new Named(c + " spend >= " + (n * 50) + " cents",
                                Conditions.spendAtLeast(LineMatcher.category(c), Money.of(BigDecimal.valueOf(n * 50L, 2),
                                        EUR)))),
                Combinators.combine(Arbitraries.of(SKUS), Arbitraries.longs().between(1, 4))
                        .as((s, n) -> new Named("quantity of " + s + " >= " + n,
                                Conditions.quantityAtLeast(LineMatcher.sku(s), n))),
                Arbitraries.just(new Named("first purchase", Conditions.firstPurchase())),
                Arbitraries.just(new Named("never (hand-written)", c -> false)),
                Arbitraries.just(new Named("always", Conditions.always())));
    }

    Arbitrary<Named> conditions(int depth) {
        if (depth == 0) {
            return leaves();
        }
        Arbitrary<Named> sub = conditions(depth - 1);
        return Combinators.combine(sub, sub, sub, Arbitraries.integers().between(0, 5)).as((a, b, c, op) -> {
            switch (op) {
                case 1:
                    return new Named("(" + a.text() + " and " + b.text() + ")", a.condition().and(b.condition()));
                case 2:
                    return new Named("(" + a.text() + " or " + b.text() + ")", a.condition().or(b.condition()));
                case 3:
                    return new Named("not " + a.text(), Condition.not(a.condition()));
                case 4:
                    return new Named("all of (" + a.text() + ", " + b.text() + ", " + c.text() + ")",
                            Conditions.allOf(a.condition(), b.condition(), c.condition()));
                default:
                    return a;
            }
        });
    }

    Arbitrary<Action> actions() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 100).map(n -> Actions.fixed(STARS.points(n))),
                Arbitraries.longs().between(1, 999).map(n -> Actions.fixed(CASH.points(n))),
                Combinators.combine(Arbitraries.longs().between(1, 5), Arbitraries.of("0.50", "1.00", "2.00", "0.30"))
                        .as((rate, step) -> Actions.perUnitSpent(STARS.points(rate), eur(step))),
                Combinators.combine(Arbitraries.of("coffee", "food"), Arbitraries.longs().between(1, 5))
                        .as((c, rate) -> Actions.perUnitSpentOn(LineMatcher.category(c), STARS.points(rate),
                                eur("1.00"))),
                Combinators.combine(Arbitraries.of(SKUS), Arbitraries.longs().between(1, 10))
                        .as((s, n) -> Actions.perItem(LineMatcher.sku(s), STARS.points(n))),
                Arbitraries.longs().between(1, 5).map(n -> Actions.all(Actions.perUnitSpent(STARS.points(n),
                        eur("1.00")), Actions.perUnitSpent(CASH.points(25), eur("1.00")))));
    }

    Arbitrary<Multiplier> multipliers() {
        Arbitrary<LineMatcher> lines = Arbitraries.of("all", "coffee", "food", "A").map(on -> on.equals("all")
                ? LineMatcher.anyLine() : on.equals("A") ? LineMatcher.sku("A") : LineMatcher.category(on));
        Arbitrary<Multiplier> fixed = Combinators.combine(Arbitraries.of("1.5", "2", "3", "1.25", "1.333", "10"), lines,
                Arbitraries.of("STARS", "CASH")).as((f, on, code) -> new Multiplier(code, new BigDecimal(f), on));
        Arbitrary<Multiplier> tier = Combinators.combine(lines, Arbitraries.of("STARS", "CASH"))
                .as((on, code) -> new Multiplier(code, BigDecimal.ONE, on, true));
        return Arbitraries.oneOf(fixed, tier);
    }

    Arbitrary<Spec> spec() {
        Arbitrary<Multiplier> maybeMultiplier = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just((Multiplier) null)), Tuple.of(1, multipliers()));
        Arbitrary<Tuple.Tuple4<String, Long, Long, Boolean>> extras = Combinators.combine(
                Arbitraries.of("best", "first", "none", "none", "none"),
                Arbitraries.longs().between(1, 120).injectNull(0.7), Arbitraries.longs().between(1, 200).injectNull(0.85),
                Arbitraries.of(true, false, false, false)).as(Tuple::of);
        return Combinators.combine(conditions(2), actions(), maybeMultiplier, Arbitraries.integers().between(-2, 2),
                extras, Arbitraries.integers().between(-3, 10).injectNull(0.7))
                .as((c, a, m, p, x, from) -> new Spec(c.text(), c.condition(), a, m, p,
                        x.get1().equals("none") ? null : x.get1(), x.get2(), x.get3(), x.get4(), from));
    }

    @Provide
    Arbitrary<List<Spec>> programs() {
        return spec().list().ofMinSize(0).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<RuleContext>> activities() {
        Arbitrary<BasketLine> line = Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of(CATEGORIES),
                Arbitraries.longs().between(1, 5), Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers()
                        .between(0, 2500)), Tuple.of(2, Arbitraries.integers().between(0, 10).map(n -> n * 50))))
                .as((sku, category, q, cents) -> BasketLine.of("x", sku, category, q,
                        Money.of(BigDecimal.valueOf(cents, 2), EUR)));
        Arbitrary<Activity> purchase = Combinators.combine(line.list().ofMinSize(1).ofMaxSize(5),
                Arbitraries.of("S1", "S2", "S3"), Arbitraries.of("pos", "web")).as((lines, store, channel) -> {
                    List<BasketLine> numbered = new ArrayList<>();
                    for (BasketLine l : lines) {
                        numbered.add(BasketLine.of("L" + (numbered.size() + 1), l.sku(), l.category(), l.quantity(),
                                l.unitPrice()));
                    }
                    return Purchase.of(store, channel, numbered);
                });
        Arbitrary<Activity> event = Combinators.combine(Arbitraries.of("signup", "review"),
                Arbitraries.of("5", "1", "none")).as((type, stars) -> new MemberEvent(type,
                        stars.equals("none") ? Map.of() : Map.of("stars", stars)));
        Arbitrary<MemberProfile> member = Combinators.combine(Arbitraries.of("Gold", "Green", "none"),
                Arbitraries.of("1", "1.5", "2.25", "1.333", "3"), Arbitraries.of("a", "b", "none"),
                Arbitraries.of("staff", "none"), Arbitraries.longs().between(0, 2))
                .as((t, f, segment, tag, n) -> new MemberProfile(MemberId.of("m"), t.equals("none") ? null : t,
                        tag.equals("none") ? Set.of() : Set.of(tag),
                        segment.equals("none") ? Map.of() : Map.of("segment", segment), null, n, new BigDecimal(f),
                        Set.of()));
        Arbitrary<RuleContext> context = Combinators.combine(member,
                Arbitraries.frequencyOf(Tuple.of(4, purchase), Tuple.of(1, event)),
                Arbitraries.integers().between(0, 14 * 24 + 23))
                .as((m, a, hours) -> context(m, a, TUESDAY_NOON.plusHours(hours).withZoneSameInstant(ZONE)));
        return context.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property
    void indexedEvaluationEqualsNaiveEvaluation(@ForAll("programs") List<Spec> specs,
            @ForAll("activities") List<RuleContext> activities, @ForAll MultiplierStacking stacking) {
        RuleSet indexed = build(specs, stacking);
        RuleSet naive = build(specs, stacking); // quotas of its own, drawn alike
        for (RuleContext c : activities) {
            Evaluation expected = naive.evaluate(c, true, true);
            // records compare every part: rule, amount, line shares and the explanation's texts
            assertThat(indexed.evaluate(c)).as("%s at %s", c.activity(), c.at()).isEqualTo(expected);
        }
        assertThat(indexed.budgetRemaining("spring", "STARS")).isEqualTo(naive.budgetRemaining("spring", "STARS"));
    }

    @Property
    void everyRuleWhoseConditionHoldsIsACandidate(@ForAll("programs") List<Spec> specs,
            @ForAll("activities") List<RuleContext> activities) {
        RuleSet rules = build(specs, MultiplierStacking.ADDITIVE);
        for (RuleContext c : activities) {
            List<Rule> candidates = rules.candidates(c);
            for (Rule r : rules.rules()) {
                boolean applies = c.activity() instanceof Purchase
                        ? io.github.loyaltyrules.rules.internal.Keys.eventTypes(r.condition()) == null
                                || io.github.loyaltyrules.rules.internal.Keys.eventTypes(r.condition())
                                        .contains(Purchase.TYPE)
                        : io.github.loyaltyrules.rules.internal.Keys.eventTypes(r.condition()) != null
                                && io.github.loyaltyrules.rules.internal.Keys.eventTypes(r.condition())
                                        .contains(c.activity().type());
                boolean inWindow = r.validFrom().map(d -> !c.at().toLocalDate().isBefore(d)
                        && !c.at().toLocalDate().isAfter(r.validUntil().get())).orElse(true)
                        && (r.campaign().isEmpty() || rules.campaigns().get(0).runsAt(c.at().toInstant()));
                if (applies && inWindow && r.condition().test(c)) {
                    assertThat(candidates).as("candidates for %s", r).contains(r);
                }
            }
        }
    }
}
