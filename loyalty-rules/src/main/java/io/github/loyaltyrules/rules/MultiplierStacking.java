package io.github.loyaltyrules.rules;

/**
 * How several multipliers that apply to the same points combine, as the program states it.
 *
 * <p>Example with base 10 and multipliers 2x and 3x: {@link #ADDITIVE} gives 10 + 10 + 20 = 40;
 * {@link #COMPOUND} gives 10 * 2 * 3 = 60.
 *
 * @since 0.1.0
 */
public enum MultiplierStacking {

    /** Each multiplier adds {@code (factor - 1) * base}, independently of the others. */
    ADDITIVE,

    /**
     * Multipliers multiply one another: taken in priority order, each adds
     * {@code floor(base * product so far * factor) - floor(base * product so far)}, so that all of
     * them together add {@code floor(base * product of factors) - base} per line.
     */
    COMPOUND
}
