/**
 * The default {@link io.github.loyaltyrules.rule.RuleEngine}: a {@link io.github.loyaltyrules.rules.RuleSet}
 * built with {@link io.github.loyaltyrules.rules.RuleSet#builder(io.github.loyaltyrules.ledger.PointCurrency...)}
 * from rules, each with a {@link io.github.loyaltyrules.rules.Condition} (see
 * {@link io.github.loyaltyrules.rules.Conditions}), {@link io.github.loyaltyrules.rules.Action}s (see
 * {@link io.github.loyaltyrules.rules.Actions}) or a {@link io.github.loyaltyrules.rules.Multiplier},
 * an optional exclusive group, per-transaction caps and campaign.
 *
 * <pre>{@code
 * RuleSet coffeeChain = RuleSet.builder(stars)
 *         .tiers("Green", "Gold")
 *         .multipliers(MultiplierStacking.ADDITIVE)
 *         .rule("base", r -> r.name("2 stars per 1.00")
 *                 .award(Actions.perUnitSpent(stars.points(2), Money.of("1.00", "EUR"))))
 *         .rule("gold-tuesday", r -> r.name("Double stars on Tuesdays for Gold")
 *                 .when(Conditions.tier("Gold").and(Conditions.daysOfWeek(DayOfWeek.TUESDAY)))
 *                 .multiply(Multiplier.of("STARS", BigDecimal.valueOf(2))))
 *         .rule("welcome", r -> r.name("50 bonus stars on the first purchase").priority(10)
 *                 .when(Conditions.firstPurchase())
 *                 .award(Actions.fixed(stars.points(50))))
 *         .build();
 * ProgramVersion v = ProgramVersion.of("2024-06", coffeeChain, rewards);
 * }</pre>
 *
 * <p>Amounts are exact: points are {@code long} minor units, money is {@code BigDecimal}; every
 * place that rounds states its rule in the award's explanation.
 */
package io.github.loyaltyrules.rules;
