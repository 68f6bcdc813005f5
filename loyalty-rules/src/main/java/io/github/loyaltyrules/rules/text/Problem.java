package io.github.loyaltyrules.rules.text;

import java.util.Objects;

/**
 * One error found in program text: where it is, the offending text and what was wrong or expected.
 *
 * @param line the 1-based line
 * @param column the 1-based column, counted in Unicode code points
 * @param text the offending source text; empty at the end of input
 * @param message what is wrong and what was expected, e.g.
 *        {@code unknown tier 'Glod', did you mean 'Gold'?}
 *
 * @since 0.1.0
 */
public record Problem(int line, int column, String text, String message) {

    /**
     * Validates the problem.
     *
     * @param line the line
     * @param column the column
     * @param text the offending text
     * @param message the message
     * @throws NullPointerException if {@code text} or {@code message} is null
     */
    public Problem {
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }

    /**
     * Returns the problem as one line: {@code line 3, column 12: message}.
     *
     * @return the line of text
     */
    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
