package io.github.loyaltyrules.rule;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.internal.Inputs;
import java.util.List;
import java.util.Objects;

/**
 * The result of evaluating the rules for one activity: the awards, in the order the engine
 * applied them.
 *
 * @param awards the awards; possibly empty
 *
 * @since 0.1.0
 */
public record Evaluation(List<Award> awards) {

    /** An evaluation that awards nothing. */
    public static final Evaluation NOTHING = new Evaluation(List.of());

    /**
     * Makes the award list unmodifiable and checks that each currency's total fits a {@code long}.
     *
     * @param awards the awards; possibly empty
     * @throws NullPointerException if {@code awards} is null or holds null
     * @throws AmountOverflowException if the awards in one currency add up to more than a {@code long}
     *         of minor units
     */
    public Evaluation {
        Objects.requireNonNull(awards, "awards must not be null");
        awards = List.copyOf(awards);
        long all = 0;
        for (int i = 0; i < awards.size(); i++) { // amounts are positive: if all of them fit, each currency's do
            all += awards.get(i).amount();
            if (all < 0) {
                checkTotals(awards);
                break;
            }
        }
    }

    private static void checkTotals(List<Award> awards) {
        for (Award a : awards) {
            long sum = 0;
            for (Award b : awards) {
                if (b.currency().equals(a.currency())) {
                    sum += b.amount();
                    if (sum < 0) {
                        throw new AmountOverflowException("awards in " + Inputs.shown(a.currency()) + " add up to more"
                                + " than the exact range of a long (" + Long.MAX_VALUE + " minor units) at the award of"
                                + " rule '" + Inputs.shown(b.ruleId()) + "'");
                    }
                }
            }
        }
    }

    /**
     * Returns the total awarded in one currency.
     *
     * @param currency the currency code
     * @return the sum in minor units
     */
    public long total(String currency) {
        long sum = 0;
        for (Award a : awards) {
            if (a.currency().equals(currency)) {
                sum = Math.addExact(sum, a.amount());
            }
        }
        return sum;
    }
}
