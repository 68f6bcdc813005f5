package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.RuleSet;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

/**
 * The program the earn benchmarks run, written three ways over the same five-line basket:
 * with our {@link RuleSet}, as a general rule engine's rules (Easy Rules), and by hand (the floor).
 *
 * <p>Three rules match the basket: 1 point per whole 1.00 of the basket, 5 points per coffee item
 * (2 lines, 3 items) and 20 points for shopping at store-1. All other rules are keyed on SKUs,
 * categories or stores the basket does not have, as a chain's hundreds of campaigns would be.
 * The basket earns {@value #EXPECTED} points.
 */
final class EarnProgram {

    /** What the basket earns under every encoding. */
    static final long EXPECTED = 33 + 15 + 20;

    static final Purchase BASKET = Purchase.of("store-1", "pos", List.of(
            BasketLine.of("1", "LATTE", "coffee", 2, Money.of("4.20", "EUR")),
            BasketLine.of("2", "ESPRESSO", "coffee", 1, Money.of("2.50", "EUR")),
            BasketLine.of("3", "CROISSANT", "pastry", 1, Money.of("2.90", "EUR")),
            BasketLine.of("4", "BEANS", "beans", 1, Money.of("12.99", "EUR")),
            BasketLine.of("5", "MUG", "merch", 1, Money.of("7.00", "EUR"))));

    private static final Money ONE_EURO = Money.of("1.00", "EUR");

    private EarnProgram() {
    }

    /** Our encoding: 3 matching rules and {@code rules - 3} keyed ones that cannot match. */
    static RuleSet ruleSet(int rules) {
        RuleSet.Builder b = RuleSet.builder(Fixtures.PTS)
                .rule("base", r -> r.name("1 pt per 1.00").award(Actions.perUnitSpent(Fixtures.PTS.points(1), ONE_EURO)))
                .rule("coffee", r -> r.name("5 pts per coffee").when(Conditions.category("coffee"))
                        .award(Actions.perItem(LineMatcher.category("coffee"), Fixtures.PTS.points(5))))
                .rule("store", r -> r.name("20 pts at store-1").when(Conditions.store("store-1"))
                        .award(Actions.fixed(Fixtures.PTS.points(20))));
        for (int i = 0; i < rules - 3; i++) {
            int n = i;
            switch (i % 3) {
                case 0 -> b.rule("sku-" + n, r -> r.name("SKU " + n).when(Conditions.sku("SKU-" + n))
                        .award(Actions.fixed(Fixtures.PTS.points(10))));
                case 1 -> b.rule("cat-" + n, r -> r.name("category " + n).when(Conditions.category("cat-" + n))
                        .award(Actions.perItem(LineMatcher.category("cat-" + n), Fixtures.PTS.points(3))));
                default -> b.rule("store-" + n, r -> r.name("store " + n).when(Conditions.store("store-x" + n))
                        .award(Actions.fixed(Fixtures.PTS.points(15))));
            }
        }
        return b.build();
    }

    /** A rule context for the basket, as the facade would build it. */
    static RuleContext context(MemberId member) {
        MemberProfile profile = new MemberProfile(member, null, Set.of(), Map.of(), null, 3);
        return new RuleContext(profile, BASKET, Fixtures.T0.atZone(Fixtures.ZONE),
                Fixtures.key("ctx", 0), "bench");
    }

    /** The floor: the same program hand-written as straight-line code for this one program. */
    static long floor(Purchase purchase, int rules) {
        BigDecimal total = BigDecimal.ZERO;
        long coffeeItems = 0;
        for (BasketLine line : purchase.lines()) {
            total = total.add(line.amount().amount());
            if (line.category().equals("coffee")) {
                coffeeItems += line.quantity();
            }
        }
        long points = total.setScale(0, RoundingMode.FLOOR).longValueExact() + 5 * coffeeItems;
        if (purchase.store().equals("store-1")) {
            points += 20;
        }
        return points; // the other rules' SKUs, categories and stores are not in this basket by construction
    }

    /** A general rule engine's encoding: one Easy Rules rule per rule, all conditions checked on every basket. */
    static Rules easyRules(int rules) {
        Rules set = new Rules();
        set.register(new RuleBuilder().name("base").priority(1)
                .when(f -> true)
                .then(f -> add(f, basketTotal(f.get("basket")).setScale(0, RoundingMode.FLOOR).longValueExact()))
                .build());
        set.register(new RuleBuilder().name("coffee").priority(2)
                .when(f -> hasCategory(f.get("basket"), "coffee"))
                .then(f -> add(f, 5 * items(f.get("basket"), "coffee")))
                .build());
        set.register(new RuleBuilder().name("store").priority(3)
                .when(f -> ((Purchase) f.get("basket")).store().equals("store-1"))
                .then(f -> add(f, 20))
                .build());
        for (int i = 0; i < rules - 3; i++) {
            String n = Integer.toString(i);
            RuleBuilder r = new RuleBuilder().name("rule-" + n).priority(10 + i);
            switch (i % 3) {
                case 0 -> r.when(f -> hasSku(f.get("basket"), "SKU-" + n)).then(f -> add(f, 10));
                case 1 -> r.when(f -> hasCategory(f.get("basket"), "cat-" + n))
                        .then(f -> add(f, 3 * items(f.get("basket"), "cat-" + n)));
                default -> r.when(f -> ((Purchase) f.get("basket")).store().equals("store-x" + n)).then(f -> add(f, 15));
            }
            set.register(r.build());
        }
        return set;
    }

    /** Fires the Easy Rules encoding on the basket and returns the points. */
    static long fire(RulesEngine engine, Rules rules, Purchase purchase) {
        Facts facts = new Facts();
        facts.put("basket", purchase);
        facts.put("points", new long[1]);
        engine.fire(rules, facts);
        return ((long[]) facts.get("points"))[0];
    }

    static RulesEngine easyRulesEngine() {
        return new DefaultRulesEngine();
    }

    private static void add(Facts f, long points) {
        ((long[]) f.get("points"))[0] += points;
    }

    private static BigDecimal basketTotal(Purchase p) {
        BigDecimal total = BigDecimal.ZERO;
        for (BasketLine line : p.lines()) {
            total = total.add(line.amount().amount());
        }
        return total;
    }

    private static boolean hasCategory(Purchase p, String category) {
        for (BasketLine line : p.lines()) {
            if (line.category().equals(category)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasSku(Purchase p, String sku) {
        for (BasketLine line : p.lines()) {
            if (line.sku().equals(sku)) {
                return true;
            }
        }
        return false;
    }

    private static long items(Purchase p, String category) {
        long n = 0;
        for (BasketLine line : p.lines()) {
            if (line.category().equals(category)) {
                n += line.quantity();
            }
        }
        return n;
    }
}
