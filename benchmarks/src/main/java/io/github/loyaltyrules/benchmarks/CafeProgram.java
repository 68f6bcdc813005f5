package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.Conditions;
import io.github.loyaltyrules.rules.LineMatcher;
import io.github.loyaltyrules.rules.Multiplier;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.rules.text.ProgramText;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The harder evaluation workload of issue 21, written three ways: with our {@link RuleSet} built in
 * Java, as program text, and by hand with the rules bucketed by key (the floor).
 *
 * <p>The basket has five lines (two coffee lines, a pastry, a dairy line and the mug {@code MUG-01}),
 * totals 45.48 EUR and is bought on a Saturday at store {@code S1} through {@code POS} by a
 * {@code GOLD} member. Five rules match it: 1 point per whole 1.00 (capped at 1,000 points per
 * transaction), coffee lines multiplied by 2 at weekends, 50 points at {@code S1} for baskets from
 * 30.00, 20 points per {@code MUG-01} and {@code GOLD} multiplied by 1.5 (multipliers add up, per
 * line, rounded down). The other {@code rules - 5} are spread evenly over four kinds, each keyed on a
 * value the basket never has: category multipliers, SKU bonuses, store basket bonuses ({@code store = X
 * and basket >= m}) and tier multipliers ({@code tier = T then multiply}). The basket earns
 * {@value #EXPECTED} points.
 */
final class CafeProgram {

    /** What the basket earns under every encoding: 115 earned, 19 coffee bonus, 56 Gold bonus. */
    static final long EXPECTED = 190;

    /** How many rules of the program match the basket. */
    static final int MATCHING = 5;

    /** Saturday 7 March 2026, 11:00 in the program zone. */
    static final Instant AT = Instant.parse("2026-03-07T10:00:00Z");

    static final Purchase BASKET = Purchase.of("S1", "POS", List.of(
            BasketLine.of("1", "LATTE", "coffee", 1, Money.of("4.20", "EUR")),
            BasketLine.of("2", "ESPRESSO", "coffee", 2, Money.of("2.50", "EUR")),
            BasketLine.of("3", "CROISSANT", "pastry", 1, Money.of("2.90", "EUR")),
            BasketLine.of("4", "MILK-1L", "dairy", 1, Money.of("1.39", "EUR")),
            BasketLine.of("5", "MUG-01", "merch", 1, Money.of("31.99", "EUR"))));

    private static final Money ONE_EURO = Money.of("1.00", "EUR");

    private CafeProgram() {
    }

    /** The filler rule {@code i} of kind {@code i % 4}: the value it is keyed on. */
    private static String fillerKey(int i) {
        return switch (i % 4) {
            case 0 -> "cat-" + i;
            case 1 -> "SKU-" + i;
            case 2 -> "S-" + i;
            default -> "T-" + i;
        };
    }

    /** The basket threshold of store filler {@code i}, in cents: 10.00 to 59.00. */
    private static long fillerThreshold(int i) {
        return 1000 + (i % 50) * 100L;
    }

    /** Our encoding, built with the Java API. */
    static RuleSet ruleSet(int rules) {
        RuleSet.Builder b = RuleSet.builder(Fixtures.PTS)
                .rule("base", r -> r.name("1 pt per 1.00").award(Actions.perUnitSpent(Fixtures.PTS.points(1), ONE_EURO))
                        .capPerTransaction("PTS", 1000))
                .rule("weekend-coffee", r -> r.name("Coffee x2 at weekends")
                        .when(Conditions.daysOfWeek(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))
                        .multiply(Multiplier.on(LineMatcher.category("coffee"), "PTS", BigDecimal.valueOf(2))))
                .rule("s1", r -> r.name("50 pts at S1 from 30.00")
                        .when(Conditions.store("S1").and(Conditions.basketAtLeast(Money.of("30.00", "EUR"))))
                        .award(Actions.fixed(Fixtures.PTS.points(50))))
                .rule("mug", r -> r.name("20 pts per mug").when(Conditions.sku("MUG-01"))
                        .award(Actions.perItem(LineMatcher.sku("MUG-01"), Fixtures.PTS.points(20))))
                .rule("gold", r -> r.name("Gold x1.5").when(Conditions.tier("GOLD"))
                        .multiply(Multiplier.of("PTS", new BigDecimal("1.5"))));
        for (int i = 0; i < rules - MATCHING; i++) {
            String key = fillerKey(i);
            long cents = fillerThreshold(i);
            switch (i % 4) {
                case 0 -> b.rule("f" + i, r -> r.name("x2 on " + key).when(Conditions.category(key))
                        .multiply(Multiplier.on(LineMatcher.category(key), "PTS", BigDecimal.valueOf(2))));
                case 1 -> b.rule("f" + i, r -> r.name("10 pts for " + key).when(Conditions.sku(key))
                        .award(Actions.fixed(Fixtures.PTS.points(10))));
                case 2 -> b.rule("f" + i, r -> r.name("25 pts at " + key).when(Conditions.store(key)
                                .and(Conditions.basketAtLeast(Money.of(BigDecimal.valueOf(cents, 2), ONE_EURO.currency()))))
                        .award(Actions.fixed(Fixtures.PTS.points(25))));
                default -> b.rule("f" + i, r -> r.name("x1.25 for " + key).when(Conditions.tier(key))
                        .multiply(Multiplier.of("PTS", new BigDecimal("1.25"))));
            }
        }
        return b.build();
    }

    /** The same program as text, in the program language. */
    static String text(int rules) {
        StringBuilder t = new StringBuilder();
        t.append("program \"cafe\";\nzone \"Europe/Amsterdam\";\ncurrency PTS \"Points\" decimals 0;\n");
        t.append("rule base \"1 pt per 1.00\" then earn 1 PTS per 1.00 EUR cap 1000 PTS per transaction;\n");
        t.append("rule weekend-coffee \"Coffee x2 at weekends\" when weekday in (SAT, SUN)"
                + " then multiply PTS by 2 on category = \"coffee\";\n");
        t.append("rule s1 \"50 pts at S1 from 30.00\" when store = \"S1\" and basket >= 30.00 EUR then earn 50 PTS;\n");
        t.append("rule mug \"20 pts per mug\" when sku = \"MUG-01\" then earn 20 PTS per item on sku = \"MUG-01\";\n");
        t.append("rule gold \"Gold x1.5\" when tier = GOLD then multiply PTS by 1.5;\n");
        for (int i = 0; i < rules - MATCHING; i++) {
            String key = fillerKey(i);
            switch (i % 4) {
                case 0 -> t.append("rule f").append(i).append(" \"x2 on ").append(key).append("\" when category = \"")
                        .append(key).append("\" then multiply PTS by 2 on category = \"").append(key).append("\";\n");
                case 1 -> t.append("rule f").append(i).append(" \"10 pts for ").append(key).append("\" when sku = \"")
                        .append(key).append("\" then earn 10 PTS;\n");
                case 2 -> t.append("rule f").append(i).append(" \"25 pts at ").append(key).append("\" when store = \"")
                        .append(key).append("\" and basket >= ")
                        .append(BigDecimal.valueOf(fillerThreshold(i), 2).toPlainString())
                        .append(" EUR then earn 25 PTS;\n");
                default -> t.append("rule f").append(i).append(" \"x1.25 for ").append(key).append("\" when tier = \"")
                        .append(key).append("\" then multiply PTS by 1.25;\n");
            }
        }
        return t.toString();
    }

    /** Our encoding, read from {@link #text(int)}. */
    static RuleSet ruleSetFromText(int rules) {
        return ProgramText.parse(text(rules)).ruleSet();
    }

    /** A rule context for the basket: a {@code GOLD} member on Saturday, as the facade would build it. */
    static RuleContext context(MemberId member) {
        MemberProfile profile = new MemberProfile(member, "GOLD", Set.of(), Map.of(), null, 12);
        return new RuleContext(profile, BASKET, AT.atZone(Fixtures.ZONE), Fixtures.key("cafe", 0), "bench");
    }

    /**
     * The basket as a till holds it for the hand-written floor: line amounts in cents, the day as a
     * number, no {@code Money} to read.
     */
    static final class Till {
        final String store;
        final String tier;
        final int dayOfWeek;
        final String[] skus;
        final String[] categories;
        final long[] quantities;
        final long[] cents;

        Till(Purchase p, String tier, DayOfWeek day) {
            this.store = p.store();
            this.tier = tier;
            this.dayOfWeek = day.getValue();
            int n = p.lines().size();
            skus = new String[n];
            categories = new String[n];
            quantities = new long[n];
            cents = new long[n];
            for (int i = 0; i < n; i++) {
                BasketLine line = p.lines().get(i);
                skus[i] = line.sku();
                categories[i] = line.category();
                quantities[i] = line.quantity();
                cents[i] = line.amount().amount().movePointRight(2).longValueExact();
            }
        }
    }

    /** The till's view of {@link #BASKET}. */
    static Till till() {
        return new Till(BASKET, "GOLD", AT.atZone(Fixtures.ZONE).getDayOfWeek());
    }

    /**
     * The floor: the program hand-written for this one program, its fillers bucketed by the value
     * they are keyed on (one hash map per kind), with per-line points in preallocated arrays. It
     * computes what our engine computes, line shares included (so that multipliers round per line
     * alike), but builds no explanation and allocates nothing per basket.
     */
    static final class Floor {
        private final Map<String, int[]> categoryMultipliers = new HashMap<>();
        private final Map<String, int[]> skuBonuses = new HashMap<>();
        private final Map<String, long[]> storeBonuses = new HashMap<>(); // store -> {threshold, points}
        private final Map<String, int[]> tierMultipliers = new HashMap<>();
        private final long[] perLine = new long[16];
        private final long[] bonus = new long[16];

        Floor(int rules) {
            for (int i = 0; i < rules - MATCHING; i++) {
                String key = fillerKey(i);
                switch (i % 4) {
                    case 0 -> categoryMultipliers.put(key, new int[] {2, 1});
                    case 1 -> skuBonuses.put(key, new int[] {10});
                    case 2 -> storeBonuses.put(key, new long[] {fillerThreshold(i), 25});
                    default -> tierMultipliers.put(key, new int[] {5, 4});
                }
            }
        }

        /** The points the basket earns. */
        long points(Till t) {
            int n = t.cents.length;
            long total = 0;
            for (int i = 0; i < n; i++) {
                total += t.cents[i];
                perLine[i] = 0;
                bonus[i] = 0;
            }
            long base = Math.min(total / 100, 1000);
            share(base, t.cents, total, n);
            if (t.store.equals("S1") && total >= 3000) {
                share(50, t.cents, total, n);
            }
            long[] store = storeBonuses.get(t.store);
            if (store != null && total >= store[0]) {
                share(store[1], t.cents, total, n);
            }
            for (int i = 0; i < n; i++) {
                if (t.skus[i].equals("MUG-01")) {
                    perLine[i] += 20 * t.quantities[i];
                }
                if (skuBonuses.get(t.skus[i]) != null) {
                    share(10, t.cents, total, n); // not reached: no filler SKU is in the basket
                }
            }
            long points = 0;
            for (int i = 0; i < n; i++) {
                points += perLine[i];
            }
            boolean weekend = t.dayOfWeek >= 6;
            for (int i = 0; i < n; i++) {
                if (weekend && t.categories[i].equals("coffee")) {
                    bonus[i] += perLine[i]; // x2: one more time the line's points
                }
                if (categoryMultipliers.get(t.categories[i]) != null) {
                    bonus[i] += perLine[i]; // not reached
                }
            }
            long extra = 0;
            for (int i = 0; i < n; i++) {
                extra += bonus[i];
            }
            if (t.tier.equals("GOLD")) {
                for (int i = 0; i < n; i++) {
                    extra += perLine[i] / 2; // x1.5, floor per line
                }
            }
            if (tierMultipliers.get(t.tier) != null) {
                for (int i = 0; i < n; i++) {
                    extra += perLine[i] / 4; // not reached
                }
            }
            return points + extra;
        }

        /** Shares {@code amount} over the lines by cumulative floor of the line amounts, as the engine does. */
        private void share(long amount, long[] cents, long total, int n) {
            long cumulative = 0;
            long before = 0;
            for (int i = 0; i < n; i++) {
                cumulative += cents[i];
                long upTo = amount * cumulative / total;
                perLine[i] += upTo - before;
                before = upTo;
            }
        }
    }
}
