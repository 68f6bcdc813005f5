package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.LoyaltyException;
import java.util.List;

/**
 * Thrown when program text has one or more syntax or semantic errors; lists all of them, in the
 * order of their position in the text.
 *
 * @since 0.1.0
 */
public final class ProgramSyntaxException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> errors;

    ProgramSyntaxException(List<Problem> errors) {
        super(Reason.INVALID_DEFINITION, message(errors));
        this.errors = List.copyOf(errors);
    }

    private static String message(List<Problem> errors) {
        StringBuilder sb = new StringBuilder();
        sb.append(errors.size() == 1 ? "1 error" : errors.size() + " errors").append(" in program text:");
        for (Problem p : errors) {
            sb.append("\n  ").append(p);
        }
        return sb.toString();
    }

    /**
     * Returns every error found, in the order of their position in the text.
     *
     * @return the errors; unmodifiable, never empty
     */
    public List<Problem> errors() {
        return errors;
    }
}
