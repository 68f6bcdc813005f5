package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.Action;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Campaign;
import io.github.loyaltyrules.rules.Condition;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.GroupSelection;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.Multiplier;
import io.github.loyaltyrules.rules.MultiplierStacking;
import io.github.loyaltyrules.rules.Rule;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One canonical text per program: a generated program written as text (statements in any order,
 * set values in any order, optional spellings) and the same program built with the Java builders
 * print the same text, and that text parses back to a program that evaluates every activity the
 * same way.
 */
class CanonicalTextProperties {

    private static final List<String> TIERS = JavaPrograms.TIERS;
    private static final List<String> CATEGORIES = JavaPrograms.CATEGORIES;
    private static final List<String> SKUS = JavaPrograms.SKUS;

    /** A condition atom: its kind and its values. */
    record CondSpec(String kind, List<String> values, int cents) {
    }

    /** An award: fixed, per spend or per item (on a category). */
    record ActSpec(String kind, String currency, long minor, int cents, String category) {
    }

    /** A rule: awards, or (when {@code factorMilli} is set) a multiplier alone. */
    record RuleSpec(int priority, boolean named, String group, boolean campaign, List<CondSpec> when,
            List<ActSpec> awards, Integer factorMilli, Integer cap) {
    }

    /** A whole program, and a seed for the random choices of how its text is written. */
    record Spec(boolean compound, int expiryMonths, boolean ladder, List<RuleSpec> rules, List<Integer> rewards,
            long seed) {
    }

