package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.LoyaltyException;

/**
 * The root of the rule module's exceptions: a rule set or rule that cannot be built as written. Thrown at build time; nothing is evaluated with a rejected definition.
 *
 * @since 0.1.0
 */
public abstract class RuleDefinitionException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, naming the rule, and what is allowed
     */
    protected RuleDefinitionException(String message) {
        super(Reason.INVALID_DEFINITION, message);
    }
}
