package io.github.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.internal.Allocation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The built-in actions compute from a shared view of the basket in {@code long} minor units and
 * hand the rule set compact line shares. Here they are checked against a plain implementation of
 * the documented arithmetic (BigDecimal money, LinkedHashMap shares, Money.toString in the text),
 * which the rule set runs through its general path for hand-written actions: grants, whole
 * evaluations (with caps and multipliers) and explanation texts must be equal.
 */
class BuiltInActionsAgreeWithReferenceProperties {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final List<String> MONEY = List.of("EUR", "JPY", "BHD"); // 2, 0 and 3 decimal places
    static final List<String> CATEGORIES = List.of("coffee", "food", "merch");

    /** One action, written both ways. */
    record Spec(String kind, String category, long rate, long stepMinor, String stepCurrency) {
        LineMatcher matcher() {
            return category == null ? LineMatcher.anyLine() : LineMatcher.category(category);
        }

        Money step() {
            Currency c = Currency.getInstance(stepCurrency);
            return Money.of(BigDecimal.valueOf(stepMinor, c.getDefaultFractionDigits()), c);
        }

        Action builtIn() {
            Points points = Points.of(PTS, rate);
            switch (kind) {
                case "fixed":
                    return Actions.fixed(points);
                case "perItem":
                    return Actions.perItem(matcher(), points);
                default:
                    return category == null ? Actions.perUnitSpent(points, step())
                            : Actions.perUnitSpentOn(matcher(), points, step());
            }
        }

        Action reference() {
            Points points = Points.of(PTS, rate);
            switch (kind) {
                case "fixed":
                    return referenceFixed(points);
                case "perItem":
                    return referencePerItem(matcher(), points);
                default:
                    return referencePerUnitSpent(matcher(), points, step());
            }
        }
    }

    static Action referenceFixed(Points points) {
        Explanation how = new Explanation("fixed " + points, "", "", "", "");
        return c -> List.of(new Grant("PTS", points.minorUnits(), c.activity() instanceof Purchase
                ? Allocation.overLines(points.minorUnits(), ((Purchase) c.activity()).lines()) : Map.of(), how));
    }

    static Action referencePerUnitSpent(LineMatcher matcher, Points rate, Money step) {
        boolean all = matcher == LineMatcher.anyLine();
        return c -> {
            Purchase p = (Purchase) c.activity();
            if (!p.lines().get(0).unitPrice().currency().equals(step.currency())) {
                return List.of();
            }
            List<BasketLine> lines = new ArrayList<>();
            BigDecimal spend = BigDecimal.ZERO;
            for (BasketLine line : p.lines()) {
                if (matcher.matches(line)) {
                    lines.add(line);
                    spend = spend.add(line.amount().amount());
                }
            }
            if (lines.isEmpty()) {
                return List.of();
            }
            BigDecimal units = spend.divide(step.amount(), 0, RoundingMode.FLOOR);
            long amount = units.multiply(BigDecimal.valueOf(rate.minorUnits())).longValueExact();
            String base = Money.of(spend, step.currency()) + " on " + lines.size() + (all ? "" : " matching")
                    + (lines.size() == 1 ? " line" : " lines");
            Explanation how = new Explanation(base, rate + " per " + step, "",
                    "floor to whole " + step + " (" + units.toPlainString() + ")", "");
            return List.of(new Grant("PTS", amount, Allocation.overLines(amount, lines), how));
        };
    }

    static Action referencePerItem(LineMatcher matcher, Points perItem) {
        return c -> {
            Map<String, Long> shares = new LinkedHashMap<>();
            long items = 0;
            long amount = 0;
            for (BasketLine line : ((Purchase) c.activity()).lines()) {
                if (matcher.matches(line)) {
                    long part = line.quantity() * perItem.minorUnits();
                    shares.put(line.lineId(), part);
                    items += line.quantity();
                    amount += part;
                }
            }
            if (items == 0) {
                return List.of();
            }
            return List.of(new Grant("PTS", amount, shares,
                    new Explanation(items + (items == 1 ? " item" : " items"), perItem + " per item", "", "", "")));
        };
    }

