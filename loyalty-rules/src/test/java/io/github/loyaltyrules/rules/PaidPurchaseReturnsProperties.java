package io.github.loyaltyrules.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Discount;
import io.github.loyaltyrules.rule.EarningBase;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Tender;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/**
 * Returns of purchases with discounts, tax, measured lines, tenders and codes, in random parts and
 * order: no return takes back more than a rule awarded and has not yet taken, and once every unit is
 * back, exactly what the purchase earned has been taken back, rule by rule, leaving a zero balance.
 */
class PaidPurchaseReturnsProperties {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final MemberId ANN = MemberId.of("ann");
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private static Money eur(long cents) {
        return Money.of(BigDecimal.valueOf(cents, 2), java.util.Currency.getInstance("EUR"));
    }

    /** A line: counted (units, cents a unit) or measured (millilitres, cents); tax or not; cents off it. */
    record Line(boolean measured, int units, int cents, boolean taxed, int offPermille) {
    }

    record Case(List<Line> lines, int orderOffPercent, boolean storecard, boolean code, List<Integer> returnSeeds) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, 5),
                Arbitraries.integers().between(1, 20_000), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 500)).as(Line::new);
        return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(5), Arbitraries.integers().between(0, 40),
                Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(1).ofMaxSize(12)).as(Case::new);
    }

    static Purchase purchase(Case c) {
        List<BasketLine> lines = new ArrayList<>();
        List<Discount> discounts = new ArrayList<>();
        long left = 0;
        for (int i = 0; i < c.lines().size(); i++) {
            Line l = c.lines().get(i);
            String id = "L" + i;
            BasketLine b = l.measured()
                    ? BasketLine.measured(id, "DIESEL", "fuel", BigDecimal.valueOf(l.units() * 7919L, 3), "L", eur(l.cents()))
                    : BasketLine.of(id, "SKU" + i, i % 2 == 0 ? "grocery" : "deli", l.units(), eur(l.cents()));
            b = l.taxed() ? b.withTaxRate(new BigDecimal("0.19")) : b;
            lines.add(b);
            long amount = b.amount().amount().movePointRight(2).longValueExact();
            long off = amount * l.offPermille() / 1000;
            if (off > 0) {
                discounts.add(Discount.line(id, eur(off)));
            }
            left += amount - off;
        }
        long order = left * c.orderOffPercent() / 100;
        if (order > 0) {
            discounts.add(Discount.order(eur(order)));
        }
        List<Tender> tenders = List.of(Tender.of(c.storecard() ? "STORECARD" : "CASH", eur(Math.max(1, left - order))));
        return new Purchase(lines, "s", "pos", tenders, c.code() ? Set.of("WELCOME") : Set.of(), discounts);
    }

    @Property(tries = 150)
    void returnsTakeBackExactlyWhatTheReturnedLinesEarned(@ForAll("cases") Case c) {
        RuleSet rules = RuleSet.builder(PTS)
                .rule("base", r -> r.award(Actions.perUnitSpentOn(LineMatcher.category("grocery", "deli"),
                        PTS.points(1), eur(100), EarningBase.NET_EXCLUDING_TAX)))
                .rule("fuel", r -> r.award(Actions.perMeasureOn(LineMatcher.anyLine(), PTS.points(1),
                        new BigDecimal("2"), "L")))
                .rule("big", r -> r.when(Conditions.basketAtLeast(eur(3000), EarningBase.NET))
                        .award(Actions.fixed(PTS.points(20))))
                .rule("welcome", r -> r.when(Conditions.code("welcome")).award(Actions.fixed(PTS.points(50))))
                .rule("card", r -> r.when(Conditions.paidWith("STORECARD"))
                        .multiply(Multiplier.of("PTS", BigDecimal.valueOf(2))))
                .build();
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(86400 * 60),
                ZoneOffset.UTC)).currency(PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", rules, List.of()), TierLookup.NONE);
        program.enrol(ANN, T0.minusSeconds(60));
        Purchase p = purchase(c);
        Receipt bought = program.purchase(ANN, p, T0, IdempotencyKey.of("p"));
        Map<String, Long> earned = new HashMap<>();
        for (Award a : bought.awards()) {
            earned.merge(a.ruleId(), a.amount(), Long::sum);
        }
        Map<String, Long> left = new HashMap<>();
        p.lines().forEach(l -> left.put(l.lineId(), l.quantity()));
        Map<String, Long> taken = new HashMap<>();
        int n = 0;
        List<Integer> seeds = new ArrayList<>(c.returnSeeds());
        while (left.values().stream().anyMatch(u -> u > 0)) {
            int seed = n < seeds.size() ? seeds.get(n) : n;
            List<String> open = left.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                    .sorted().toList();
            String line = open.get(seed % open.size());
            long units = 1 + (seed / 7) % left.get(line);
            n++;
            Receipt back = program.returnPurchase(ANN, IdempotencyKey.of("p"), Map.of(line, units),
                    T0.plusSeconds(3600L * n), IdempotencyKey.of("r" + n));
            left.merge(line, -units, Long::sum);
            for (Award a : back.awards()) {
                assertThat(a.amount()).isPositive();
                taken.merge(a.ruleId(), a.amount(), Long::sum);
            }
            for (Map.Entry<String, Long> t : taken.entrySet()) {
                assertThat(t.getValue()).as("taken back of rule %s", t.getKey())
                        .isLessThanOrEqualTo(earned.getOrDefault(t.getKey(), 0L));
            }
        }
        assertThat(taken).isEqualTo(earned.entrySet().stream().filter(e -> e.getValue() > 0)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        assertThat(ledger.balance(ANN, PTS).total()).isZero();
    }
}
