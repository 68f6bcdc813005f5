package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.rule.Award;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums of an activity's awards per currency, and the ledger description of what they earned. */
final class AwardTotals {

    private AwardTotals() {
    }

    /** Checks that an activity's awards add up per currency without overflow, before anything is stored. */
    static void checkTotals(IdempotencyKey key, List<Award> awards) {
        try {
            totalsByCurrency(awards);
        } catch (ArithmeticException e) {
            throw new io.github.loyaltyrules.ledger.AmountOverflowException("the awards of activity '" + key
                    + "' add up to more than " + Long.MAX_VALUE + " minor units in one currency; nothing was recorded");
        }
    }

    static Map<String, Long> totalsByCurrency(List<Award> awards) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Award a : awards) {
            totals.merge(a.currency(), a.amount(), Math::addExact);
        }
        return totals;
    }

    static Map<String, Long> totals(String[] codes, long[] sums, int currencies) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (int c = 0; c < currencies; c++) {
            totals.put(codes[c], sums[c]);
        }
        return totals;
    }

    /** The ledger description of an earning: {@code "<type> <key>: <rule name>, <rule name>..."}. */
    static String description(String type, IdempotencyKey key, List<Award> awards, String currency) {
        int length = type.length() + key.value().length() + 2;
        for (int i = 0; i < awards.size(); i++) {
            Award a = awards.get(i);
            if (a.currency().equals(currency)) {
                length += a.ruleName().length() + 2;
            }
        }
        StringBuilder sb = new StringBuilder(length).append(type).append(' ').append(key.value()).append(": ");
        boolean first = true;
        for (int i = 0; i < awards.size(); i++) {
            Award a = awards.get(i);
            if (a.currency().equals(currency)) {
                if (!first) {
                    sb.append(", ");
                }
                sb.append(a.ruleName());
                first = false;
            }
        }
        return sb.toString();
    }
}
