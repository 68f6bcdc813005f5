package io.github.loyaltyrules.tier;

/**
 * What a program does when a return lowers the activity a member's current tier was reached on.
 *
 * @since 0.1.0
 */
public enum ReturnRule {
    /** The member drops at once to the tier the remaining activity qualifies for (never below a never-downgrade floor). */
    IMMEDIATE,
    /** The return only lowers the window's total; any downgrade happens when the window closes. */
    AT_WINDOW_CLOSE
}
