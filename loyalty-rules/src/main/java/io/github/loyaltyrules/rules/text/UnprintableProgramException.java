package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.LoyaltyException;

/**
 * Thrown when a program built in Java holds a part the text language cannot state, e.g. a condition
 * or action written as a Java lambda rather than built with the library's factories. The message
 * names the rule (or other statement) and the part.
 *
 * @since 0.1.0
 */
public final class UnprintableProgramException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    UnprintableProgramException(String message) {
        super(Reason.INVALID_DEFINITION, message);
    }
}
