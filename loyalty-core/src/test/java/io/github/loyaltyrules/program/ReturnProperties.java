package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Returns in any number of parts claw back exactly what was earned, never more, and basket bonuses go with the threshold. */
class ReturnProperties {

    @Provide
    Arbitrary<List<Integer>> quantities() {
        return Arbitraries.integers().between(1, 5).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 150)
    void partialReturnsNeverTakeMoreThanEarnedAndAllOfThemTakeEverything(
            @ForAll("quantities") List<Integer> quantities, @ForAll long seed) {
        Random random = new Random(seed);
        List<BasketLine> lines = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            lines.add(BasketLine.of(String.valueOf(i + 1), "SKU" + i, "cat", quantities.get(i),
                    Money.of(BigDecimal.valueOf(1 + random.nextInt(1500), 2).toPlainString(), "EUR")));
        }
        Purchase basket = Purchase.of("s", "pos", lines);
        Ledger ledger = Ledger.builder().zone(ReturnedBasketBonusTest.ZONE)
                .clock(Clock.fixed(ReturnedBasketBonusTest.T0, ReturnedBasketBonusTest.ZONE))
                .currency(ReturnedBasketBonusTest.PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger,
                ProgramVersion.of("v1", ReturnedBasketBonusTest.WITH_BONUS, List.of()), TierLookup.NONE);
        var ann = ReturnedBasketBonusTest.ANN;
        program.enrol(ann, ReturnedBasketBonusTest.T0.minusSeconds(60));
        Receipt bought = program.purchase(ann, basket, ReturnedBasketBonusTest.T0, IdempotencyKey.of("o"));
        Map<String, Long> earned = new HashMap<>();
        for (Award a : bought.awards()) {
            earned.merge(a.ruleId(), a.amount(), Long::sum);
        }

        List<String> units = new ArrayList<>();
        for (BasketLine l : lines) {
            for (long u = 0; u < l.quantity(); u++) {
                units.add(l.lineId());
            }
        }
        Collections.shuffle(units, random);
        Map<String, Long> clawed = new HashMap<>();
        BigDecimal kept = basket.total().amount();
        int n = 0;
        while (!units.isEmpty()) {
            int take = 1 + random.nextInt(units.size());
            Map<String, Long> ret = new HashMap<>();
            for (int i = 0; i < take; i++) {
                String id = units.remove(units.size() - 1);
                ret.merge(id, 1L, Long::sum);
                for (BasketLine l : lines) {
                    if (l.lineId().equals(id)) {
                        kept = kept.subtract(l.unitPrice().amount());
                    }
                }
            }
            Receipt r = program.returnPurchase(ann, IdempotencyKey.of("o"), ret,
                    ReturnedBasketBonusTest.T0.plusSeconds(++n), IdempotencyKey.of("r" + n));
            for (Award a : r.awards()) {
                clawed.merge(a.ruleId(), a.amount(), Long::sum);
            }
            for (Map.Entry<String, Long> e : clawed.entrySet()) {
                assertThat(e.getValue()).isLessThanOrEqualTo(earned.getOrDefault(e.getKey(), 0L));
            }
            if (earned.containsKey("big-basket") && kept.compareTo(new BigDecimal("20.00")) < 0) {
                assertThat(clawed.get("big-basket")).isEqualTo(40L);
            }
            long balance = ledger.balance(ann, ReturnedBasketBonusTest.PTS).total();
            assertThat(balance).isEqualTo(bought.total("PTS") - clawed.values().stream().mapToLong(Long::longValue).sum());
        }
        assertThat(clawed).isEqualTo(earned);
        assertThat(ledger.balance(ann, ReturnedBasketBonusTest.PTS).total()).isZero();
    }
}