    @Provide
    Arbitrary<Spec> specs() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 24),
                Arbitraries.of(true, false), rule().list().ofMaxSize(6),
                Arbitraries.integers().between(1, 900).list().ofMaxSize(3), Arbitraries.longs()).as(Spec::new);
    }

    @Provide
    Arbitrary<List<RuleContext>> activities() {
        return JavaPrograms.context().list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void aTextAndTheSameProgramBuiltInJavaPrintTheSame(@ForAll("specs") Spec spec) {
        ParsedProgram parsed = ProgramText.parse(text(spec));
        assertThat(ProgramText.print(parsed)).isEqualTo(printJava(spec));
    }

    @Property(tries = 200)
    void printingIsAFixedPointAfterOnePass(@ForAll("specs") Spec spec) {
        String once = ProgramText.print(ProgramText.parse(text(spec)));
        assertThat(ProgramText.print(ProgramText.parse(once))).isEqualTo(once);
    }

    @Property(tries = 200)
    void theCanonicalTextEvaluatesLikeTheProgram(@ForAll("specs") Spec spec,
            @ForAll("activities") List<RuleContext> activities) {
        RuleSet written = ProgramText.parse(text(spec)).ruleSet();
        RuleSet reparsed = ProgramText.parse(ProgramText.print(ProgramText.parse(text(spec)))).ruleSet();
        RuleSet java = ruleSet(spec);
        for (RuleContext c : activities) {
            assertThat(reparsed.evaluate(c)).isEqualTo(written.evaluate(c)).isEqualTo(java.evaluate(c));
        }
    }

    private static Arbitrary<RuleSpec> rule() {
        Arbitrary<CondSpec> cond = Arbitraries.oneOf(
                Arbitraries.of(CATEGORIES).set().ofMinSize(1).ofMaxSize(3).map(v -> new CondSpec("category", List.copyOf(v), 0)),
                Arbitraries.of(SKUS).set().ofMinSize(1).ofMaxSize(3).map(v -> new CondSpec("sku", List.copyOf(v), 0)),
                Arbitraries.of("S1", "S2").set().ofMinSize(1).map(v -> new CondSpec("store", List.copyOf(v), 0)),
                Arbitraries.of(TIERS).set().ofMinSize(1).map(v -> new CondSpec("tier", List.copyOf(v), 0)),
                Arbitraries.of(DayOfWeek.class).set().ofMinSize(1).ofMaxSize(4)
                        .map(v -> new CondSpec("weekday", v.stream().map(d -> d.name().substring(0, 3)).toList(), 0)),
                Arbitraries.integers().between(1, 5000).map(c -> new CondSpec("basket", List.of(), c)));
        Arbitrary<ActSpec> award = Combinators.combine(Arbitraries.of("fixed", "spend", "item"),
                Arbitraries.of("STARS", "MILES"), Arbitraries.longs().between(1, 500), Arbitraries.integers().between(1, 500),
                Arbitraries.of(CATEGORIES)).as(ActSpec::new);
        Arbitrary<Boolean> multiplier = Arbitraries.of(false, false, false, true);
        return multiplier.flatMap(mult -> Combinators.combine(Arbitraries.integers().between(-2, 2),
                Arbitraries.of(true, false), Arbitraries.of(0, 1, 2).map(k -> k == 0 ? null : mult ? "g-first" : "g-best"),
                Arbitraries.of(true, false), cond.list().ofMaxSize(3),
                mult ? Arbitraries.just(List.<ActSpec>of()) : award.list().ofMinSize(1).ofMaxSize(3),
                mult ? Arbitraries.integers().between(1001, 3000) : Arbitraries.just((Integer) null),
                Arbitraries.integers().between(1, 99).injectNull(0.6)).as(RuleSpec::new));
    }

    // ---- the program written as text, in a randomly chosen but equivalent way ----

    static String text(Spec spec) {
        Random random = new Random(spec.seed());
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        List<String> singles = new ArrayList<>();
        singles.add("program \"gen\";");
        singles.add("zone \"Europe/Berlin\";");
        if (spec.compound() || random.nextBoolean()) {
            singles.add("multipliers " + (spec.compound() ? "compound" : "additive") + ";");
        }
        ordered.put("currency", List.of("currency STARS \"Stars\" decimals 0"
                + (spec.expiryMonths() > 0 ? " expires after " + spec.expiryMonths() + " months" : "") + ";",
                "currency MILES \"Miles\" decimals 2;"));
        singles.add("attributes city;");
        if (spec.ladder()) {
            singles.add("ladder" + (random.nextBoolean() ? " window calendar year" : "") + ";");
            ordered.put("tier", List.of("tier Green;", "tier Gold from 100 STARS;", "tier Reserve from 500 STARS, 2000.0 EUR;"));
        } else {
            singles.add("tiers Green, Gold, Reserve;");
        }
        singles.add("group g-first first;");
        singles.add("group g-best best;");
        singles.add("campaign summer \"Summer\" from 2024-06-01 until 2024-09-01 18:30 budget 300 STARS;");
        List<String> rules = new ArrayList<>();
        for (int k = 0; k < spec.rules().size(); k++) {
            rules.add(ruleText(k, spec.rules().get(k), random));
        }
        ordered.put("rule", rules);
        List<String> rewards = new ArrayList<>();
        for (int k = 0; k < spec.rewards().size(); k++) {
            rewards.add("reward w" + k + " \"Reward " + k + "\" costs " + spec.rewards().get(k) + " STARS"
                    + (k == 1 ? " for tier Reserve, Gold" : "") + ";");
        }
        ordered.put("reward", rewards);
        // merge: singles anywhere, the statements whose order means something in their order
        Collections.shuffle(singles, random);
        List<ArrayDeque<String>> sources = new ArrayList<>();
        for (List<String> l : ordered.values()) {
            if (!l.isEmpty()) {
                sources.add(new ArrayDeque<>(l));
            }
        }
        for (String s : singles) {
            sources.add(new ArrayDeque<>(List.of(s)));
        }
        StringBuilder sb = new StringBuilder();
        while (!sources.isEmpty()) {
            int k = random.nextInt(sources.size());
            sb.append(sources.get(k).poll()).append(random.nextBoolean() ? "\n" : "  # note\n\n");
            if (sources.get(k).isEmpty()) {
                sources.remove(k);
            }
        }
        return sb.toString();
    }

    private static String ruleText(int index, RuleSpec r, Random random) {
        StringBuilder sb = new StringBuilder("rule r").append(index);
        if (r.named()) {
            sb.append(" \"Rule ").append(index).append('"');
        } else if (random.nextInt(4) == 0) {
            sb.append(" \"r").append(index).append('"'); // a name equal to the id is no name
        }
        if (r.priority() != 0 || random.nextBoolean()) {
            sb.append(" priority ").append(r.priority());
        }
        if (r.group() != null) {
            sb.append(" group ").append(r.group());
        }
        if (r.campaign()) {
            sb.append(" campaign summer");
        }
        if (!r.when().isEmpty()) {
            sb.append(" when ");
            for (int k = 0; k < r.when().size(); k++) {
                sb.append(k == 0 ? "" : " and ").append(condText(r.when().get(k), random));
            }
        } else if (random.nextInt(4) == 0) {
            sb.append(" when always");
        }
        sb.append(" then ");
        if (r.factorMilli() != null) {
            sb.append("multiply STARS by ").append(BigDecimal.valueOf(r.factorMilli(), 3).toPlainString());
        }
        for (int k = 0; k < r.awards().size(); k++) {
            ActSpec a = r.awards().get(k);
            sb.append(k == 0 ? "" : ", ").append("earn ").append(amountText(a, random));
            if (a.kind().equals("spend")) {
                sb.append(" per ").append(cash(a.cents(), random)).append(" EUR");
            } else if (a.kind().equals("item")) {
                sb.append(" per item on category = \"").append(a.category()).append('"');
            }
        }
        if (r.cap() != null) {
            sb.append(" cap ").append(r.cap()).append(" STARS per transaction");
        }
        return sb.append(';').toString();
    }

    private static String condText(CondSpec c, Random random) {
        List<String> values = new ArrayList<>(c.values());
        Collections.shuffle(values, random);
        switch (c.kind()) {
            case "basket":
                return "basket >= " + cash(c.cents(), random) + " EUR";
            case "weekday":
                return values.size() == 1 && random.nextBoolean() ? "weekday = " + values.get(0)
                        : "weekday in (" + String.join(", ", values) + ")";
            case "tier": {
                List<String> upper = TIERS.subList(TIERS.size() - values.size(), TIERS.size());
                if (Set.copyOf(upper).equals(Set.copyOf(values)) && random.nextBoolean()) {
                    return "tier >= " + upper.get(0);
                }
                return values.size() == 1 ? "tier = " + values.get(0) : "tier in (" + String.join(", ", values) + ")";
            }
            default: {
                List<String> quoted = values.stream().map(v -> "\"" + v + "\"").toList();
                return c.kind() + (quoted.size() == 1 && random.nextBoolean() ? " = " + quoted.get(0)
                        : " in (" + String.join(", ", quoted) + ")");
            }
        }
    }

    /** Money in cents, with or without trailing zeros. */
    private static String cash(int cents, Random random) {
        BigDecimal v = BigDecimal.valueOf(cents, 2);
        return (random.nextBoolean() ? v.stripTrailingZeros() : v).toPlainString();
    }

    private static String amountText(ActSpec a, Random random) {
        if (a.currency().equals("STARS")) {
            return a.minor() + " STARS";
        }
        BigDecimal v = BigDecimal.valueOf(a.minor(), 2);
        return (random.nextBoolean() ? v.stripTrailingZeros() : v).toPlainString() + " MILES";
    }

    // ---- the same program built in Java ----

    private static final PointCurrency MILES = PointCurrency.of("MILES", "Miles", 2);

    private static PointCurrency stars(Spec spec) {
        PointCurrency stars = PointCurrency.of("STARS", "Stars", 0);
        return spec.expiryMonths() > 0 ? stars.withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(spec.expiryMonths())))
                : stars;
    }

    static RuleSet ruleSet(Spec spec) {
        PointCurrency stars = stars(spec);
        RuleSet.Builder b = RuleSet.builder(stars, MILES)
                .multipliers(spec.compound() ? MultiplierStacking.COMPOUND : MultiplierStacking.ADDITIVE)
                .tiers(TIERS.toArray(new String[0])).memberAttributes("city")
                .exclusiveGroup("g-best", GroupSelection.BEST).exclusiveGroup("g-first", GroupSelection.FIRST)
                .campaign(Campaign.of("summer", "Summer",
                        LocalDateTime.of(2024, 6, 1, 0, 0).atZone(JavaPrograms.ZONE).toInstant(),
                        LocalDateTime.of(2024, 9, 1, 18, 30).atZone(JavaPrograms.ZONE).toInstant())
                        .withBudget("STARS", 300));
        for (int k = 0; k < spec.rules().size(); k++) {
            b.add(rule(k, spec.rules().get(k), stars));
        }
        return b.build();
    }

    private static Rule rule(int index, RuleSpec r, PointCurrency stars) {
        Rule.Builder b = Rule.builder("r" + index).priority(r.priority());
        if (r.named()) {
            b.name("Rule " + index);
        }
        if (r.group() != null) {
            b.exclusiveGroup(r.group());
        }
        if (r.campaign()) {
            b.campaign("summer");
        }
        if (r.when().size() == 1) {
            b.when(condition(r.when().get(0)));
        } else if (!r.when().isEmpty()) {
            b.when(Conditions.allOf(r.when().stream().map(CanonicalTextProperties::condition).toArray(Condition[]::new)));
        }
        if (r.factorMilli() != null) {
            b.multiply(Multiplier.of("STARS", BigDecimal.valueOf(r.factorMilli(), 3)));
        }
        List<Action> awards = new ArrayList<>();
        for (ActSpec a : r.awards()) {
            Points p = Points.fromDecimal(a.currency().equals("STARS") ? stars : MILES,
                    BigDecimal.valueOf(a.minor(), a.currency().equals("STARS") ? 0 : 2));
            Money per = Money.of(BigDecimal.valueOf(a.cents(), 2).toPlainString(), "EUR");
            awards.add(a.kind().equals("fixed") ? Actions.fixed(p) : a.kind().equals("spend")
                    ? Actions.perUnitSpent(p, per) : Actions.perItem(LineMatcher.category(a.category()), p));
        }
        if (!awards.isEmpty()) {
            b.award(awards.toArray(new Action[0]));
        }
        if (r.cap() != null) {
            b.capPerTransaction("STARS", r.cap());
        }
        return b.build();
    }

    private static Condition condition(CondSpec c) {
        String[] v = c.values().toArray(new String[0]);
        switch (c.kind()) {
            case "category": return Conditions.category(v);
            case "sku": return Conditions.sku(v);
            case "store": return Conditions.store(v);
            case "tier": return Conditions.tier(v);
            case "basket": return Conditions.basketAtLeast(Money.of(BigDecimal.valueOf(c.cents(), 2).toPlainString(), "EUR"));
            default: {
                DayOfWeek[] days = new DayOfWeek[v.length];
                for (int k = 0; k < v.length; k++) {
                    for (DayOfWeek d : DayOfWeek.values()) {
                        if (d.name().startsWith(v[k])) {
                            days[k] = d;
                        }
                    }
                }
                return Conditions.daysOfWeek(days);
            }
        }
    }

    static String printJava(Spec spec) {
        PointCurrency stars = stars(spec);
        List<Reward> rewards = new ArrayList<>();
        for (int k = 0; k < spec.rewards().size(); k++) {
            Reward w = Reward.of("w" + k, "Reward " + k, Points.fromDecimal(stars, BigDecimal.valueOf(spec.rewards().get(k))));
            rewards.add(k == 1 ? w.forTiers(Set.of("Gold", "Reserve")) : w);
        }
        ProgramVersion version = ProgramVersion.of("gen", ruleSet(spec), rewards);
        if (!spec.ladder()) {
            return ProgramText.print(version, JavaPrograms.ZONE);
        }
        Metric points = Metric.points(stars);
        Metric spend = Metric.spend(java.util.Currency.getInstance("EUR"));
        TierLadder ladder = TierLadder.builder().zone(JavaPrograms.ZONE).window(QualificationWindow.calendarYear())
                .metrics(points, spend)
                .tier(Tier.of("Green"))
                .tier(Tier.of("Gold").withThreshold(points, BigDecimal.valueOf(100)))
                .tier(Tier.of("Reserve").withThreshold(points, BigDecimal.valueOf(500))
                        .withThreshold(spend, new BigDecimal("2000")))
                .build();
        return ProgramText.print(version, ladder);
    }
}
