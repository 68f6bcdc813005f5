package io.github.loyaltyrules.rule;

import java.util.List;
import java.util.Objects;

/**
 * The result of evaluating the rules for one activity: the awards, in the order the engine
 * applied them.
 *
 * @param awards the awards; possibly empty
 */
public record Evaluation(List<Award> awards) {

    /** An evaluation that awards nothing. */
    public static final Evaluation NOTHING = new Evaluation(List.of());

    /**
     * Makes the award list unmodifiable.
     *
     * @param awards the awards; possibly empty
     * @throws NullPointerException if {@code awards} is null
     */
    public Evaluation {
        Objects.requireNonNull(awards, "awards must not be null");
        awards = List.copyOf(awards);
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
