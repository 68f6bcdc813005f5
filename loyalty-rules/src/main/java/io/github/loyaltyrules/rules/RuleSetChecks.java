package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.rules.internal.Nodes;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The checks {@link RuleSet.Builder#build()} makes of every reference before it builds a rule set. */
final class RuleSetChecks {

    private RuleSetChecks() {
    }

    /**
     * Checks the rules against what the builder declares.
     *
     * @throws DuplicateRuleIdException if two rules share an id
     * @throws UnknownRuleReferenceException if a rule names a currency, tier, member attribute,
     *         group or campaign that was not declared
     * @throws InvalidRuleException if an exclusive group mixes awarding and multiplier rules
     */
    static void check(List<Rule> rules, Map<String, PointCurrency> currencies, Set<String> tiers,
            Set<String> attributes, Map<String, GroupSelection> groups, Map<String, Campaign> campaigns) {
        Set<String> ids = new LinkedHashSet<>();
        Map<String, Boolean> groupKinds = new HashMap<>();
        for (Campaign c : campaigns.values()) {
            for (String code : c.budgets().keySet()) {
                checkCurrency(currencies, "campaign '" + Inputs.shown(c.id()) + "'", code);
            }
        }
        for (Rule r : rules) {
            if (!ids.add(r.id())) {
                throw new DuplicateRuleIdException("rule id '" + Inputs.shown(r.id())
                        + "' appears twice in the rule set; rule ids"
                        + " must be unique");
            }
            String who = "rule '" + Inputs.shown(r.id()) + "'";
            for (Action a : r.actions()) {
                for (String code : a.currencies()) {
                    checkCurrency(currencies, who, code);
                }
            }
            if (r.multiplier().isPresent()) {
                checkCurrency(currencies, who, r.multiplier().get().currency());
            }
            for (String code : r.capsPerTransaction().keySet()) {
                checkCurrency(currencies, who + " (cap)", code);
            }
            for (String code : r.capsPerMember().keySet()) {
                checkCurrency(currencies, who + " (cap)", code);
            }
            if (tiers != null) {
                Set<String> named = new TreeSet<>();
                Nodes.tiers(r.condition(), named);
                named.removeAll(tiers);
                if (!named.isEmpty()) {
                    throw new UnknownRuleReferenceException(who + " names tier " + named
                            + ", which the program does not have; tiers are " + tiers);
                }
            }
            if (attributes != null) {
                Set<String> named = new TreeSet<>();
                Nodes.attributes(r.condition(), named);
                named.removeAll(attributes);
                if (!named.isEmpty()) {
                    throw new UnknownRuleReferenceException(who + " names member attribute " + named
                            + ", which the program does not keep; attributes are " + attributes);
                }
            }
            if (r.exclusiveGroup().isPresent()) {
                String g = r.exclusiveGroup().get();
                if (!groups.containsKey(g)) {
                    throw new UnknownRuleReferenceException(who + " names exclusive group '" + Inputs.shown(g)
                            + "', which is not declared; declared groups are " + groups.keySet());
                }
                Boolean kind = groupKinds.putIfAbsent(g, r.multiplier().isPresent());
                if (kind != null && kind != r.multiplier().isPresent()) {
                    throw new InvalidRuleException(who + " is a " + (kind ? "awarding" : "multiplier")
                            + " rule in exclusive group '" + Inputs.shown(g) + "', whose other rules are "
                            + (kind ? "multiplier" : "awarding") + " rules; a group holds one kind");
                }
            }
            if (r.campaign().isPresent() && !campaigns.containsKey(r.campaign().get())) {
                throw new UnknownRuleReferenceException(who + " names campaign '" + Inputs.shown(r.campaign().get())
                        + "', which was not added; campaigns are " + campaigns.keySet());
            }
        }
    }

    private static void checkCurrency(Map<String, PointCurrency> currencies, String who, String code) {
        if (!currencies.containsKey(code)) {
            throw new UnknownRuleReferenceException(who + " awards currency " + code
                    + ", which the program does not have; currencies are " + currencies.keySet());
        }
    }
}
