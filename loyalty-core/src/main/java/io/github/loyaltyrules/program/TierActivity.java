package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.TierEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps a purchase's or event's activity to the tier engine's metrics: the qualifying activity a
 * purchase records per metric (points in a points metric's currency, spend floored to minor units, one
 * purchase), what a return takes back of it, and the keys it is recorded under.
 */
final class TierActivity {

    private final TierEngine tierEngine;

    TierActivity(TierEngine tierEngine) {
        this.tierEngine = tierEngine;
    }

    /**
     * The qualifying activity of a purchase or event, for each metric of the ladder (computed again from
     * the record when needed, so it is not stored).
     */
    Map<Metric, Long> qualified(Purchase purchase, Map<String, Long> totals) {
        Map<Metric, Long> recorded = new LinkedHashMap<>();
        for (Metric m : tierEngine.ladder().metrics()) {
            long amount = 0;
            if (m.kind() == Metric.Kind.POINTS) {
                amount = totals.getOrDefault(m.key(), 0L);
            } else if (m.kind() == Metric.Kind.SPEND && purchase != null
                    && purchase.total().currency().getCurrencyCode().equals(m.key())) {
                amount = minorUnitsFloor(m, purchase.total().amount());
            } else if (m.kind() == Metric.Kind.PURCHASES && purchase != null) {
                amount = 1;
            } else if (m.kind() == Metric.Kind.COUNTER && purchase != null) {
                amount = purchase.counters().getOrDefault(m.key(), 0L);
            }
            if (amount > 0) {
                recorded.put(m, amount);
            }
        }
        return recorded;
    }

    /** The qualifying activity a return takes back, per metric id, bounded by what the purchase recorded. */
    Map<String, Long> unqualified(ReceiptRecord bought, ReturnState returned, Map<String, Long> clawedTotals,
            Map<String, Long> units, boolean allReturned) {
        if (tierEngine == null) {
            return Map.of();
        }
        Purchase purchase = (Purchase) bought.activity();
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<Metric, Long> q : qualified(purchase, AwardTotals.totalsByCurrency(bought.awards())).entrySet()) {
            Metric m = q.getKey();
            long amount = 0;
            if (m.kind() == Metric.Kind.POINTS) {
                amount = clawedTotals.getOrDefault(m.key(), 0L);
            } else if (m.kind() == Metric.Kind.SPEND) {
                BigDecimal money = BigDecimal.ZERO;
                for (BasketLine line : purchase.lines()) {
                    Long n = units.get(line.lineId());
                    if (n != null) {
                        money = money.add(line.unitPrice().times(n).amount());
                    }
                }
                amount = minorUnitsFloor(m, money);
            } else if ((m.kind() == Metric.Kind.PURCHASES || m.kind() == Metric.Kind.COUNTER) && allReturned) {
                amount = q.getValue(); // one purchase, or the counts it brought, go back with its last unit
            }
            amount = Math.min(amount, q.getValue() - returned.qualifiedReturned().getOrDefault(metricId(m), 0L));
            if (amount > 0) {
                out.put(metricId(m), amount);
            }
        }
        return out;
    }

    /** Takes back in a tier engine the qualifying activity a return's record names, per metric of its ladder. */
    static void takeBack(TierEngine engine, ReceiptRecord ret) {
        for (Metric m : engine.ladder().metrics()) {
            Long amount = ret.tierReturns().get(metricId(m));
            if (amount != null) {
                engine.recordReturn(ret.member(), tierKey(ret.original(), m), amount, ret.at(), tierKey(ret.key(), m));
            }
        }
    }

    /** How a metric is named in stored return states and records. */
    static String metricId(Metric m) {
        return m.kind().name() + ":" + m.key();
    }

    static long minorUnitsFloor(Metric m, BigDecimal amount) {
        try {
            return amount.movePointRight(m.scale()).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new io.github.loyaltyrules.ledger.AmountOverflowException("spend of " + Inputs.shown(amount)
                    + " is more than " + Long.MAX_VALUE + " minor units of " + m.key() + " for tier metric " + m);
        }
    }

    /** Checks, before anything is stored, that a purchase's spend fits the tier engine's spend metrics. */
    void checkSpend(Purchase purchase) {
        for (Metric m : tierEngine.ladder().metrics()) {
            if (m.kind() == Metric.Kind.SPEND && purchase.total().currency().getCurrencyCode().equals(m.key())) {
                minorUnitsFloor(m, purchase.total().amount());
            }
        }
    }

    static IdempotencyKey tierKey(IdempotencyKey key, Metric m) {
        switch (m.kind()) {
            case POINTS:
                return ProgramContext.derived(key, m.key());
            case SPEND:
                return new IdempotencyKey(key.value() + "#spend");
            case COUNTER:
                return new IdempotencyKey(key.value() + counterSuffix(m.key()));
            default:
                return new IdempotencyKey(key.value() + "#purchase");
        }
    }

    /**
     * What a counter's tier key adds to the purchase's key, within the {@value ProgramContext#SUFFIX} characters a
     * facade key leaves: {@code #c:} and the name, or for a name too long for that {@code #H:} and 16 hex
     * digits of its SHA-256 (the two forms cannot meet, and two names meet with odds of 2^-64).
     */
    static String counterSuffix(String name) {
        String plain = "#c:" + name;
        return plain.length() <= ProgramContext.SUFFIX ? plain : "#H:" + Vouchers.hex(name, 8);
    }
}
