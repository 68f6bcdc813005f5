package io.github.loyaltyrules.rules;

/**
 * Thrown when a rule is otherwise malformed: a blank id, a non-positive rate or amount, a multiplier factor not above 1, or a rule with neither action nor multiplier.
 *
 * @since 0.1.0
 */
public final class InvalidRuleException extends RuleDefinitionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, naming the rule, and what is allowed
     */
    public InvalidRuleException(String message) {
        super(message);
    }
}
