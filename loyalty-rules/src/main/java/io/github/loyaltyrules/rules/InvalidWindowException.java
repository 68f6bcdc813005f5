package io.github.loyaltyrules.rules;

/**
 * Thrown when a date or time window ends before it starts (or is empty).
 *
 * @since 0.1.0
 */
public final class InvalidWindowException extends RuleDefinitionException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, naming the rule, and what is allowed
     */
    public InvalidWindowException(String message) {
        super(message);
    }
}
