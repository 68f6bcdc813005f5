/**
 * A text language for whole loyalty programs: {@link io.github.loyaltyrules.rules.text.ProgramText}
 * parses a program (point currencies and their expiry, tiers, exclusive groups, campaigns, rules
 * and rewards) into a {@link io.github.loyaltyrules.rules.text.ParsedProgram} and prints one back as
 * canonical text.
 *
 * <p>The parser is hand-written and has no dependencies. Every error it finds carries its line,
 * column, offending text and what was expected, with "did you mean" suggestions for misspelt
 * names; all errors of a text are thrown together in one
 * {@link io.github.loyaltyrules.rules.text.ProgramSyntaxException}. Decimal literals are read as
 * {@link java.math.BigDecimal} from their source text, never through binary floating point. The
 * grammar is in the module's {@code GRAMMAR.md}.
 */
package io.github.loyaltyrules.rules.text;
