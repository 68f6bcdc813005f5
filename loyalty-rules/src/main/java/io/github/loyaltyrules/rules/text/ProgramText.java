package io.github.loyaltyrules.rules.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes loyalty programs as text: currencies and their expiry, tiers, exclusive groups,
 * campaigns, rules and rewards, in the language described in the module's {@code GRAMMAR.md}.
 *
 * <pre>{@code
 * ParsedProgram p = ProgramText.parse("""
 *     currency STARS "Stars" decimals 0 expires after 12 months;
 *     rule base "2 stars per 1.00" then earn 2 STARS per 1.00 EUR;
 *     """);
 * LoyaltyProgram program = LoyaltyProgram.of(ledger, p.toVersion(), ladder);
 * }</pre>
 *
 * <p>{@link #parse(String)} either returns a complete program or throws, so a text with errors never
 * replaces a running program: {@code program.install(ProgramText.parse(text).toVersion())} leaves the
 * installed version in place when the text has an error.
 *
 * <p>The class is stateless and thread-safe.
 */
public final class ProgramText {

    /** At most this many errors are listed; a last entry says how many more there were. */
    static final int MAX_ERRORS = 100;

    private ProgramText() {
    }

    /**
     * Parses program text, checks every name it uses and builds the program.
     *
     * @param text the program text
     * @return the program
     * @throws NullPointerException if {@code text} is null
     * @throws ProgramSyntaxException listing every syntax and semantic error in the text (the first
     *         100, then how many more), with line, column, offending text and what was expected
     */
    public static ParsedProgram parse(String text) {
        Objects.requireNonNull(text, "program text must not be null");
        List<Problem> problems = new ArrayList<>();
        List<Token> tokens = new Lexer(text, problems).tokens();
        Parser parser = new Parser(tokens, problems);
        Ast.Program syntax = parser.program();
        ParsedProgram program = new Compiler(syntax, problems, parser.failedStatements()).compile();
        if (!problems.isEmpty() || program == null) {
            if (problems.isEmpty()) {
                problems.add(new Problem(1, 1, "", "a program needs at least one 'currency' declaration"));
            }
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            if (problems.size() > MAX_ERRORS) {
                Problem last = problems.get(MAX_ERRORS);
                int more = problems.size() - MAX_ERRORS;
                problems = new ArrayList<>(problems.subList(0, MAX_ERRORS));
                problems.add(new Problem(last.line(), last.column(), last.text(), "too many errors; " + more
                        + " more from here on are not listed"));
            }
            throw new ProgramSyntaxException(problems);
        }
        return program;
    }

    /**
     * Writes a program as canonical text: one statement after another in the order they were
     * written, each clause in a fixed order and layout, comments dropped. Parsing the result gives
     * an equivalent program, and printing that gives the same text again.
     *
     * @param program the program
     * @return the canonical text
     * @throws NullPointerException if {@code program} is null
     */
    public static String print(ParsedProgram program) {
        Objects.requireNonNull(program, "program must not be null");
        return Printer.print(program.syntax());
    }
}
