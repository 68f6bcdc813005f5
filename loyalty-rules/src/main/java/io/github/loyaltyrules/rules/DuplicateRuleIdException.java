package io.github.loyaltyrules.rules;

/**
 * Thrown when two rules of one rule set share an id.
 *
 * @since 0.1.0
 */
public final class DuplicateRuleIdException extends RuleDefinitionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, naming the rule, and what is allowed
     */
    public DuplicateRuleIdException(String message) {
        super(message);
    }
}
