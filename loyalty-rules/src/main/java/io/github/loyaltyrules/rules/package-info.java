/**
 * The default {@link io.github.loyaltyrules.rule.RuleEngine}: a {@link io.github.loyaltyrules.rules.RuleSet}
 * built with {@link io.github.loyaltyrules.rules.RuleSet#builder(io.github.loyaltyrules.ledger.PointCurrency...)}
 * from rules, each with a {@link io.github.loyaltyrules.rules.Condition} (see
 * {@link io.github.loyaltyrules.rules.Conditions}), {@link io.github.loyaltyrules.rules.Action}s (see
 * {@link io.github.loyaltyrules.rules.Actions}) or a {@link io.github.loyaltyrules.rules.Multiplier},
 * an optional exclusive group, per-transaction caps and campaign.
 *
 * <p>Amounts are exact: points are {@code long} minor units, money is {@code BigDecimal}; every
 * place that rounds states its rule in the award's explanation.
 */
package io.github.loyaltyrules.rules;
