package io.github.loyaltyrules.rules;

/**
 * Thrown when a rule names a currency, tier, exclusive group or campaign the rule set was not given.
 *
 * @since 0.1.0
 */
public final class UnknownRuleReferenceException extends RuleDefinitionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, naming the rule, and what is allowed
     */
    public UnknownRuleReferenceException(String message) {
        super(message);
    }
}
