package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Over random purchases and (partial) returns through the program, every cap and budget counter holds
 * exactly what the kept parts of the purchases drawing on it were awarded: what their receipts awarded
 * less what their returns clawed back, counted in the period of the purchase. So it never exceeds its
 * limit, never goes below zero, and a fully returned purchase counts for nothing.
 */
class QuotasOverReturnsProperties {

    private static final MemberId[] MEMBERS = {MemberId.of("ann"), MemberId.of("bob")};
    private static final LocalDate FIRST = LocalDate.of(2024, 6, 1);
    private static final long MONTH_CAP = 100;
    private static final long WEEK_CAP = 30;

    /** One step: a purchase of {@code lines} by a member, or a return drawn from {@code seed}; {@code gap} days later. */
    record Step(boolean purchase, int member, int gap, List<Line> lines, int seed) {
    }

    /** A basket line: coffee or food, units, whole euros a unit. */
    record Line(boolean coffee, int units, int euros) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Line> line = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 15)).as(Line::new);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 4),
                line.list().ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(0, 1_000_000))
                .as((kind, member, gap, lines, seed) -> new Step(kind < 6, member, gap, lines, seed));
        return step.list().ofMinSize(1).ofMaxSize(25);
    }

    /** A purchase made, with what its receipt awarded and its returns clawed back per rule, and units left per line. */
    private static final class Bought {
        final MemberId member;
        final LocalDate day;
        final String key;
        final Purchase basket;
        final Map<String, Long> kept = new HashMap<>();
        final Map<String, Long> left = new HashMap<>();

        Bought(MemberId member, LocalDate day, String key, Purchase basket, Receipt receipt) {
            this.member = member;
            this.day = day;
            this.key = key;
            this.basket = basket;
            for (Award a : receipt.awards()) {
                kept.merge(a.ruleId(), a.amount(), Long::sum);
            }
            for (BasketLine l : basket.lines()) {
                left.put(l.lineId(), l.quantity());
            }
        }
    }

    @Property(tries = 200)
    void everyCounterHoldsWhatTheKeptPartsOfPurchasesWereAwarded(@ForAll("steps") List<Step> steps,
            @ForAll @IntRange(min = 20, max = 400) int budget) {
        Quotas quotas = Quotas.inMemory();
        RuleSet rules = RuleSet.builder(STARS).quotas(quotas)
                .campaign(Campaign.of("summer", "Summer", Instant.parse("2024-01-01T00:00:00Z"),
                        Instant.parse("2025-01-01T00:00:00Z")).withBudget("STARS", budget))
                .rule("base", r -> r.capPerMember("STARS", MONTH_CAP, CapPeriod.MONTH)
                        .award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .rule("big", r -> r.campaign("summer").when(Conditions.basketAtLeast(eur("20.00")))
                        .award(Actions.fixed(stars(25))))
                .rule("coffee-x2", r -> r.campaign("summer").capPerMember("STARS", WEEK_CAP, CapPeriod.WEEK)
                        .multiply(Multiplier.on(LineMatcher.category("coffee"), "STARS", BigDecimal.valueOf(2))))
                .build();
        Ledger ledger = Ledger.builder().zone(Fixtures.ZONE).clock(Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"),
                Fixtures.ZONE)).currency(STARS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", rules, List.of()), TierLookup.NONE);
        for (MemberId m : MEMBERS) {
            program.enrol(m, FIRST.atStartOfDay(Fixtures.ZONE).toInstant());
        }
        List<Bought> bought = new ArrayList<>();
        LocalDate day = FIRST;
        int n = 0;
        for (Step s : steps) {
            day = day.plusDays(s.gap());
            Instant at = LocalDateTime.of(day, java.time.LocalTime.of(9, 0)).plusMinutes(n).atZone(Fixtures.ZONE)
                    .toInstant();
            n++;
            if (s.purchase() || bought.isEmpty()) {
                Fixtures.Basket b = Fixtures.basket();
                for (Line l : s.lines()) {
                    b.line(l.coffee() ? "ESPRESSO" : "CROISSANT", l.coffee() ? "coffee" : "food", l.units(),
                            l.euros() + ".00");
                }
                Purchase p = b.build();
                MemberId m = MEMBERS[s.member()];
                String key = "p-" + n;
                bought.add(new Bought(m, day, key, p, program.purchase(m, p, at, IdempotencyKey.of(key))));
            } else {
                Bought b = bought.get(s.seed() % bought.size());
                List<BasketLine> open = b.basket.lines().stream().filter(l -> b.left.get(l.lineId()) > 0).toList();
                if (open.isEmpty()) {
                    continue;
                }
                BasketLine line = open.get(s.seed() % open.size());
                long units = 1 + (s.seed() / 7) % b.left.get(line.lineId());
                Receipt back = program.returnPurchase(b.member, IdempotencyKey.of(b.key), Map.of(line.lineId(), units),
                        at, IdempotencyKey.of("r-" + n));
                b.left.merge(line.lineId(), -units, Long::sum);
                for (Award a : back.awards()) {
                    b.kept.merge(a.ruleId(), -a.amount(), Long::sum);
                }
                if (s.seed() % 3 == 0) { // a retry of the same return changes nothing
                    assertThat(program.returnPurchase(b.member, IdempotencyKey.of(b.key),
                            Map.of(line.lineId(), units), at, IdempotencyKey.of("r-" + n))).isEqualTo(back);
                }
            }
            check(quotas, bought, budget);
        }
        for (Bought b : bought) { // every fully returned purchase keeps nothing
            if (b.left.values().stream().allMatch(u -> u == 0)) {
                assertThat(b.kept.values()).allMatch(v -> v == 0);
            }
        }
    }

    /** Each counter equals the kept awards drawing on it, within 0 and its limit. */
    private static void check(Quotas quotas, List<Bought> bought, long budget) {
        Map<String, Long> expected = new HashMap<>();
        long campaign = 0;
        for (Bought b : bought) {
            expected.merge("cap/base/STARS/" + b.member.value() + "/" + CapPeriod.MONTH.startOf(b.day),
                    b.kept.getOrDefault("base", 0L), Long::sum);
            expected.merge("cap/coffee-x2/STARS/" + b.member.value() + "/" + CapPeriod.WEEK.startOf(b.day),
                    b.kept.getOrDefault("coffee-x2", 0L), Long::sum);
            campaign += b.kept.getOrDefault("big", 0L) + b.kept.getOrDefault("coffee-x2", 0L);
        }
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            long limit = e.getKey().startsWith("cap/base/") ? MONTH_CAP : WEEK_CAP;
            assertThat(quotas.used(e.getKey())).as(e.getKey()).isEqualTo(e.getValue()).isBetween(0L, limit);
        }
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(campaign).isBetween(0L, budget);
    }
}
