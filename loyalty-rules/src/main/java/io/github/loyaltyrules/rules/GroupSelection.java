package io.github.loyaltyrules.rules;

/**
 * Which one of the matching rules of an exclusive group applies.
 *
 * @since 0.1.0
 */
public enum GroupSelection {

    /**
     * The rule that awards most: compared by amount in the rule set's first currency, then in the
     * next, and so on; ties go to the rule first in priority order.
     */
    BEST,

    /** The first matching rule in priority order that awards anything. */
    FIRST
}