    @Provide
    Arbitrary<Purchase> baskets() {
        Arbitrary<String> money = Arbitraries.of(MONEY);
        return money.flatMap(code -> {
            Currency c = Currency.getInstance(code);
            Arbitrary<BasketLine> line = Combinators.combine(Arbitraries.of(CATEGORIES),
                    Arbitraries.longs().between(1, 6), Arbitraries.longs().between(0, 50_000).edgeCases(e -> e.add(0L)))
                    .as((cat, qty, minor) -> BasketLine.of("x", cat.toUpperCase(), cat, qty,
                            Money.of(BigDecimal.valueOf(minor, c.getDefaultFractionDigits()), c)));
            return line.list().ofMinSize(1).ofMaxSize(8).map(ls -> {
                List<BasketLine> numbered = new ArrayList<>();
                for (int i = 0; i < ls.size(); i++) {
                    BasketLine l = ls.get(i);
                    numbered.add(BasketLine.of("L" + (i + 1), l.sku(), l.category(), l.quantity(), l.unitPrice()));
                }
                return Purchase.of("S1", "pos", numbered);
            });
        });
    }

    @Provide
    Arbitrary<Spec> specs() {
        return Combinators.combine(Arbitraries.of("fixed", "perItem", "perUnitSpent"),
                Arbitraries.of(CATEGORIES).injectNull(0.4), Arbitraries.longs().between(1, 40),
                Arbitraries.longs().between(1, 3_000), Arbitraries.of(MONEY))
                .as(Spec::new);
    }

    @Provide
    Arbitrary<List<Spec>> programs() {
        return specs().list().ofMinSize(1).ofMaxSize(6);
    }

    static RuleContext context(Purchase p) {
        return new RuleContext(MemberProfile.of(MemberId.of("m")), p,
                java.time.ZonedDateTime.parse("2024-06-04T12:00:00+02:00[Europe/Paris]"), IdempotencyKey.of("k"), "v1");
    }

    @Property(tries = 500)
    void eachBuiltInGrantsWhatTheReferenceGrants(@ForAll("specs") Spec spec, @ForAll("baskets") Purchase basket) {
        RuleContext c = context(basket);

        assertThat(spec.builtIn().grants(c)).isEqualTo(spec.reference().grants(c));
    }

    @Property(tries = 300)
    void aRuleSetOfBuiltInsEvaluatesAsTheSameRulesWrittenByHand(@ForAll("programs") List<Spec> specs,
            @ForAll("baskets") Purchase basket, @ForAll boolean capped, @ForAll boolean multiplied) {
        RuleContext c = context(basket);

        Evaluation builtIn = ruleSet(specs, Spec::builtIn, capped, multiplied).evaluate(c);
        Evaluation reference = ruleSet(specs, Spec::reference, capped, multiplied).evaluate(c);

        assertThat(builtIn).isEqualTo(reference);
        assertThat(builtIn.awards()).extracting(a -> a.explanation().text())
                .isEqualTo(reference.awards().stream().map(a -> a.explanation().text()).toList());
    }

    static RuleSet ruleSet(List<Spec> specs, Function<Spec, Action> encoding, boolean capped, boolean multiplied) {
        RuleSet.Builder b = RuleSet.builder(PTS);
        for (int i = 0; i < specs.size(); i++) {
            Spec s = specs.get(i);
            int n = i;
            b.rule("r" + i, r -> {
                r.name("rule " + n).award(encoding.apply(s));
                if (s.category() != null) {
                    r.when(Conditions.category(s.category()));
                }
                if (capped && n % 2 == 0) {
                    r.capPerTransaction("PTS", 1 + s.rate() * 3);
                }
            });
        }
        if (multiplied) {
            b.rule("double-coffee", r -> r.name("double coffee")
                    .multiply(Multiplier.on(LineMatcher.category("coffee"), "PTS", new BigDecimal("1.5"))));
        }
        return b.build();
    }

    @Test
    void spendBeyondALongOfMinorUnitsIsStillAddedExactly() {
        Money huge = Money.of(BigDecimal.valueOf(Long.MAX_VALUE / 2 + 1, 2), Currency.getInstance("EUR"));
        Purchase p = Purchase.of("S1", "pos", List.of(BasketLine.of("L1", "A", "coffee", 1, huge),
                BasketLine.of("L2", "B", "coffee", 1, huge)));
        Money step = Money.of(BigDecimal.valueOf(1_000_000_000_000_000L, 2), Currency.getInstance("EUR"));
        RuleContext c = context(p);

        List<Grant> builtIn = Actions.perUnitSpent(Points.of(PTS, 1), step).grants(c);

        assertThat(builtIn).isEqualTo(referencePerUnitSpent(LineMatcher.anyLine(), Points.of(PTS, 1), step).grants(c));
        assertThat(builtIn.get(0).amount()).isEqualTo(9223); // 92,233,720,368,547,758.08 EUR / 10,000,000,000,000.00 EUR
        assertThat(builtIn.get(0).explanation().base()).isEqualTo("92233720368547758.08 EUR on 2 lines");
    }
}
