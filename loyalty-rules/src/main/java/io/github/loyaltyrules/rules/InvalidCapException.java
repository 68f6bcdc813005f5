package io.github.loyaltyrules.rules;

/**
 * Thrown when a cap or campaign budget is zero or negative.
 *
 * @since 0.1.0
 */
public final class InvalidCapException extends RuleDefinitionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, naming the rule, and what is allowed
     */
    public InvalidCapException(String message) {
        super(message);
    }
}
