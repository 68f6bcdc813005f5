package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.internal.Inputs;

/**
 * One token of program text with its position (1-based line and column, counted in code points).
 *
 * @param kind the kind
 * @param text the source text, or for a string the decoded value
 * @param line the line
 * @param column the column
 */
record Token(Kind kind, String text, int line, int column) {

    /** Token kinds. */
    enum Kind { IDENT, STRING, NUMBER, DATE, TIME, SYMBOL, EOF }

    boolean is(String word) {
        return (kind == Kind.IDENT || kind == Kind.SYMBOL) && text.equals(word);
    }

    /** How the token is shown in an error message: at most about 64 characters of it. */
    String shown() {
        switch (kind) {
            case EOF:
                return "end of input";
            case STRING:
                return "\"" + Inputs.shown(Printer.escape(text)) + "\"";
            default:
                return "'" + Inputs.shown(text) + "'";
        }
    }

    /** The offending text recorded in a problem. */
    String source() {
        return kind == Kind.STRING ? "\"" + Printer.escape(text) + "\"" : kind == Kind.EOF ? "" : text;
    }
}
