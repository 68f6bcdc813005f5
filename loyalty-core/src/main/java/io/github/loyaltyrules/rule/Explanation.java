package io.github.loyaltyrules.rule;

import java.util.Objects;

/**
 * Why an award is what it is, in the terms a customer statement needs: the base it was computed
 * on, the rate, the multiplier, the rounding rule, and any cap that cut it.
 *
 * @param base what the award was computed on, e.g. "12.40 EUR on 2 coffee lines", or "" for a fixed award
 * @param rate the rate, e.g. "1 pt per 1.00", or "" for a fixed award
 * @param multiplier the multiplier applied, e.g. "2x (Gold)", or "" for none
 * @param rounding the rounding rule applied, e.g. "floor to whole points", or "" for none
 * @param cap the cap that cut the award, e.g. "capped at 100 pts per day", or "" for none
 *
 * @since 0.1.0
 */
public record Explanation(String base, String rate, String multiplier, String rounding, String cap) {

    /**
     * Validates the explanation.
     *
     * @param base what the award was computed on, e.g. "12.40 EUR on 2 coffee lines", or "" for a fixed award
     * @param rate the rate, e.g. "1 pt per 1.00", or "" for a fixed award
     * @param multiplier the multiplier applied, e.g. "2x (Gold)", or "" for none
     * @param rounding the rounding rule applied, e.g. "floor to whole points", or "" for none
     * @param cap the cap that cut the award, e.g. "capped at 100 pts per day", or "" for none
     * @throws NullPointerException if a component is null (use "" for none)
     */
    public Explanation {
        Objects.requireNonNull(base, "base must not be null");
        Objects.requireNonNull(rate, "rate must not be null");
        Objects.requireNonNull(multiplier, "multiplier must not be null");
        Objects.requireNonNull(rounding, "rounding must not be null");
        Objects.requireNonNull(cap, "cap must not be null");
    }

    /**
     * Returns an explanation of a fixed award: no base, rate, multiplier, rounding or cap.
     *
     * @return the explanation
     */
    public static Explanation fixed() {
        return new Explanation("", "", "", "", "");
    }

    /**
     * Returns a copy naming the cap that cut the award.
     *
     * @param cap the cap, e.g. "capped at 100 pts per day"
     * @return the copy
     * @throws NullPointerException if {@code cap} is null
     */
    public Explanation withCap(String cap) {
        return new Explanation(base, rate, multiplier, rounding, cap);
    }

    /**
     * Returns the parts that are present, joined for a statement line, e.g.
     * {@code "1 pt per 1.00 on 12.40 EUR; 2x (Gold); floor"}.
     *
     * @return the text, possibly empty
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        append(sb, rate.isEmpty() ? base : (base.isEmpty() ? rate : rate + " on " + base));
        append(sb, multiplier);
        append(sb, rounding);
        append(sb, cap);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String part) {
        if (!part.isEmpty()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(part);
        }
    }
}
