/**
 * The default rule engine for loyalty-core: conditions, actions, multipliers, exclusive groups,
 * caps, campaign budgets, explanations and indexed evaluation, built with a Java builder API.
 */
module io.github.loyaltyrules.rules {
    requires transitive io.github.loyaltyrules.core;

    exports io.github.loyaltyrules.rules;
    exports io.github.loyaltyrules.rules.text;
}
