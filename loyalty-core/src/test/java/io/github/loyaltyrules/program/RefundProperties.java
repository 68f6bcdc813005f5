package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Points spent on an order come back pro rata over any split of returns, each retried: never more than
 * was spent, exactly {@code floor(spent * returned value / order value)} after each return, and all of
 * it once everything is back.
 */
class RefundProperties {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant T0 = Instant.parse("2026-04-07T09:30:00Z");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final MemberId ANN = MemberId.of("ann");

    @Provide
    Arbitrary<List<Integer>> quantities() {
        return Arbitraries.integers().between(1, 5).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 150)
    void returnsGiveBackWhatWasSpentProRataOnceAndNeverMore(@ForAll("quantities") List<Integer> quantities,
            @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long spent, @ForAll long seed) {
        Random random = new Random(seed);
        boolean free = random.nextInt(8) == 0; // every line free: by units
        List<BasketLine> lines = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            String price = free ? "0.00" : BigDecimal.valueOf(random.nextInt(3000), 2).toPlainString();
            lines.add(BasketLine.of(String.valueOf(i + 1), "SKU" + i, "cat", quantities.get(i), Money.of(price, "EUR")));
        }
        boolean byUnits = lines.stream().allMatch(l -> l.unitPrice().amount().signum() == 0);
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", ctx -> Evaluation.NOTHING, List.of())
                .withRedemptionRules(RedemptionRule.of(PTS).withRefund(RefundPolicy.PRO_RATA)), TierLookup.NONE);
        program.enrol(ANN, T0.minusSeconds(60));
        ledger.earn(ANN, PTS.points(spent), T0.minusSeconds(30), IdempotencyKey.of("gift"), "gift");
        program.redeemFor(ANN, PTS.points(spent), IdempotencyKey.of("o"), T0, IdempotencyKey.of("pay"), "pays");
        program.purchase(ANN, Purchase.of("s", "pos", lines), T0, IdempotencyKey.of("o"));

        BigInteger total = BigInteger.ZERO;
        List<String> units = new ArrayList<>();
        for (BasketLine l : lines) {
            total = total.add(weight(l, byUnits).multiply(BigInteger.valueOf(l.quantity())));
            for (long u = 0; u < l.quantity(); u++) {
                units.add(l.lineId());
            }
        }
        Collections.shuffle(units, random);
        BigInteger returned = BigInteger.ZERO;
        int n = 0;
        for (int from = 0; from < units.size(); n++) {
            int to = from + 1 + random.nextInt(units.size() - from);
            Map<String, Long> part = new java.util.TreeMap<>();
            for (String id : units.subList(from, to)) {
                part.merge(id, 1L, Long::sum);
                BasketLine line = lines.get(Integer.parseInt(id) - 1);
                returned = returned.add(weight(line, byUnits));
            }
            Instant at = T0.plusSeconds(60L * (n + 1));
            program.returnPurchase(ANN, IdempotencyKey.of("o"), part, at, IdempotencyKey.of("r" + n));
            if (random.nextBoolean()) { // the till retries: nothing more
                program.returnPurchase(ANN, IdempotencyKey.of("o"), part, at, IdempotencyKey.of("r" + n));
            }
            long expected = BigInteger.valueOf(spent).multiply(returned).divide(total).longValueExact();
            long balance = ledger.balance(ANN, PTS, at).total();
            assertThat(balance).as("given back after %s of %s", returned, total).isEqualTo(expected)
                    .isLessThanOrEqualTo(spent);
            from = to;
        }
        assertThat(ledger.balance(ANN, PTS, T0.plusSeconds(60L * (n + 1))).total()).isEqualTo(spent);
    }

    /** A line's value per unit in cents, or 1 when every line is free (shared by units). */
    private static BigInteger weight(BasketLine line, boolean free) {
        return free ? BigInteger.ONE : line.unitPrice().amount().movePointRight(2).toBigIntegerExact();
    }
}
