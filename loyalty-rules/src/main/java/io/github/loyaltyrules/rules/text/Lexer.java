package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.util.ArrayList;
import java.util.List;

/** Splits program text into tokens; records a problem for each malformed token and goes on. */
final class Lexer {

    private final String src;
    private final List<Problem> problems;
    private int pos;
    private int line = 1;
    private int col = 1;

    Lexer(String src, List<Problem> problems) {
        this.src = src;
        this.problems = problems;
    }

    private void report(Problem p) {
        if (problems.size() < LIMIT) {
            problems.add(p);
        }
    }

    /** Beyond this many problems the lexer stops recording more; the parser still reports its own. */
    private static final int LIMIT = 10_000;

    static boolean identStart(int cp) {
        return Character.isLetter(cp) || cp == '_';
    }

    static boolean identPart(int cp) {
        if (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-') {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipBlanksAndComments();
            if (pos >= src.length()) {
                out.add(new Token(Token.Kind.EOF, "", line, col));
                return out;
            }
            int startLine = line;
            int startCol = col;
            int cp = src.codePointAt(pos);
            if (identStart(cp)) {
                int start = pos;
                while (pos < src.length() && identPart(src.codePointAt(pos))) {
                    advance();
                }
                out.add(new Token(Token.Kind.IDENT, src.substring(start, pos), startLine, startCol));
            } else if (cp >= '0' && cp <= '9') {
                out.add(number(startLine, startCol));
            } else if (cp == '-' && isDigit(peekAt(1))) {
                advance();
                Token t = number(startLine, startCol);
                if (t.kind() == Token.Kind.NUMBER) {
                    out.add(new Token(Token.Kind.NUMBER, "-" + t.text(), startLine, startCol));
                } else {
                    report(new Problem(startLine, startCol, "-" + t.text(), "unexpected '-' before "
                            + Inputs.shown(t.text()) + "; only numbers can be negative"));
                }
            } else if (cp == '"') {
                out.add(string(startLine, startCol));
            } else if (cp == '>' || cp == '<') {
                advance();
                if (pos < src.length() && src.charAt(pos) == '=') {
                    advance();
                    out.add(new Token(Token.Kind.SYMBOL, cp == '>' ? ">=" : "<=", startLine, startCol));
                } else {
                    report(new Problem(startLine, startCol, new String(Character.toChars(cp)),
                            "unexpected character '" + new String(Character.toChars(cp)) + "'; expected '"
                                    + new String(Character.toChars(cp)) + "='"));
                }
            } else if ("=(),;".indexOf(cp) >= 0) {
                advance();
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf((char) cp), startLine, startCol));
            } else {
                advance();
                String shown = Character.isISOControl(cp) || Character.isWhitespace(cp)
                        ? String.format("U+%04X", cp) : new String(Character.toChars(cp));
                report(new Problem(startLine, startCol, shown, "unexpected character '" + shown + "'"));
            }
        }
    }

    private Token number(int startLine, int startCol) {
        int start = pos;
        digits();
        int intDigits = pos - start;
        if (intDigits == 4 && peek() == '-' && isDigit(peekAt(1))) {
            advance();
            digits();
            if (peek() == '-') {
                advance();
                digits();
            }
            return new Token(Token.Kind.DATE, src.substring(start, pos), startLine, startCol);
        }
        if (intDigits <= 2 && peek() == ':' && isDigit(peekAt(1))) {
            advance();
            digits();
            return new Token(Token.Kind.TIME, src.substring(start, pos), startLine, startCol);
        }
        if (peek() == '.' && isDigit(peekAt(1))) {
            advance();
            digits();
        }
        return new Token(Token.Kind.NUMBER, src.substring(start, pos), startLine, startCol);
    }

    private Token string(int startLine, int startCol) {
        advance();
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                report(new Problem(startLine, startCol, "\"" + sb,
                        "unterminated string; expected '\"' before the end of the line"));
                return new Token(Token.Kind.STRING, sb.toString(), startLine, startCol);
            }
            char c = src.charAt(pos);
            if (c == '"') {
                advance();
                return new Token(Token.Kind.STRING, sb.toString(), startLine, startCol);
            }
            if (c == '\\') {
                int escLine = line;
                int escCol = col;
                advance();
                char e = pos < src.length() ? src.charAt(pos) : '\0';
                switch (e) {
                    case 'n': sb.append('\n'); advance(); break;
                    case 't': sb.append('\t'); advance(); break;
                    case 'r': sb.append('\r'); advance(); break;
                    case '"': sb.append('"'); advance(); break;
                    case '\\': sb.append('\\'); advance(); break;
                    case 'u': {
                        advance();
                        int start = pos;
                        int n = 0;
                        while (n < 4 && pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
                            advance();
                            n++;
                        }
                        if (n == 4) {
                            sb.append((char) Integer.parseInt(src.substring(start, pos), 16));
                        } else {
                            report(new Problem(escLine, escCol, "\\u" + src.substring(start, pos),
                                    "bad escape '\\u" + src.substring(start, pos) + "'; expected four hex digits after \\u"));
                        }
                        break;
                    }
                    default: {
                        String bad = e == '\0' || e == '\n' ? "\\" : "\\" + e;
                        report(new Problem(escLine, escCol, bad, "bad escape '" + bad
                                + "'; expected one of \\\" \\\\ \\n \\t \\r \\uXXXX"));
                        if (e != '\0' && e != '\n') {
                            advance();
                        }
                    }
                }
                continue;
            }
            sb.appendCodePoint(src.codePointAt(pos));
            advance();
        }
    }

    private void skipBlanksAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\uFEFF') {
                advance();
            } else if (c == '#' || (c == '/' && peekAt(1) == '/')) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private void digits() {
        while (isDigit(peek())) {
            advance();
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private int peek() {
        return peekAt(0);
    }

    private int peekAt(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : -1;
    }

    private void advance() {
        int cp = src.codePointAt(pos);
        pos += Character.charCount(cp);
        if (cp == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
    }
}
