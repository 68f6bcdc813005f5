package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.tier.TierLadder;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Reads and writes loyalty programs as text: currencies and their expiry, tiers, exclusive groups,
 * campaigns, rules and rewards, in the language described in the module's {@code GRAMMAR.md}. A
 * program built in Java with the library's factories is printed too ({@link #print(RuleSet)},
 * {@link #print(ProgramVersion, TierLadder)}); one holding a hand-written Java condition, action
 * or line matcher is not, and printing it throws {@link UnprintableProgramException}.
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
 *
 * @since 0.1.0
 */
public final class ProgramText {

    /** At most this many errors are listed; a last entry says how many more there were. */
    static final int MAX_ERRORS = 100;

    private ProgramText() {
    }

    /**
     * Parses program text, checks every name it uses and builds the program. What builds but may not
     * mean what it seems to is listed by {@link ParsedProgram#warnings()}.
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
        return program.withWarnings(parser.warnings());
    }

    /**
     * Writes a program as canonical text: the text depends only on the program, not on how it was
     * written, and is the same as printing the equivalent program built in Java. Statements come in
     * a fixed order (program, zone, multipliers, currencies, attributes, tiers or ladder, groups,
     * campaigns, rules, rewards), each clause in a fixed order and layout, sets sorted, comments
     * dropped; rules keep their evaluation order. Parsing the result gives an equivalent program,
     * and printing that gives the same text again.
     *
     * @param program the program
     * @return the canonical text
     * @throws NullPointerException if {@code program} is null
     */
    public static String print(ParsedProgram program) {
        Objects.requireNonNull(program, "program must not be null");
        return Printer.print(withChallenges(Describer.describe(program.id(), program.zone(), program.ruleSet(),
                program.rewards(), program.ladder().orElse(null), program.toVersion().redemptionRules(),
                program.toVersion().voucherConversions(), program.expiryProtections()), program.challenges(),
                program.currencies()));
    }

    /**
     * Writes a rule set built in Java as canonical text, with campaign dates in UTC: its currencies
     * and their expiry, declared tiers and member attributes, exclusive groups, campaigns and rules.
     * Parsing the result gives a rule set that evaluates every activity the same way.
     *
     * @param ruleSet the rule set
     * @return the canonical text
     * @throws NullPointerException if {@code ruleSet} is null
     * @throws UnprintableProgramException if a rule's condition, action or line matcher was written
     *         as a Java lambda rather than built with the library's factories, or a campaign window
     *         does not start and end on a whole minute in UTC
     */
    public static String print(RuleSet ruleSet) {
        return print(ruleSet, ZoneOffset.UTC);
    }

    /**
     * Writes a rule set built in Java as canonical text, with campaign dates in {@code zone}.
     *
     * @param ruleSet the rule set
     * @param zone the program zone
     * @return the canonical text
     * @throws NullPointerException if an argument is null
     * @throws UnprintableProgramException if a rule's condition, action or line matcher was written
     *         as a Java lambda rather than built with the library's factories, or a campaign window
     *         does not start and end on a whole minute in {@code zone}
     */
    public static String print(RuleSet ruleSet, ZoneId zone) {
        Objects.requireNonNull(ruleSet, "rule set must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
        return Printer.print(Describer.describe(null, zone, ruleSet, List.of(), null, java.util.Map.of()));
    }

    /**
     * Writes a whole program built in Java as canonical text: its id, zone, currencies, rule set,
     * rewards and redemption rules. Parsing the result gives the same program.
     *
     * @param version the program version; its engine must be a {@link RuleSet}
     * @param zone the program zone, in which campaign and reward dates are written
     * @return the canonical text
     * @throws NullPointerException if an argument is null
     * @throws UnprintableProgramException if the engine is not a rule set, or a part cannot be
     *         printed (see {@link #print(RuleSet)})
     */
    public static String print(ProgramVersion version, ZoneId zone) {
        Objects.requireNonNull(version, "program version must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
        return Printer.print(withChallenges(Describer.describe(version.id(), zone, ruleSet(version),
                List.copyOf(version.rewards().values()), null, version.redemptionRules(), version.voucherConversions()),
                version.challenges().values(), ruleSet(version).currencies()));
    }

    /**
     * Writes a whole program built in Java as canonical text: its id, currencies, rule set, rewards
     * and tier ladder, in the ladder's zone.
     *
     * @param version the program version; its engine must be a {@link RuleSet}
     * @param ladder the tier ladder; its zone is the program zone
     * @return the canonical text
     * @throws NullPointerException if an argument is null
     * @throws UnprintableProgramException if the engine is not a rule set, the rule set declares
     *         other tiers than the ladder's, a threshold counts points in a currency the program does
     *         not have, or a part cannot be printed (see {@link #print(RuleSet)})
     */
    public static String print(ProgramVersion version, TierLadder ladder) {
        Objects.requireNonNull(version, "program version must not be null");
        Objects.requireNonNull(ladder, "ladder must not be null");
        return Printer.print(withChallenges(Describer.describe(version.id(), ladder.zone(), ruleSet(version),
                List.copyOf(version.rewards().values()), ladder, version.redemptionRules(),
                version.voucherConversions()), version.challenges().values(), ruleSet(version).currencies()));
    }

    /** The program's statements followed by its challenges' (after the rewards). */
    private static Ast.Program withChallenges(Ast.Program program,
            java.util.Collection<io.github.loyaltyrules.engagement.Challenge> challenges,
            java.util.Collection<io.github.loyaltyrules.ledger.PointCurrency> currencies) {
        if (challenges.isEmpty()) {
            return program;
        }
        java.util.Map<String, io.github.loyaltyrules.ledger.PointCurrency> byCode = new java.util.HashMap<>();
        for (io.github.loyaltyrules.ledger.PointCurrency c : currencies) {
            byCode.put(c.code(), c);
        }
        List<Ast.Stmt> all = new java.util.ArrayList<>(program.statements());
        all.addAll(ChallengeClauses.describe(challenges, byCode));
        return new Ast.Program(List.copyOf(all));
    }

    private static RuleSet ruleSet(ProgramVersion version) {
        if (!(version.engine() instanceof RuleSet)) {
            throw new UnprintableProgramException("program version '" + version.id() + "' runs the rule engine "
                    + version.engine().getClass().getName() + "; only a RuleSet can be printed");
        }
        return (RuleSet) version.engine();
    }
}
