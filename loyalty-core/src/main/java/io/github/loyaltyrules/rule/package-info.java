/**
 * The rule engine SPI: what a purchase or event looks like to rules
 * ({@link io.github.loyaltyrules.rule.RuleContext}), what rules return
 * ({@link io.github.loyaltyrules.rule.Award} lines with their
 * {@link io.github.loyaltyrules.rule.Explanation}), and the
 * {@link io.github.loyaltyrules.rule.RuleEngine} interface the default engine in
 * {@code loyalty-rules}, or a caller's own, implements.
 */
package io.github.loyaltyrules.rule;
